package nl.omkijken.knowledge;

import java.util.ArrayList;
import java.util.List;
import nl.omkijken.engine.Knowledge;

/**
 * The knowledge base as the dialogs' knowledge steps ask it: the best articles from the {@link KnowledgeIndex},
 * each with its summary in the asked language and the link to its page ({@link KnowledgeBase#link}) on the service's
 * public address.
 */
public final class KnowledgeAnswers implements Knowledge {
    private final KnowledgeIndex index;
    private final String baseUrl;

    /** @param baseUrl where people reach the service (PUBLIC_BASE_URL, or this machine's on the embedded default); null: no links */
    public KnowledgeAnswers(KnowledgeIndex index, String baseUrl) {
        this.index = index;
        this.baseUrl = baseUrl;
    }

    @Override
    public List<Found> find(String question, String language, String topic, String district, int max) {
        String lang = Article.LANGUAGES.contains(language) ? language : "nl";
        // The intake's "Haagse Hout" is the articles' haagse-hout.
        String part = district == null || district.isBlank() ? null
                : district.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", "-");
        KnowledgeIndex.Ask ask = new KnowledgeIndex.Ask(lang, part, topic);
        List<KnowledgeIndex.Hit> hits = index.search(question, ask, max);
        // Their words found nothing (a menu choice, "1"): the topic's own name is the question.
        if (hits.isEmpty() && topic != null) hits = index.search(topic, ask, max);
        List<Found> out = new ArrayList<>();
        for (KnowledgeIndex.Hit h : hits) {
            Article a = index.base().byId(h.id());
            out.add(new Found(a.id(), a.title().get(lang), a.summary().get(lang),
                    baseUrl == null ? null : KnowledgeBase.link(baseUrl, a.id(), lang), h.score()));
        }
        return out;
    }
}
