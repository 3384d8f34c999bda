package nl.omkijken.dialog;

import java.util.Set;
import nl.omkijken.engine.Dialog;

/**
 * One dialog file as read, with what the checks need beyond the record.
 *
 * @param file        path relative to the dialogs folder
 * @param dialog      the dialog; its id is null when the file has none
 * @param stepIds     every step id written in the file, including steps that could not be read
 * @param allStepsRead false when some step's kind could not be told, so its links are unknown
 */
record DialogFile(String file, Dialog dialog, Set<String> stepIds, boolean allStepsRead) {
    String id() { return dialog.id(); }
}
