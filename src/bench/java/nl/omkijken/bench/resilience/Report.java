package nl.omkijken.bench.resilience;

import java.util.List;

/** Prints each scenario's figures next to their targets, then one summary table, as Markdown. */
final class Report {
    private Report() {}

    static String scenario(ScenarioResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%n### %s (%d s)%n%n", r.name, r.seconds));
        if (r.error != null) sb.append("ERROR: ").append(r.error).append("\n\n");
        sb.append("| figure | value | target | |\n|---|---|---|---|\n");
        for (Figure f : r.figures) {
            sb.append("| ").append(f.name()).append(" | ").append(f.value()).append(" | ")
                    .append(f.target() == null ? "" : f.target()).append(" | ")
                    .append(f.target() == null || f.target().equals("measured") ? "" : f.met() ? "ok" : "**MISSED**").append(" |\n");
        }
        for (String n : r.notes) sb.append('\n').append(n);
        sb.append('\n');
        return sb.toString();
    }

    static String summary(List<ScenarioResult> results) {
        StringBuilder sb = new StringBuilder("\n### Summary\n\n");
        sb.append("| scenario | sent | acknowledged | acknowledged but lost | turns doubled | replies lost | replies doubled Twilio"
                + " | replies doubled Telegram | replies out of order | requests not 4xx | slow connections open at cap | targets |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ScenarioResult r : results) {
            Tally t = r.tally;
            sb.append("| ").append(r.name);
            if (t == null) {
                sb.append(" | - | - | - | - | - | - | - | - | - | - | ERROR |\n");
                continue;
            }
            sb.append(" | ").append(t.sent).append(" | ").append(t.acknowledged).append(" | ").append(t.ackedButLost)
                    .append(" | ").append(t.turnsDoubled).append(" | ").append(t.twilio.lost + t.telegram.lost)
                    .append(" | ").append(t.twilio.doubled).append(" | ").append(t.telegram.doubled)
                    .append(" | ").append(t.twilio.outOfOrder + t.telegram.outOfOrder)
                    .append(" | ").append(r.requestsNot4xx == null ? "-" : r.requestsNot4xx)
                    .append(" | ").append(r.heldAtCap == null ? "-" : r.heldAtCap)
                    .append(" | ").append(r.met() ? "met" : "**missed**").append(" |\n");
        }
        sb.append("\nTargets: 0 acknowledged but lost and 0 turns doubled in every scenario; 0 replies lost; 0 replies out of order;"
                + " 0 replies doubled for Twilio (Telegram's figure is measured); every malformed or forged request a 4xx and no turn;"
                + " no slow connection held open at the cap.\n");
        StringBuilder missed = new StringBuilder();
        for (ScenarioResult r : results) {
            if (r.error != null) missed.append("- ").append(r.name).append(": ERROR ").append(r.error).append('\n');
            for (Figure f : r.figures) {
                if (!f.met()) missed.append("- ").append(r.name).append(": ").append(f.name()).append(" = ").append(f.value())
                        .append(" (target ").append(f.target()).append(")\n");
            }
        }
        sb.append(missed.length() == 0 ? "\nRESULT: every target met\n" : "\nRESULT: targets missed\n" + missed);
        return sb.toString();
    }
}
