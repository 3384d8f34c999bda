package nl.omkijken.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.omkijken.engine.Localized;
import nl.omkijken.engine.Referrals;

/**
 * Reads referrals.yaml (optional): who helps with what we do not do, per municipality, and how a person
 * says who sent them. Every referral needs keywords and a {@code default} text (a line whose municipality
 * has no text of its own gets it); every text is in Dutch and English; ids are unique; the municipalities
 * name known lines.
 */
final class ReferralsReader {
    static final String FILE = "referrals.yaml";
    private static final List<String> TOP = List.of("municipalities", "referred_in", "referrals");
    private static final List<String> REFERRAL = List.of("id", "keywords", "say");
    private static final List<String> REFERRED_IN = List.of("phrases", "sources", "say");
    private static final List<String> SOURCE = List.of("keywords", "name");
    private static final String NAME = "[a-z][a-z0-9_]{0,39}";

    private ReferralsReader() {}

    /** The referrals; Referrals.NONE when the file holds nothing usable (reported). */
    static Referrals read(YamlTree.Parsed parsed, Place at, Collection<String> lines) {
        JsonNode root = parsed.root();
        for (YamlTree.DuplicateKey d : parsed.duplicates()) {
            at.error(ErrorCode.DUPLICATE_ID, "the key '" + d.key() + "' is written twice"
                    + (d.path().isEmpty() ? "" : " in " + DialogFileReader.dotted(d.path()))
                    + " (lines " + d.firstLine() + " and " + d.line() + "); keep one");
        }
        if (root == null) return Referrals.NONE;
        YamlMap top = YamlMap.open(root, at, FILE, TOP);
        if (top == null) return Referrals.NONE;

        Map<String, String> municipalities = new LinkedHashMap<>();
        YamlMap m = mapOf(top, "municipalities", at, "municipalities", "per line its municipality, e.g. {helpdesk: den_haag}");
        if (m != null) {
            for (String line : m.keys()) {
                String value = m.string(line);
                if (!lines.contains(line)) {
                    at.error(ErrorCode.INVALID_VALUE, "municipalities: there is no line '" + line + "'; the lines are " + lines);
                } else if (value == null || !value.matches(NAME)) {
                    at.error(ErrorCode.INVALID_VALUE, "municipalities." + line + ": write the municipality as a name in small letters, e.g. den_haag");
                } else {
                    municipalities.put(line, value);
                }
            }
        }

        List<Referrals.Referral> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<JsonNode> list = top.list("referrals");
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                YamlMap r = YamlMap.open(list.get(i), at, "referrals[" + i + "]", REFERRAL);
                if (r == null) continue;
                String id = r.required("id", "a short name, e.g. id: schulden");
                if (id != null && !id.matches(NAME)) {
                    at.error(ErrorCode.INVALID_VALUE, "referrals[" + i + "].id '" + id + "': small letters, digits and _ only");
                    id = null;
                }
                if (id != null && !ids.add(id)) at.error(ErrorCode.DUPLICATE_ID, "the referral '" + id + "' is written twice; keep one");
                List<String> keywords = r.strings("keywords");
                if (keywords.isEmpty()) r.missing("keywords", "the phrases that ask for it, e.g. keywords: [schulden, debts]");
                Map<String, Localized> texts = new LinkedHashMap<>();
                YamlMap say = mapOf(r, "say", at, "referrals[" + i + "].say", "per municipality a text, {default: {nl: ..., en: ...}}");
                if (say == null) {
                    r.missing("say", "who helps, per municipality: say: {default: {nl: \"...\", en: \"...\"}}");
                } else {
                    for (String where : say.keys()) {
                        if (!where.matches(NAME)) {
                            at.error(ErrorCode.INVALID_VALUE, "referrals[" + i + "].say." + where + ": a municipality in small letters, or default");
                            continue;
                        }
                        Localized t = say.text(where, true, null);
                        if (t != null) texts.put(where, t);
                    }
                    if (!say.has(Referrals.DEFAULT)) {
                        say.missing(Referrals.DEFAULT, "the text for a line of any other municipality: default: {nl: \"...\", en: \"...\"}");
                    }
                }
                for (Map.Entry<String, Localized> t : texts.entrySet()) neutral(t.getValue(), "referrals[" + i + "].say." + t.getKey(), at);
                if (id != null && !keywords.isEmpty() && texts.containsKey(Referrals.DEFAULT)) {
                    out.add(new Referrals.Referral(id, keywords, texts));
                }
            }
        }

        Referrals.ReferredIn referredIn = null;
        YamlMap in = top.map("referred_in", "referred_in", REFERRED_IN);
        if (in != null) {
            List<String> phrases = in.strings("phrases");
            if (phrases.isEmpty()) in.missing("phrases", "how a person says someone sent them, e.g. phrases: [\"verwees me\", \"referred me\"]");
            List<Referrals.Source> sources = new ArrayList<>();
            YamlMap ss = mapOf(in, "sources", at, "referred_in.sources", "{huisarts: {keywords: [...], name: {nl: ..., en: ...}}}");
            if (ss == null) in.missing("sources", "who may send a person, e.g. sources: {huisarts: {keywords: [huisarts], name: {nl: ..., en: ...}}}");
            else {
                for (String id : ss.keys()) {
                    YamlMap s = ss.map(id, "referred_in.sources." + id, SOURCE);
                    if (s == null) continue;
                    if (!id.matches(NAME)) at.error(ErrorCode.INVALID_VALUE, "referred_in.sources." + id + ": small letters, digits and _ only");
                    List<String> keywords = s.strings("keywords");
                    if (keywords.isEmpty()) s.missing("keywords", "the words that name this source");
                    Localized name = s.text("name", true, "its name as said, {nl: \"de huisarts\", en: \"your GP\"}");
                    if (id.matches(NAME) && !keywords.isEmpty() && name != null) sources.add(new Referrals.Source(id, keywords, name));
                }
            }
            Localized say = in.text("say", true, "the acknowledgement, with {source} for who sent them");
            if (say != null) neutral(say, "referred_in.say", at);
            if (say != null && !say.byLanguage().values().stream().allMatch(t -> t.contains("{source}"))) {
                at.error(ErrorCode.INVALID_VALUE, "referred_in.say: write {source} in both texts, where the name of who sent them goes");
            }
            if (!phrases.isEmpty() && !sources.isEmpty() && say != null) referredIn = new Referrals.ReferredIn(phrases, sources, say);
        }
        return new Referrals(municipalities, out, referredIn);
    }

    /** Every line hears these texts: in Dutch neither "je" nor "u" (RegisterCheck). */
    private static void neutral(Localized text, String where, Place at) {
        String nl = text.byLanguage().get("nl");
        if (nl != null && (RegisterCheck.has(nl, RegisterCheck.JE) || RegisterCheck.has(nl, RegisterCheck.U))) {
            at.error(ErrorCode.INVALID_VALUE, where + ": every line hears this text, so its Dutch says neither \"je\" nor \"u\": " + nl);
        }
    }

    /** A map whose keys are names of our own choosing (lines, municipalities, sources); null when absent or not a map. */
    private static YamlMap mapOf(YamlMap parent, String key, Place at, String what, String example) {
        JsonNode v = parent.get(key);
        if (v == null) return null;
        if (!v.isObject()) {
            at.error(ErrorCode.INVALID_VALUE, what + " must be a map, e.g. " + example + ", not " + YamlMap.shape(v));
            return null;
        }
        return YamlMap.withoutKeyCheck(v, at, what);
    }
}
