package nl.omkijken.channels.http;

import nl.omkijken.knowledge.KnowledgeBase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import nl.omkijken.testing.Await;
import nl.omkijken.testing.Http;
import nl.omkijken.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The articles' full text on the web: both languages, the date checked and the source, an overdue one said so, HTML never run. */
class ArticlePagesTest {
    private Vertx vertx;
    private HttpServer server;
    private Http http;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("knowledge"));
        for (Path f : Files.newDirectoryStream(Path.of("dialogs/knowledge"))) Files.copy(f, dir.resolve("knowledge").resolve(f.getFileName()));
        // One written carelessly: HTML in the text and a javascript: link are shown, never run; and it is overdue.
        Files.writeString(dir.resolve("knowledge/zz-proef.md"), """
                ---
                id: zz-proef
                title: {nl: "Proef <b>vet</b>", en: Test}
                summary: {nl: "Kort.", en: "Short."}
                topics: [stichting]
                stadsdelen: []
                audience: organisaties
                source: "kvk.nl"
                last_reviewed: 2026-01-10
                review_before: 2026-07-10
                ---
                <!-- nl -->
                Tekst <script>alert(1)</script> en [klik](javascript:alert(2)).
                <!-- en -->
                Text.
                """);
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new ArticlePages(KnowledgeBase.read(dir), new MutableClock(Instant.parse("2026-12-05T10:00:00Z"))).mount(router);
        server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        http = new Http("http://127.0.0.1:" + server.actualPort());
    }

    @AfterEach
    void stop() {
        Await.result(server.close());
        Await.result(vertx.close());
    }

    @Test
    void anArticleInDutchAndEnglishWithItsDateAndSource() {
        HttpResponse<String> nl = http.get("/kennis/stichting-oprichten");
        assertEquals(200, nl.statusCode());
        assertTrue(nl.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(nl.body().contains("<html lang=\"nl\">") && nl.body().contains("<h1>Een stichting oprichten</h1>"), nl.body());
        assertTrue(nl.body().contains("Laatst gecontroleerd: 20 november 2026") && nl.body().contains("Bron: KvK"), nl.body());
        assertFalse(nl.body().contains("opnieuw gecontroleerd worden"), "not overdue");
        HttpResponse<String> en = http.get("/kennis/stichting-oprichten?lang=en");
        assertTrue(en.body().contains("<h1>Founding a stichting (foundation)</h1>") && en.body().contains("Last checked: 20 November 2026"), en.body());
        HttpResponse<String> all = http.get("/kennis/");
        assertTrue(all.body().contains("Een stichting oprichten") && all.body().contains("De vrijwilligersvergoeding"), all.body());
        assertEquals(404, http.get("/kennis/bestaat-niet").statusCode());
    }

    @Test
    void whatStaffWroteIsShownNeverRunAndAnOverdueArticleSaysSo() {
        HttpResponse<String> r = http.get("/kennis/zz-proef");
        assertEquals(200, r.statusCode());
        assertFalse(r.body().contains("<script>alert(1)"), r.body());
        assertTrue(r.body().contains("&lt;script&gt;"), r.body());
        assertFalse(r.body().contains("javascript:"), r.body());
        assertTrue(r.body().contains("Proef &lt;b&gt;vet&lt;/b&gt;"), r.body());
        assertTrue(r.body().contains("Dit artikel moet opnieuw gecontroleerd worden"), r.body());
        assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
    }
}
