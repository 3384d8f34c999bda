package nl.omkijken.channels;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Plays every provider's rows through the shared harness: valid, forged, missing-signature,
 * replayed and malformed webhooks, each with its status, its side effects and clean logs.
 */
class ChannelHarnessTest {
    private static ChannelHarness harness;
    private static final List<ChannelHarnessProvider> mounted = new ArrayList<>();

    /** Every channel adapter with webhooks; a new provider adds its rows class here. */
    static List<ChannelHarnessProvider> providers() {
        return List.of(new ChannelHarnessTwilio(), new ChannelHarnessTelegram());
    }

    @BeforeAll
    static void start() {
        harness = new ChannelHarness();
    }

    @AfterAll
    static void stop() {
        mounted.forEach(ChannelHarnessProvider::close);
        harness.close();
    }

    @TestFactory
    Stream<DynamicContainer> everyProviderEveryRow() {
        return providers().stream().map(p -> {
            p.mount(harness.context());
            mounted.add(p);
            return DynamicContainer.dynamicContainer(p.name(), p.rows(harness.context()).stream()
                    .map(row -> DynamicTest.dynamicTest(row.name(), () -> harness.play(row, p.secrets()))));
        });
    }
}
