package nl.omkijken.channels.twilio;

import nl.omkijken.people.Address;

/**
 * The {@code address} of a Twilio conversation: what a reply needs, their number and ours, joined
 * by '|' exactly as Twilio writes them, e.g. {@code "whatsapp:+31612345678|whatsapp:+3197010200300"}
 * or {@code "+31612345678|+3197010200300"}. The reply goes from our number (so it comes from the
 * line the person wrote to) to theirs.
 *
 * @param theirs the person's number, as Twilio sends it in {@code From}
 * @param ours   our number, as Twilio sends it in {@code To}
 */
public record TwilioAddress(String theirs, String ours) {
    public static final String SMS = "sms";
    public static final String WHATSAPP = "whatsapp";
    static final String WHATSAPP_PREFIX = "whatsapp:";

    public TwilioAddress {
        if (!isNumber(theirs) || !isNumber(ours)) {
            throw new IllegalArgumentException("a Twilio address needs two numbers, +<country><number> or whatsapp:+...");
        }
        if (theirs.startsWith(WHATSAPP_PREFIX) != ours.startsWith(WHATSAPP_PREFIX)) {
            throw new IllegalArgumentException("a Twilio address needs two numbers of the same channel (both whatsapp: or neither)");
        }
    }

    /** Reads a stored address; fails with a reason when it is not "theirs|ours". */
    public static TwilioAddress parse(String address) {
        if (address == null) throw new IllegalArgumentException("no address");
        int bar = address.indexOf('|');
        if (bar < 0) throw new IllegalArgumentException("address has no '|' between their number and ours");
        return new TwilioAddress(address.substring(0, bar), address.substring(bar + 1));
    }

    /**
     * True for "+31612345678", "3197010200300" (a short code without +) and "whatsapp:+31612345678":
     * after an optional whatsapp: prefix, an optional + and 3 to 15 digits.
     */
    public static boolean isNumber(String n) {
        if (n == null) return false;
        // By hand rather than String.matches: this runs for every webhook and every send.
        int from = n.startsWith(WHATSAPP_PREFIX) ? WHATSAPP_PREFIX.length() : 0;
        if (from < n.length() && n.charAt(from) == '+') from++;
        int digits = n.length() - from;
        if (digits < 3 || digits > 15) return false;
        for (int i = from; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    /** "whatsapp" when the numbers carry Twilio's whatsapp: prefix, else "sms". */
    public String channel() {
        return theirs.startsWith(WHATSAPP_PREFIX) ? WHATSAPP : SMS;
    }

    /** The person's address: channel, their number without the prefix, and this as where replies go. */
    public Address address() {
        Address who = of(theirs);
        return new Address(who.channel(), who.handle(), toString());
    }

    /** The address of a person's number as Twilio writes it ("whatsapp:+316..." or "+316..."), to look them up. */
    public static Address of(String theirs) {
        boolean whatsapp = theirs.startsWith(WHATSAPP_PREFIX);
        return Address.of(whatsapp ? WHATSAPP : SMS, whatsapp ? theirs.substring(WHATSAPP_PREFIX.length()) : theirs);
    }

    @Override
    public String toString() {
        return theirs + "|" + ours;
    }
}
