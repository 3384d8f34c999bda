package nl.omkijken.channels.twilio;

import java.util.Locale;
import java.util.Set;
import nl.omkijken.people.Address;

/**
 * A verified Twilio Voice webhook: which call, who is on it, on which line, and what they keyed or said.
 *
 * <p>On a call that came in ({@code Direction=inbound}) the person is {@code From} and our number
 * {@code To}; on a call we placed ({@code outbound-api}) it is the other way round. A caller who withholds
 * their number ("anonymous", "+266696687", ...) is a person of this call only: their address is the call.
 *
 * @param digits the keys pressed (Gather), or null
 * @param speech what speech recognition heard (Gather), or null
 * @param status Twilio's CallStatus (ringing, in-progress, completed, busy, no-answer, failed, canceled)
 */
record VoiceCall(String callSid, Address person, String line, String digits, String speech, String status) {
    static final String CHANNEL = "voice";
    private static final String SID = "CA[0-9a-fA-F]{32}";
    /** One of our ids in a URL we gave Twilio (a conversation's, a participant's, a worker's). */
    private static final String OUR_ID = "[A-Za-z0-9_-]{1,64}";
    static final Set<String> STATUSES = Set.of("queued", "initiated", "ringing", "in-progress", "completed", "busy",
            "no-answer", "failed", "canceled");
    /**
     * What Twilio sends in From for a caller who withheld their number ("anonymous", "restricted", and these
     * stand-in numbers): every such caller would otherwise be the same person.
     */
    static final Set<String> WITHHELD = Set.of("+266696687", "+7378742833", "+8656696", "+2562533", "+86282452253",
            "266696687", "7378742833", "8656696", "2562533", "86282452253");
    /** Twilio sends a few keys per Gather, a phone number typed at most; a longer Digits is not from our Gather. */
    private static final int MAX_DIGITS = 16;
    /** A Gather's speech is a sentence or two; more is not from a caller answering a question. */
    private static final int MAX_SPEECH = 1000;

    static VoiceCall parse(FormBody form, TwilioSettings settings) {
        String sid = required(form, "CallSid");
        if (!sid.matches(SID)) throw WebhookRefusal.badRequest("invalid_field", "CallSid is not a Twilio call id (CA + 32 hex)");
        String direction = form.get("Direction");
        boolean inbound = direction == null || direction.isEmpty() || direction.equals("inbound");
        if (!inbound && !direction.startsWith("outbound")) {
            throw WebhookRefusal.badRequest("invalid_field", "Direction is not inbound or outbound-*");
        }
        String from = required(form, "From");
        String to = required(form, "To");
        String ours = inbound ? to : from;
        String theirs = inbound ? from : to;
        String line = settings.lineOf(ours);
        if (line == null) {
            throw WebhookRefusal.badRequest("unknown_to", (inbound ? "To" : "From") + " is not a number of any line");
        }
        Address person = TwilioAddress.isNumber(theirs) && !theirs.startsWith(TwilioAddress.WHATSAPP_PREFIX) && !WITHHELD.contains(theirs)
                ? new Address(CHANNEL, theirs, theirs + "|" + ours)
                // A withheld number: nobody to send anything to later; the call is who they are.
                : new Address(CHANNEL, "withheld-" + sid.toLowerCase(Locale.ROOT), null);
        String digits = digits(form);
        String speech = speech(form);
        String status = blankToNull(form.get("CallStatus"));
        if (status != null) status = status.toLowerCase(Locale.ROOT);
        if (status != null && !STATUSES.contains(status)) {
            throw WebhookRefusal.badRequest("invalid_field", "CallStatus '" + status + "' is not one Twilio sends");
        }
        return new VoiceCall(sid, person, line, digits, speech, status);
    }

    /**
     * What a Gather heard, from a request that need not name the caller (the wait's Gather inside the queue): the keys,
     * else the words; null when nothing. Refused (400) as in {@link #parse}.
     */
    static String heard(FormBody form) {
        // A long talk on hold is cut, not refused: a refusal would play Twilio's application error to a waiting caller.
        String speech = blankToNull(form.get("SpeechResult"));
        if (speech != null && speech.length() > MAX_SPEECH) speech = speech.substring(0, MAX_SPEECH);
        return new VoiceCall(null, null, null, digits(form), speech, null).answer();
    }

    private static String digits(FormBody form) {
        String digits = blankToNull(form.get("Digits"));
        if (digits != null && (digits.length() > MAX_DIGITS || !digits.matches("[0-9*#w]+"))) {
            throw WebhookRefusal.badRequest("invalid_field", "Digits holds something other than up to " + MAX_DIGITS + " keys");
        }
        return digits;
    }

    private static String speech(FormBody form) {
        String speech = blankToNull(form.get("SpeechResult"));
        if (speech != null && speech.length() > MAX_SPEECH) {
            throw WebhookRefusal.badRequest("invalid_field", "SpeechResult is longer than " + MAX_SPEECH + " characters");
        }
        return speech;
    }

    /** The request's CallSid, refused (400) when it is not a Twilio call id: for requests that need no caller. */
    static String callSid(FormBody form) {
        String sid = form.get("CallSid");
        if (sid == null || !sid.matches(SID)) throw WebhookRefusal.badRequest("invalid_field", "CallSid is not a Twilio call id (CA + 32 hex)");
        return sid;
    }

    /** A call id from the query of a URL we gave Twilio, exactly once; refused (400) otherwise. */
    static String callSidParam(java.util.List<String> values, String name) {
        if (values.size() != 1 || !values.get(0).matches(SID)) throw WebhookRefusal.badRequest("invalid_field", name + " is not a call id");
        return values.get(0);
    }

    /** One of our ids from the query of a URL we gave Twilio, exactly once; refused (400) otherwise. */
    static String ourId(java.util.List<String> values, String name) {
        if (values.size() != 1 || !values.get(0).matches(OUR_ID)) throw WebhookRefusal.badRequest("invalid_field", name + " is not an id");
        return values.get(0);
    }

    /** What the caller answered: the keys, else the words; null when nothing. The keys' # is their end, not an answer. */
    String answer() {
        if (digits != null) {
            String keys = digits.replace("#", "");
            if (!keys.isEmpty()) return keys;
        }
        return speech;
    }

    private static String required(FormBody form, String name) {
        String v = form.get(name);
        if (v == null || v.isEmpty()) throw WebhookRefusal.badRequest("missing_field", name + " is required");
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** No number in a log line. */
    @Override
    public String toString() {
        return "VoiceCall[" + callSid + ", line=" + line + ", status=" + status + "]";
    }
}
