package nl.omkijken.dialog;

/** Where an error is: file, dialog and step. Hands errors to {@link Problems} with that place. */
record Place(Problems problems, String file, String dialog, String step) {

    Place dialog(String id) { return new Place(problems, file, id, null); }

    Place step(String id) { return new Place(problems, file, dialog, id); }

    void error(ErrorCode code, String message) {
        problems.add(code, file, dialog, step, message);
    }
}
