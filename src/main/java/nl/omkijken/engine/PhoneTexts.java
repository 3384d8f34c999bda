package nl.omkijken.engine;

/**
 * What the phone itself says, around the dialogs' texts (dialogs/phone.yaml). Every line shares them, so
 * they say neither "je" nor "u".
 *
 * @param notHeard   before the question again, when the caller said and keyed nothing
 * @param repeatHint after every question: 9 says it again
 * @param hangUp     when the caller stays silent and nothing more can be done in the call
 * @param notByPhone a call to a line that does not answer calls: what to do instead, and the helplines
 * @param alreadyWaiting a call from someone whose request for contact is still open, with the helplines
 * @param leaveWord  after that: what the caller says now is kept for whoever calls back
 * @param trouble    something on our side failed: try later, and the helplines
 * @param hold       what a caller hears while waiting on the line for a worker (lines that hold calls)
 */
public record PhoneTexts(Localized notHeard, Localized repeatHint, Localized hangUp, Localized notByPhone,
                         Localized alreadyWaiting, Localized leaveWord, Localized trouble, Hold hold) {
    /** No phone texts: a dialogs folder without phone.yaml (the service refuses to answer calls then). */
    public static final PhoneTexts NONE = new PhoneTexts(null, null, null, null, null, null, null, null);

    /**
     * @param stay         when the caller starts waiting on the line
     * @param place        their place in the queue ({position})
     * @param expectedWait the expected wait, when known ({wait})
     * @param connecting   a worker is free: the call is put through now
     * @param callBack     a worker took the conversation but the call cannot be put through: they call back (helplines)
     * @param over         the wait ended without a talk on the line (a worker closed the conversation): goodbye, helplines
     * @param notHeard     what a waiting caller said could not be taken in (a fault on our side): the wait goes on, helplines
     * @param worker       what the worker hears on their own phone
     */
    public record Hold(Localized stay, Localized place, Localized expectedWait, Localized connecting, Localized callBack,
                       Localized over, Localized notHeard, WorkerCall worker) {}

    /**
     * The call to a worker's own phone for a caller who waits.
     *
     * @param offer     a caller waits: 1 takes the call, 2 (or nothing) gives it back to the queue
     * @param connected put through (and that nothing is recorded)
     * @param gone      the caller is no longer there
     * @param declined  the caller goes back to the queue
     * @param failed    the call could not be put through just now: the caller goes back to the queue
     */
    public record WorkerCall(Localized offer, Localized connected, Localized gone, Localized declined, Localized failed) {}

    public boolean present() {
        return notHeard != null && repeatHint != null && hangUp != null && notByPhone != null && alreadyWaiting != null
                && leaveWord != null && trouble != null && hold != null;
    }
}
