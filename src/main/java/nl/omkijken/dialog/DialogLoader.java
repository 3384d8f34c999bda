package nl.omkijken.dialog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import nl.omkijken.engine.Dialog;
import nl.omkijken.engine.DialogSet;
import nl.omkijken.engine.Interrupts;
import nl.omkijken.engine.Understanding;

/**
 * Reads a dialogs folder into a {@link DialogSet} and checks it; see docs/DIALOGS.md for the format.
 *
 * <p>Layout: {@code interrupts.yaml} at the top; intents in {@code nlu/intents/*.yaml} (one {@code intent:}
 * each); {@code hours.yaml} at the top (opening hours, read by the hours package); every other
 * {@code .yaml}/{@code .yml} file outside {@code nlu/}, in any subfolder, is one dialog.
 * Every error is reported, with file, dialog and step; the dialogs are only returned when there are none.
 * Never throws: a folder that cannot be read is an error in the result.
 */
public final class DialogLoader {
    static final String INTERRUPTS = "interrupts.yaml";
    /** The lines' opening hours, at the top of the folder beside interrupts.yaml. */
    static final String HOURS = "hours.yaml";
    static final String ROUTING = nl.omkijken.routing.RoutingReader.FILE;
    static final String NLU = "nlu";
    /** FAQ texts for the knowledge base; not dialogs. */
    static final String KNOWLEDGE = "knowledge";
    static final String INTENTS = "nlu/intents";
    /** Dialog files are a few KB; a far bigger file is in the wrong place and is not parsed. */
    static final long MAX_FILE_BYTES = 2L * 1024 * 1024;

    private DialogLoader() {}

    public static LoadResult load(Path dialogsDir) {
        Problems problems = new Problems();
        if (dialogsDir == null || !Files.isDirectory(dialogsDir)) {
            problems.in(String.valueOf(dialogsDir)).error(ErrorCode.MISSING_KEY,
                    "there is no dialogs folder here; pass the folder that holds interrupts.yaml");
            return new LoadResult(problems.all());
        }
        List<String> files = yamlFiles(dialogsDir, problems);

        Interrupts interrupts = null;
        String interruptsFile = INTERRUPTS;
        Set<String> intents = new LinkedHashSet<>();
        Map<String, String> intentFiles = new HashMap<>();
        List<DialogFile> dialogs = new ArrayList<>();
        List<String> unparsed = new ArrayList<>();
        boolean sawInterrupts = false;
        YamlTree.Parsed referralsParsed = null;
        Place referralsAt = null;
        nl.omkijken.engine.PhoneTexts phone = nl.omkijken.engine.PhoneTexts.NONE;
        for (String file : files) {
            Place at = problems.in(file);
            if (isInterrupts(file)) {
                if (sawInterrupts) {
                    at.error(ErrorCode.DUPLICATE_ID, "there is both interrupts.yaml and interrupts.yml; keep one");
                    continue;
                }
                sawInterrupts = true;
                interruptsFile = file;
                YamlTree.Parsed parsed = parse(dialogsDir, file, at);
                interrupts = InterruptsReader.read(parsed, at);
            } else if (isIntent(file)) {
                String name = IntentNames.read(parse(dialogsDir, file, at), at);
                if (name == null) continue;
                String earlier = intentFiles.putIfAbsent(name, file);
                if (earlier != null) {
                    at.error(ErrorCode.DUPLICATE_ID, "the intent '" + name + "' is also defined in " + earlier
                            + "; give each intent one file");
                }
                intents.add(name);
            } else if (file.equals(HOURS)) {
                // The opening hours: read and checked by the hours package (OpeningHoursReader), not a dialog.
                continue;
            } else if (file.equals(ReferralsReader.FILE)) {
                // Who helps with what we do not do: read below, once the lines are known.
                referralsParsed = parse(dialogsDir, file, at);
                referralsAt = at;
            } else if (file.equals(PhoneTextsReader.FILE)) {
                phone = PhoneTextsReader.read(parse(dialogsDir, file, at), at);
            } else if (file.equals(ROUTING)) {
                // How waiting conversations reach workers: read below, once the lines are known.
                continue;
            } else if (file.equals(nl.omkijken.circle.LaddersReader.FILE) || file.equals(nl.omkijken.booking.BookingRulesReader.FILE)) {
                // The Telefooncirkel's escalation ladders and the helpdesk's bookable times: read below.
                continue;
            } else if (!file.startsWith(NLU + "/") && !file.startsWith(KNOWLEDGE + "/")) {
                YamlTree.Parsed parsed = parse(dialogsDir, file, at);
                if (!parsed.syntaxOk()) unparsed.add(file);
                DialogFile d = DialogFileReader.read(file, parsed, at);
                if (d != null) dialogs.add(d);
            }
        }
        if (!sawInterrupts) {
            problems.in(INTERRUPTS).error(ErrorCode.MISSING_KEY, "the dialogs folder has no interrupts.yaml; it says"
                    + " where crisis, stop and \"talk to a person\" go in every dialog (see docs/DIALOGS.md)");
        }
        intents.add(Understanding.OUT_OF_SCOPE);

        Map<String, DialogFile> byId = new LinkedHashMap<>();
        for (DialogFile d : dialogs) if (d.id() != null) byId.putIfAbsent(d.id(), d);
        Folder folder = new Folder(List.copyOf(dialogs), byId, interrupts, interruptsFile, Set.copyOf(intents),
                List.copyOf(unparsed));
        DialogIdCheck.run(folder, problems);
        TargetCheck.run(folder, problems);
        ReachabilityCheck.run(folder, problems);
        LoopCheck.run(folder, problems);
        PlaceholderCheck.run(folder, problems);
        IntentCheck.run(folder, problems);
        HelplineCheck.run(folder, problems);
        RegisterCheck.run(folder, problems);

        nl.omkijken.routing.Routing routing = routing(dialogsDir, byId.values(), problems);
        nl.omkijken.circle.Ladders ladders = nl.omkijken.circle.Ladders.DEFAULT;
        try {
            ladders = nl.omkijken.circle.LaddersReader.read(dialogsDir);
        } catch (nl.omkijken.circle.LaddersReader.Invalid e) {
            for (String p : e.problems()) problems.in(nl.omkijken.circle.LaddersReader.FILE).error(ErrorCode.INVALID_VALUE, p);
        }
        nl.omkijken.booking.BookingRules bookings = nl.omkijken.booking.BookingRules.DEFAULT;
        try {
            bookings = nl.omkijken.booking.BookingRulesReader.read(dialogsDir);
        } catch (nl.omkijken.booking.BookingRulesReader.Invalid e) {
            for (String p : e.problems()) problems.in(nl.omkijken.booking.BookingRulesReader.FILE).error(ErrorCode.INVALID_VALUE, p);
        }
        nl.omkijken.knowledge.KnowledgeBase knowledge = nl.omkijken.knowledge.KnowledgeBase.EMPTY;
        try {
            knowledge = nl.omkijken.knowledge.KnowledgeBase.read(dialogsDir);
        } catch (nl.omkijken.knowledge.KnowledgeBase.Invalid e) {
            for (String p : e.problems()) problems.in(KNOWLEDGE).error(ErrorCode.INVALID_VALUE, p);
        }
        nl.omkijken.engine.Referrals referrals = referralsParsed == null ? nl.omkijken.engine.Referrals.NONE
                : ReferralsReader.read(referralsParsed, referralsAt,
                        byId.values().stream().map(f -> f.dialog() == null ? null : f.dialog().line()).filter(l -> l != null).toList());

        if (!problems.isEmpty()) return new LoadResult(problems.all());
        Map<String, Dialog> set = new LinkedHashMap<>();
        byId.forEach((id, f) -> set.put(id, f.dialog()));
        return new LoadResult(new DialogSet(set, interrupts, intents, referrals, phone), routing, ladders, knowledge, bookings, List.of());
    }

    /** Relative paths (with /) of the YAML files under the folder, sorted; hidden files and folders are skipped. */
    private static List<String> yamlFiles(Path dir, Problems problems) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                String rel = relative(dir, p);
                String lower = rel.toLowerCase(Locale.ROOT);
                boolean hidden = ("/" + rel).contains("/.");
                if (!hidden && (lower.endsWith(".yaml") || lower.endsWith(".yml"))) out.add(rel);
            });
        } catch (IOException | UncheckedIOException e) {
            problems.in(".").error(ErrorCode.YAML_SYNTAX, "the dialogs folder cannot be read completely: "
                    + e.getMessage() + "; check the folder's permissions");
        }
        out.sort(null);
        return out;
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    private static boolean isInterrupts(String file) {
        return file.equals(INTERRUPTS) || file.equals("interrupts.yml");
    }

    private static boolean isIntent(String file) {
        if (!file.startsWith(INTENTS + "/")) return false;
        return file.indexOf('/', INTENTS.length() + 1) < 0; // only files directly in nlu/intents
    }

    private static YamlTree.Parsed parse(Path dir, String file, Place at) {
        Path path = dir.resolve(file);
        try {
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                at.error(ErrorCode.YAML_SYNTAX, "the file is " + (size / 1024) + " KB; dialog files are a few KB, so"
                        + " this is not parsed (is it in the right folder?)");
                return new YamlTree.Parsed(null, false, List.of());
            }
            return YamlTree.parse(Files.readAllBytes(path), at);
        } catch (IOException | UncheckedIOException e) {
            at.error(ErrorCode.YAML_SYNTAX, "the file cannot be read: " + e.getMessage() + "; check its permissions");
            return new YamlTree.Parsed(null, false, List.of());
        }
    }

    /** routing.yaml, checked against the lines the dialogs open; none: every line has one queue. */
    private static nl.omkijken.routing.Routing routing(Path dialogsDir, java.util.Collection<DialogFile> files, Problems problems) {
        Set<String> lines = new java.util.TreeSet<>();
        for (DialogFile f : files) if (f.dialog() != null && f.dialog().line() != null) lines.add(f.dialog().line());
        try {
            return nl.omkijken.routing.RoutingReader.read(dialogsDir, lines);
        } catch (nl.omkijken.routing.RoutingReader.Invalid e) {
            for (String p : e.problems()) problems.in(ROUTING).error(ErrorCode.INVALID_VALUE, p);
            return null;
        }
    }
}
