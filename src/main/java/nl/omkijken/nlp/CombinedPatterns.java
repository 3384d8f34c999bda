package nl.omkijken.nlp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The regular expressions of the crisis lexicon, matched whole-word on folded text ("dood" never
 * inside "doodmoe") and tried only where a word begins. For speed they are grouped by the
 * characters they can start with (found by asking each pattern whether a lone character could
 * begin a match), so each word start tries one small alternation instead of every pattern.
 */
final class CombinedPatterns {
    private record Group(Pattern pattern, String[] categoryOfGroup) {}

    private final Map<Character, Group> byFirstChar = new HashMap<>();

    CombinedPatterns(List<String> categories, List<String> regexes) {
        Map<Character, List<Integer>> starters = new HashMap<>();
        for (int i = 0; i < regexes.size(); i++) {
            Pattern p = Pattern.compile("(?:" + regexes.get(i) + ")");
            for (char c : alphabet()) {
                Matcher m = p.matcher(String.valueOf(c));
                if (m.lookingAt() || m.hitEnd()) starters.computeIfAbsent(c, k -> new ArrayList<>()).add(i);
            }
        }
        starters.forEach((c, indexes) -> byFirstChar.put(c, combine(categories, regexes, indexes)));
    }

    private static Group combine(List<String> categories, List<String> regexes, List<Integer> indexes) {
        StringBuilder b = new StringBuilder("(?<![\\p{L}\\p{N}])(?:");
        List<String> categoryOfGroup = new ArrayList<>();
        categoryOfGroup.add(null);
        for (int k = 0; k < indexes.size(); k++) {
            String regex = regexes.get(indexes.get(k));
            if (k > 0) b.append('|');
            b.append('(').append(regex).append(')');
            categoryOfGroup.add(categories.get(indexes.get(k)));
            for (int g = 0; g < Pattern.compile(regex).matcher("").groupCount(); g++) categoryOfGroup.add(null);
        }
        b.append(")(?![\\p{L}\\p{N}])");
        return new Group(Pattern.compile(b.toString()), categoryOfGroup.toArray(new String[0]));
    }

    /** The category of the first pattern found in the folded text, or null. */
    String match(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ' || (i > 0 && text.charAt(i - 1) != ' ')) continue;
            Group group = byFirstChar.get(text.charAt(i));
            if (group == null) continue;
            Matcher m = group.pattern().matcher(text);
            m.useTransparentBounds(true).useAnchoringBounds(false);
            m.region(i, text.length());
            if (m.lookingAt()) {
                for (int g = 1; g < group.categoryOfGroup().length; g++) {
                    if (group.categoryOfGroup()[g] != null && m.group(g) != null) return group.categoryOfGroup()[g];
                }
            }
        }
        return null;
    }

    // Folded text holds lower-case letters, digits and the mask; other letters are rare enough
    // to check them via their own scripts' patterns, which the lexicon does not have.
    private static char[] alphabet() {
        return "abcdefghijklmnopqrstuvwxyz0123456789~".toCharArray();
    }
}
