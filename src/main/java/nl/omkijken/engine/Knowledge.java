package nl.omkijken.engine;

import java.util.List;

/**
 * The helpdesk's knowledge base as the engine asks it: the articles that answer a question best, each with its short
 * summary and the link to its full text. Searching is in memory and fast, so a turn asks it directly.
 */
@FunctionalInterface
public interface Knowledge {
    /** None: every knowledge step goes to its {@code none} step. */
    Knowledge NONE = (question, language, topic, district, max) -> List.of();

    /**
     * One article found, in the asked language, with how well it fits (higher is better; for this question only); no
     * link (null) when the service has no address people can reach.
     */
    record Found(String id, String title, String summary, String link, float score) {}

    /**
     * @param question the person's own words this turn (a menu choice, "1", finds nothing: then the topic is searched)
     * @param language nl or en
     * @param topic    the topic of the conversation, which weighs (null: none)
     * @param district the person's stadsdeel when known (null: any): only articles for it or for everywhere
     */
    List<Found> find(String question, String language, String topic, String district, int max);
}
