package nl.omkijken.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named flow of steps. {@code line} is set on the one dialog that opens a line's conversations;
 * {@code menu}, optional, is the step a worker hands a conversation back to (the line's choices, without
 * the welcome), else the start.
 */
public record Dialog(String id, String line, String start, String menu, Map<String, Step> steps, String source, Register register,
                     java.time.Duration welcomeAgainAfter, Map<String, String> handlesDanger, String calls, String human) {
    /** How a dialog addresses the person in Dutch; null: not said (a shared dialog, in both). */
    public enum Register {
        JE, U;

        public static Register of(String written) {
            return switch (written == null ? "" : written) {
                case "je" -> JE;
                case "u" -> U;
                default -> null;
            };
        }
    }

    /**
     * @param handlesDanger per kind of danger (the risk's crisis kinds, e.g. acute_danger), the step of this dialog
     *                      that handles it (an urgent handoff that says 112): a contact person reporting "ze ligt op de
     *                      grond" answers the dialog's question, and only a route to that step takes the message
     * @param calls         the line whose phone calls this dialog opens (its callers wait on the line for a worker); null:
     *                      calls to a line open its entry dialog, like its messages
     * @param human         the step of this dialog a request for a person leads to (a handoff of its own, e.g. the
     *                      phone's queue with its own offer when nobody is free); null: the shared human dialog
     */
    public Dialog {
        steps = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(steps));
        handlesDanger = handlesDanger == null ? Map.of() : Map.copyOf(handlesDanger);
    }

    public Dialog(String id, String line, String start, String menu, Map<String, Step> steps, String source, Register register,
                  java.time.Duration welcomeAgainAfter, Map<String, String> handlesDanger, String calls) {
        this(id, line, start, menu, steps, source, register, welcomeAgainAfter, handlesDanger, calls, null);
    }

    public Dialog(String id, String line, String start, String menu, Map<String, Step> steps, String source, Register register,
                  java.time.Duration welcomeAgainAfter, Map<String, String> handlesDanger) {
        this(id, line, start, menu, steps, source, register, welcomeAgainAfter, handlesDanger, null);
    }

    public Dialog(String id, String line, String start, String menu, Map<String, Step> steps, String source, Register register,
                  java.time.Duration welcomeAgainAfter) {
        this(id, line, start, menu, steps, source, register, welcomeAgainAfter, null);
    }

    public Dialog(String id, String line, String start, String menu, Map<String, Step> steps, String source) {
        this(id, line, start, menu, steps, source, null, null);
    }

    public Dialog(String id, String line, String start, String menu, Map<String, Step> steps, String source, Register register) {
        this(id, line, start, menu, steps, source, register, null);
    }

    public Dialog(String id, String line, String start, Map<String, Step> steps, String source) {
        this(id, line, start, null, steps, source);
    }

    public Step step(String stepId) { return steps.get(stepId); }
}
