package nl.omkijken.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.RedisScan;
import nl.omkijken.testing.RunningService;
import nl.omkijken.testing.fakes.FakeTwilio;
import nl.omkijken.testing.fakes.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service runs a channel's periodic work with its own: with reconciliation configured, the first
 * round runs as soon as the service is up and sets each of our numbers' checkpoint.
 */
class ReconciliationWiringTest {
    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "wiring-auth-token-0123456789";
    private static final String US = "+3197010200300";

    @Test
    void theFirstReconciliationRoundRunsWhenTheServiceStarts(@TempDir Path data) throws Exception {
        Vertx vertx = Vertx.vertx();
        FakeTwilio fake = FakeTwilio.start(vertx, ACCOUNT, TOKEN);
        try (RunningService service = RunningService.start(data, Map.of("TWILIO_ACCOUNT_SID", ACCOUNT,
                "TWILIO_AUTH_TOKEN", TOKEN, "TWILIO_API_BASE_URL", fake.baseUrl(), "TWILIO_NUMBERS_LUISTERLIJN", US,
                "TWILIO_RECONCILE_INTERVAL", "PT1M"))) {
            // The first round sets where each number's rounds start (a checkpoint); later ones list from there.
            Poll.until(() -> RedisScan.all(service.redisUrl()).stream().anyMatch(p -> p.key().startsWith("omk:reconcile:")
                            && p.key().endsWith(":checkpoints") && p.part().equals("field") && p.text().equals(US)),
                    Duration.ofSeconds(20), "the first round's checkpoint for our number");
            assertTrue(service.port() > 0);
        } finally {
            fake.close();
            Await.result(vertx.close());
        }
    }
}
