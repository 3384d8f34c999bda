package nl.omkijken.bench.resilience;

import java.util.Random;

/** One scenario: disturbs the service under load in its own way and adds its own figures. */
interface Scenario {
    /** Short name, as given to --scenarios. */
    String key();

    String title();

    /** Runs against a fresh bed; ends with {@link Drain#run} and {@link CommonFigures#add}. */
    void run(TestBed bed, ScenarioResult r, Random random) throws Exception;

    static void sleepSeconds(double s) throws InterruptedException {
        Thread.sleep((long) (s * 1000));
    }

    static double between(Random random, double min, double max) {
        return min + random.nextDouble() * Math.max(0, max - min);
    }
}
