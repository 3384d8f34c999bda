package nl.omkijken.bench.resilience;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The suite's options ({@code --name value}), each with its default and meaning; {@code --help} prints them. */
final class Options {
    private record Option(String name, String defaultValue, String help) {}

    private static final List<Option> ALL = List.of(
            new Option("scenarios", "kill,redis,provider,malformed,slow", "which scenarios to run, in this order"),
            new Option("jar", "target/omkijken.jar", "the packaged service"),
            new Option("dialogs", "dialogs", "the dialog folder the service reads"),
            new Option("jvm", "", "the service's JVM options, comma-separated, e.g. -Xms512m,-Xmx512m"),
            new Option("work", "", "folder for Redis data and logs (default: a new temporary folder)"),
            new Option("seed", "", "random seed (default: the clock); printed, so a run can be repeated"),
            new Option("rate", "100", "new messages a second over all conversations (resends come on top)"),
            new Option("active", "200", "conversations writing at the same time"),
            new Option("per-conversation", "5", "messages per conversation, each after the previous got its 200"),
            new Option("telegram-share", "0.5", "share of conversations on Telegram (the rest SMS through Twilio)"),
            new Option("give-up", "120", "seconds after its first attempt a webhook is no longer resent"),
            new Option("webhook-timeout", "15", "seconds the load waits for a webhook's answer (Twilio's is 15)"),
            new Option("seconds", "40", "load length of the malformed and slow scenarios"),
            new Option("kills", "5", "kill -9s of the service in the kill scenario (the issue's target: 20)"),
            new Option("up-min", "3", "kill scenario: shortest time the service runs before the next kill (s)"),
            new Option("up-max", "10", "kill scenario: longest time the service runs before the next kill (s)"),
            new Option("redis-restarts", "4", "Redis restarts, SIGTERM and kill -9 alternating"),
            new Option("redis-down", "2", "seconds Redis stays down at each restart"),
            new Option("phases", "slow:2,500,429:2/70,unreadable", "provider phases in turn: slow:SECONDS, 500, 429:RETRY_AFTER, unreadable; /LENGTH sets a phase's own length in seconds"),
            new Option("phase-seconds", "8", "length of a provider phase without its own /LENGTH"),
            new Option("phase-gap", "6", "normal operation before each phase and after the last"),
            new Option("malformed-rate", "10", "malformed and forged requests a second"),
            new Option("big-bodies", "5", "of those, 10 MB chunked bodies"),
            new Option("answer-timeout", "10", "seconds a malformed request may wait for its answer"),
            new Option("idle", "100", "idle connections in the slow scenario"),
            new Option("slowloris", "50", "connections sending one header byte a second"),
            new Option("slow-bodies", "30", "connections sending 2 body bytes a second"),
            new Option("hold-cap", "60", "seconds after which the suite closes slow connections itself: any still open counts as a failure"),
            new Option("settle", "45", "seconds after the last disruption before the accounting (a taken-over reply is resent after 30 s)"),
            new Option("quiet", "10", "seconds without any new provider send before the accounting"),
            new Option("drain", "180", "longest wait for everything to arrive before the accounting"),
            new Option("appendfsync", "everysec", "Redis appendfsync (production: everysec)"));

    private final Map<String, String> values = new LinkedHashMap<>();

    Options(String[] args) {
        for (Option o : ALL) values.put(o.name(), o.defaultValue());
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                values.put("help", "true");
                continue;
            }
            String name = a.replaceFirst("^--", "");
            if (!values.containsKey(name)) throw new IllegalArgumentException("unknown option " + a + " (--help lists them)");
            if (i + 1 >= args.length) throw new IllegalArgumentException("option " + a + " needs a value");
            values.put(name, args[++i]);
        }
    }

    boolean help() { return values.containsKey("help"); }

    String text(String name) { return values.get(name); }

    int integer(String name) { return Integer.parseInt(values.get(name).trim()); }

    double decimal(String name) { return Double.parseDouble(values.get(name).trim()); }

    List<String> list(String name) {
        return Arrays.stream(values.get(name).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    void set(String name, String value) { values.put(name, value); }

    /** The options as given (for the report). */
    String summary() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> {
            if (!k.equals("help")) sb.append("--").append(k).append(' ').append(v.isEmpty() ? "''" : v).append(' ');
        });
        return sb.toString().trim();
    }

    static String usage() {
        StringBuilder sb = new StringBuilder("options (--name value):\n");
        for (Option o : ALL) sb.append(String.format("  --%-17s %-30s %s%n", o.name(), o.defaultValue().isEmpty() ? "''" : o.defaultValue(), o.help()));
        return sb.toString();
    }
}
