package nl.omkijken.knowledge;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One article of the helpdesk's knowledge base ({@code dialogs/knowledge/*.md}), in Dutch and English: what staff
 * wrote, checked at start ({@link ArticleReader}).
 *
 * @param id           its name in links and logs (lower case, digits, '-')
 * @param title        per language (nl, en)
 * @param summary      per language: what the bot sends, short enough for one or two text messages
 * @param body         per language: the full text, Markdown
 * @param topics       the helpdesk topics it answers (the intake's topic names)
 * @param stadsdelen   the Hague districts it is about, or empty for all
 * @param audience     for whom: organisaties, bewoners, vrijwilligers, mantelzorgers
 * @param source       where its facts come from, to check them again
 * @param lastReviewed when staff last checked it
 * @param reviewBefore when it must be checked again: past it, its page says so (and the bot still serves it)
 */
public record Article(String id, Map<String, String> title, Map<String, String> summary, Map<String, String> body, List<String> topics,
                      List<String> stadsdelen, String audience, String source, LocalDate lastReviewed, LocalDate reviewBefore) {
    public static final List<String> LANGUAGES = List.of("nl", "en");

    public Article {
        Objects.requireNonNull(id, "id");
        title = Map.copyOf(title);
        summary = Map.copyOf(summary);
        body = Map.copyOf(body);
        topics = List.copyOf(topics);
        stadsdelen = List.copyOf(stadsdelen);
    }

    /** Past its review date on {@code day}: still served, with its date, and flagged for staff. */
    public boolean overdue(LocalDate day) {
        return day.isAfter(reviewBefore);
    }
}
