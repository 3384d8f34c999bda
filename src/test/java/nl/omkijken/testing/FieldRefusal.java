package nl.omkijken.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;

/** A console form refused: 400 with the reason beside the field, as the console shows it. */
public final class FieldRefusal {
    private FieldRefusal() {}

    /** The reason given for {@code field}; fails when the answer is no 400 or names no reason for it. */
    public static String of(HttpResponse<String> r, String field) {
        assertEquals(400, r.statusCode(), r.body());
        String why = new JsonObject(r.body()).getJsonObject("fields").getString(field);
        assertTrue(why != null, field + " named: " + r.body());
        return why;
    }
}
