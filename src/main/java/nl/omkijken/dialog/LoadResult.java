package nl.omkijken.dialog;

import java.util.List;
import nl.omkijken.engine.DialogSet;

/**
 * What {@link DialogLoader#load} found: the dialogs, or every error.
 *
 * @param dialogSet the loaded dialogs; null when there is any error
 * @param errors    every problem found, in file order; empty when the folder is valid
 */
public record LoadResult(DialogSet dialogSet, List<DialogError> errors) {
    public LoadResult {
        errors = List.copyOf(errors);
    }

    public boolean ok() { return errors.isEmpty(); }
}
