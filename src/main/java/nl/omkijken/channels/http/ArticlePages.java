package nl.omkijken.channels.http;

import nl.omkijken.knowledge.Article;
import nl.omkijken.knowledge.KnowledgeBase;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The knowledge base's articles as web pages, the full text behind the bot's short answer: {@code GET /kennis/}
 * (all articles) and {@code GET /kennis/{id}} ({@code ?lang=en} for English), each with when it was last checked
 * and its source; one past its review date says so. Markdown rendered with raw HTML escaped and unsafe links
 * dropped: what staff write is shown, never run.
 */
public final class ArticlePages {
    public static final String PATH = KnowledgeBase.PAGES;
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private final KnowledgeBase base;
    private final Clock clock;
    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    public ArticlePages(KnowledgeBase base, Clock clock) {
        this.base = base;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/kennis").handler(ctx -> {
            // The route also matches "/kennis/": only the bare path is redirected.
            if (ctx.request().path().equals("/kennis")) ctx.redirect(PATH);
            else ctx.next();
        });
        router.get(PATH).handler(this::index);
        router.get(PATH + ":id").handler(this::article);
    }

    private static String lang(RoutingContext ctx) {
        return "en".equals(ctx.request().getParam("lang")) ? "en" : "nl";
    }

    private void index(RoutingContext ctx) {
        String lang = lang(ctx);
        StringBuilder list = new StringBuilder("<ul class=\"articles\">");
        for (Article a : base.articles()) {
            list.append("<li><a href=\"").append(PATH).append(a.id()).append("en".equals(lang) ? "?lang=en" : "").append("\">")
                    .append(escape(a.title().get(lang))).append("</a><p>").append(escape(a.summary().get(lang))).append("</p></li>");
        }
        list.append("</ul>");
        String title = "en".equals(lang) ? "Helpdesk knowledge base" : "Kennisbank van de helpdesk";
        page(ctx, 200, lang, title, "<h1>" + title + "</h1>" + list + switchLink(PATH, lang));
    }

    private void article(RoutingContext ctx) {
        String lang = lang(ctx);
        Article a = base.byId(ctx.pathParam("id"));
        if (a == null) {
            page(ctx, 404, lang, "en".equals(lang) ? "Not found" : "Niet gevonden", "<h1>" + ("en".equals(lang) ? "This article does not exist (any more)" : "Dit artikel bestaat niet (meer)")
                    + "</h1><p><a href=\"" + PATH + "\">" + ("en".equals(lang) ? "All articles" : "Alle artikelen") + "</a></p>");
            return;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZONE);
        DateTimeFormatter date = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag(lang));
        StringBuilder html = new StringBuilder(renderer.render(parser.parse(a.body().get(lang))));
        html.append("<footer class=\"checked\"><p>").append("en".equals(lang) ? "Last checked: " : "Laatst gecontroleerd: ")
                .append(a.lastReviewed().format(date)).append(". ").append("en".equals(lang) ? "Source: " : "Bron: ")
                .append(escape(a.source())).append(".</p>");
        if (a.overdue(today)) {
            html.append("<p class=\"overdue\">").append("en".equals(lang)
                    ? "This article is due to be checked again: facts may have changed. Please check the source."
                    : "Dit artikel moet opnieuw gecontroleerd worden: er kan iets veranderd zijn. Kijk bij de bron.").append("</p>");
        }
        html.append("</footer>").append(switchLink(PATH + a.id(), lang))
                .append("<p><a href=\"").append(PATH).append("en".equals(lang) ? "?lang=en" : "").append("\">")
                .append("en".equals(lang) ? "All articles" : "Alle artikelen").append("</a></p>");
        page(ctx, 200, lang, a.title().get(lang), html.toString());
    }

    private static String switchLink(String path, String lang) {
        return "en".equals(lang) ? "<p><a href=\"" + path + "\" lang=\"nl\">Nederlands</a></p>"
                : "<p><a href=\"" + path + "?lang=en\" lang=\"en\">English</a></p>";
    }

    private static void page(RoutingContext ctx, int status, String lang, String title, String main) {
        String html = "<!DOCTYPE html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title) + " – Omkijken</title>"
                + "<style>body{font:1.1rem/1.55 system-ui,sans-serif;max-width:44rem;margin:0 auto;padding:1rem;color:#14232b}"
                + "a{color:#0b5a7a}h1{font-size:1.6rem}h2{font-size:1.25rem}.overdue{background:#fff1c2;padding:.5rem;border-radius:4px}"
                + ".checked{margin-top:2rem;color:#46565d;font-size:.95rem}.articles li{margin-bottom:1rem}</style></head><body><main>"
                + main + "</main></body></html>";
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'")
                .putHeader("X-Content-Type-Options", "nosniff").putHeader("Referrer-Policy", "no-referrer").end(html);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
