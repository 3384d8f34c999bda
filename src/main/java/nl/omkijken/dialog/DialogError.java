package nl.omkijken.dialog;

/**
 * One problem in a dialogs folder.
 *
 * @param code    a stable rule name from {@link ErrorCode}
 * @param file    the file, relative to the dialogs folder, with forward slashes
 * @param dialog  the dialog id, or null when the problem is not inside a known dialog
 * @param step    the step id, or null when the problem is not inside a step
 * @param message what is wrong and how to fix it
 */
public record DialogError(String code, String file, String dialog, String step, String message) {

    /** Prints {@code file: dialog/step: [CODE] message}, leaving out the parts that are null. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(file == null ? "" : file).append(": ");
        if (dialog != null || step != null) {
            b.append(dialog == null ? "?" : dialog);
            if (step != null) b.append('/').append(step);
            b.append(": ");
        }
        return b.append('[').append(code).append("] ").append(message).toString();
    }
}
