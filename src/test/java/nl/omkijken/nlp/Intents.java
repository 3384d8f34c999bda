package nl.omkijken.nlp;

import java.util.List;

/** The intents issue 3 names; dialogs route on them. */
final class Intents {
    static final List<String> REQUIRED = List.of("crisis", "talk_to_human", "want_to_talk", "subsidy_funding",
            "found_foundation", "accommodation", "project_plan", "recruit_volunteers", "communication", "cooperation",
            "book_appointment", "volunteer_work", "informal_care", "checkin_ok", "checkin_not_ok", "callback_request",
            "planned_absence", "stop", "greeting", "thanks", "goodbye", "affirm", "deny");

    private Intents() {}
}
