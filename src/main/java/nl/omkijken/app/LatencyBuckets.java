package nl.omkijken.app;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;

/**
 * Gives the service's own timers ({@code omk_*_seconds}) fixed histogram buckets, so /metrics shows
 * how many messages each stage of the reply path kept under 1, 2, 5, 10, 25, 50 ms and so on, not only
 * a sum and a maximum. Fixed buckets (not client-side percentiles) add up across instances and over
 * time, and the webhook-path benchmark reads them to say which stage makes the tail.
 */
final class LatencyBuckets implements MeterFilter {
    private static final double[] SECONDS = {0.001, 0.002, 0.005, 0.010, 0.025, 0.050, 0.100, 0.250, 1.0, 5.0};

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() != Meter.Type.TIMER || !id.getName().startsWith("omk_")) return config;
        double[] nanos = new double[SECONDS.length];
        for (int i = 0; i < SECONDS.length; i++) nanos[i] = SECONDS[i] * 1e9;
        return DistributionStatisticConfig.builder()
                .serviceLevelObjectives(nanos)
                .expiry(Duration.ofMinutes(2))
                .build()
                .merge(config);
    }
}
