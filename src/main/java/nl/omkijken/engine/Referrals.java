package nl.omkijken.engine;

import java.util.List;
import java.util.Map;

/**
 * What we do not do, and who does (dialogs/referrals.yaml): a question outside the lines' topics
 * (learning Dutch, a child-health clinic, debts, benefits) gets a short, honest "not something we do,
 * here is who can help" instead of a wrong topic's text; and a person sent to us by someone (the GP,
 * the practice nurse, the local team) is recognised as such instead of being read as a request.
 *
 * @param municipalityOf per line, whose organisations its referrals name ("den_haag"); a line not listed
 *                       gets each referral's {@code default} text
 * @param out            the referrals, in the order they are tried
 * @param referredIn     how a person says who sent them; null: not recognised
 */
public record Referrals(Map<String, String> municipalityOf, List<Referral> out, ReferredIn referredIn) {
    public static final String DEFAULT = "default";
    public static final Referrals NONE = new Referrals(Map.of(), List.of(), null);

    public Referrals {
        municipalityOf = Map.copyOf(municipalityOf);
        out = List.copyOf(out);
    }

    /**
     * One thing we do not do.
     *
     * @param keywords phrases anywhere in a message that ask for it
     * @param texts    per municipality (and {@link #DEFAULT}, always there): who helps and how to reach them
     */
    public record Referral(String id, List<String> keywords, Map<String, Localized> texts) {
        public Referral {
            keywords = List.copyOf(keywords);
            texts = Map.copyOf(texts);
        }

        /** The text for a line in {@code municipality} (null: the default). */
        public Localized textFor(String municipality) {
            Localized t = municipality == null ? null : texts.get(municipality);
            return t != null ? t : texts.get(DEFAULT);
        }
    }

    /**
     * A person sent by someone: a message with one of {@code phrases} ("verwees me", "told me to contact")
     * and one of a source's keywords.
     *
     * @param sources in the order they are tried (the most specific first: "the GP's nurse" is the nurse)
     * @param text    the acknowledgement, with {@code {source}} for the source's name
     */
    public record ReferredIn(List<String> phrases, List<Source> sources, Localized text) {
        /** The slot that keeps who sent the person, for staff. */
        public static final String SLOT = "verwezen_door";

        public ReferredIn {
            phrases = List.copyOf(phrases);
            sources = List.copyOf(sources);
        }
    }

    /** @param id the slot value staff see; @param name as said ("de huisarts") */
    public record Source(String id, List<String> keywords, Localized name) {
        public Source {
            keywords = List.copyOf(keywords);
        }
    }

    /** The referral a message asks for, or null. */
    public Referral referralFor(String folded) {
        for (Referral r : out) for (String k : r.keywords()) if (Normalizer.containsPhrase(folded, k)) return r;
        return null;
    }

    /** Who sent the person, or null. */
    public Source referredBy(String folded) {
        if (referredIn == null || referredIn.phrases().stream().noneMatch(p -> Normalizer.containsPhrase(folded, p))) return null;
        for (Source s : referredIn.sources()) for (String k : s.keywords()) if (Normalizer.containsPhrase(folded, k)) return s;
        return null;
    }
}
