package nl.omkijken.dialog;

import java.util.ArrayList;
import java.util.List;

/** Collects the errors of one load, in the order they are found. */
final class Problems {
    private final List<DialogError> errors = new ArrayList<>();

    void add(ErrorCode code, String file, String dialog, String step, String message) {
        errors.add(new DialogError(code.code(), file, dialog, step, message));
    }

    List<DialogError> all() { return List.copyOf(errors); }

    boolean isEmpty() { return errors.isEmpty(); }

    /** A place in the dialogs folder to report errors at. */
    Place in(String file) { return new Place(this, file, null, null); }
}
