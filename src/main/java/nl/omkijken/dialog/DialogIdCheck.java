package nl.omkijken.dialog;

import java.util.HashMap;
import java.util.Map;

/** Dialog ids are unique over all files, and each line has at most one entry dialog. */
final class DialogIdCheck {
    private DialogIdCheck() {}

    static void run(Folder folder, Problems problems) {
        Map<String, String> lineOwner = new HashMap<>();
        Map<String, String> callsOwner = new HashMap<>();
        for (DialogFile f : folder.files()) {
            String id = f.id();
            if (id == null) continue;
            Place at = problems.in(f.file()).dialog(id);
            DialogFile first = folder.dialogs().get(id);
            if (first != f) {
                at.error(ErrorCode.DUPLICATE_ID, "the dialog id '" + id + "' is also used by " + first.file()
                        + "; dialog ids are unique over all files, so rename one");
                continue;
            }
            String calls = f.dialog().calls();
            if (calls != null) {
                String owner = callsOwner.putIfAbsent(calls, id);
                if (owner != null) {
                    at.error(ErrorCode.INVALID_VALUE, "calls: " + calls + " is also claimed by dialog '" + owner + "'; one dialog"
                            + " answers a line's calls, so remove calls: from one of them");
                }
                boolean lineExists = folder.files().stream().anyMatch(o -> o.dialog() != null && calls.equals(o.dialog().line()));
                if (!lineExists) {
                    at.error(ErrorCode.INVALID_VALUE, "calls: " + calls + " names no line; a dialog with line: " + calls
                            + " must open its messages too");
                }
            }
            String line = f.dialog().line();
            if (line == null) continue;
            String owner = lineOwner.putIfAbsent(line, id);
            if (owner != null) {
                at.error(ErrorCode.INVALID_VALUE, "line: " + line + " is also claimed by dialog '" + owner + "' ("
                        + folder.dialogs().get(owner).file() + "); only the one dialog that opens the line's"
                        + " conversations has line:, so remove it from one of them");
            }
        }
    }
}
