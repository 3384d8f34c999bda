package nl.omkijken.bench.resilience;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches one conversation's replies in the transcript (the "out" entries, in order) with what the
 * provider took for that conversation (in arrival order).
 *
 * <p>With keys (Twilio: our outbound id in the StatusCallback URL) a key taken twice is a doubled
 * reply, and only each key's first arrival counts further. Without keys (Telegram) replies are known
 * by text and position only. The longest common subsequence of the two text sequences is the part
 * that arrived in order; a left-over arrival whose text is still unmatched in the transcript arrived
 * out of order; other left-over arrivals are doubles (their text is in the transcript) or unknown;
 * transcript replies left unmatched never arrived: lost.
 */
final class ReplyMatcher {
    record Result(int expected, int delivered, int lost, int doubled, int outOfOrder, int unknown) {}

    private ReplyMatcher() {}

    static Result match(List<String> transcript, List<Delivery> arrivals) {
        int doubled = 0;
        Set<String> keys = new HashSet<>();
        List<String> got = new ArrayList<>();
        for (Delivery d : arrivals) {
            if (d.key() != null && !keys.add(d.key())) doubled++;
            else got.add(d.text());
        }
        int n = transcript.size();
        int m = got.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = transcript.get(i).equals(got.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        boolean[] matchedT = new boolean[n];
        boolean[] matchedG = new boolean[m];
        for (int i = 0, j = 0; i < n && j < m; ) {
            if (transcript.get(i).equals(got.get(j))) {
                matchedT[i++] = true;
                matchedG[j++] = true;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        Map<String, Integer> leftT = new HashMap<>();
        for (int i = 0; i < n; i++) if (!matchedT[i]) leftT.merge(transcript.get(i), 1, Integer::sum);
        Set<String> all = new HashSet<>(transcript);
        int outOfOrder = 0;
        int unknown = 0;
        for (int j = 0; j < m; j++) {
            if (matchedG[j]) continue;
            String t = got.get(j);
            if (leftT.getOrDefault(t, 0) > 0) {
                leftT.merge(t, -1, Integer::sum);
                outOfOrder++;
            } else if (all.contains(t)) {
                doubled++;
            } else {
                unknown++;
            }
        }
        int lost = leftT.values().stream().mapToInt(Integer::intValue).sum();
        return new Result(n, m, lost, doubled, outOfOrder, unknown);
    }
}
