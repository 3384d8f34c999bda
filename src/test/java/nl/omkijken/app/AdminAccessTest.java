package nl.omkijken.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import nl.omkijken.testing.Http;
import nl.omkijken.testing.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console and /metrics answer only from ADMIN_ALLOW; the webhooks and the sandbox are not affected. */
class AdminAccessTest {
    @Test
    void networksParseAndMatch() {
        AllowList list = AllowList.parse("127.0.0.1/8, ::1/128, 10.20.0.0/16, 192.168.1.7");
        assertTrue(list.allows("127.0.0.1"));
        assertTrue(list.allows("127.9.9.9"));
        assertTrue(list.allows("0:0:0:0:0:0:0:1"));
        assertTrue(list.allows("10.20.255.1"));
        assertFalse(list.allows("10.21.0.1"));
        assertTrue(list.allows("192.168.1.7"));
        assertFalse(list.allows("192.168.1.8"));
        assertFalse(list.allows("8.8.8.8"));
        assertFalse(list.allows(null));
        assertFalse(list.allows("example.org"), "names are never looked up");
        assertThrows(IllegalArgumentException.class, () -> AllowList.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> AllowList.parse("intranet.local"));
        assertThrows(IllegalArgumentException.class, () -> AllowList.parse("10.0.0.0/x"));
    }

    @Test
    void fromOutsideTheListTheConsoleAndMetricsAreRefused(@TempDir Path data) throws Exception {
        try (RunningService service = RunningService.start(data, Map.of("ADMIN_ALLOW", "10.99.0.0/16"))) {
            Http http = new Http(service.base());
            assertEquals(403, http.get("/console/").statusCode());
            assertEquals(403, http.get("/console/api/signin").statusCode());
            assertEquals(403, http.get("/metrics").statusCode());
            assertEquals(200, http.get("/health").statusCode());
            assertEquals(200, http.get("/sandbox/").statusCode());
        }
    }

    @Test
    void aWrongNetworkStopsTheStartNamingTheSetting() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of("ADMIN_ALLOW", "everyone")));
        assertTrue(e.getMessage().contains("admin_allow") || e.getMessage().contains("ADMIN_ALLOW"), e.getMessage());
    }
}
