package nl.omkijken.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent by redis-server, the service and the load generator during a run, per message.
 * On a machine where all three share two cores, this says which of them a release made dearer:
 * Redis commands counted alone do not (a command inside a script costs far less than a round trip).
 */
final class CpuUse {
    private CpuUse() {}

    /** Cumulative CPU time in microseconds of each process at one moment. */
    record Snapshot(double redisMicros, double serviceMicros, double generatorMicros) {}

    /** CPU time per message in microseconds. */
    record PerMessage(double redisMicros, double serviceMicros, double generatorMicros) {}

    static Snapshot read(int redisPort, long servicePid) throws IOException {
        double redis = 0;
        for (String line : WebhookLoad.redisCall(redisPort, "INFO", "cpu").split("\r\n")) {
            // used_cpu_sys / used_cpu_user: the whole server process (main thread and background threads)
            if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                redis += Double.parseDouble(line.substring(line.indexOf(':') + 1)) * 1e6;
            }
        }
        double generator = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e3;
        return new Snapshot(redis, processMicros(servicePid), generator);
    }

    static PerMessage between(Snapshot before, Snapshot after, long messages) {
        double n = Math.max(1, messages);
        return new PerMessage((after.redisMicros() - before.redisMicros()) / n,
                (after.serviceMicros() - before.serviceMicros()) / n,
                (after.generatorMicros() - before.generatorMicros()) / n);
    }

    /** utime + stime of a process from /proc (Linux), in microseconds; clock ticks are 100 a second there. */
    private static double processMicros(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        // the command name (field 2) may contain spaces: the fields after it start after the last ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * 10_000.0;
    }
}
