package nl.omkijken.circle;

import io.vertx.core.Future;
import java.util.List;

/** The Telefooncirkel's chains as coordinators set them in the console; one chain per circle name. */
public interface Chains {
    /** None at all: every participant is called by the service. */
    Chains NONE = new Chains() {
        @Override
        public Future<List<Chain>> all() {
            return Future.succeededFuture(List.of());
        }

        @Override
        public Future<Void> save(Chain chain) {
            return Future.failedFuture(new UnsupportedOperationException("no chains here"));
        }

        @Override
        public Future<Boolean> remove(String name) {
            return Future.succeededFuture(false);
        }
    };

    Future<List<Chain>> all();

    /** Saves a new chain, or replaces the one with the same name ({@link Chain#key}). */
    Future<Void> save(Chain chain);

    /** True when there was one by that name to remove. */
    Future<Boolean> remove(String name);

    /** The chain a participant is a member of, with their place in it; null when the service calls them. */
    static Membership of(List<Chain> chains, String participantId) {
        for (Chain c : chains) {
            int at = c.members().indexOf(participantId);
            if (at >= 0) return new Membership(c, at);
        }
        return null;
    }

    /**
     * The members of a chain in it on a day, in order: enrolled, active, and that day one of their days (a member who
     * is away is in it: their caller does not know; the service notes them away at their deadline).
     */
    static List<Participant> onDay(Chain chain, java.util.Map<String, Participant> byId, java.time.LocalDate day) {
        List<Participant> out = new java.util.ArrayList<>();
        for (String id : chain.members()) {
            Participant p = byId.get(id);
            if (p != null && p.active() && p.days().contains(day.getDayOfWeek())) out.add(p);
        }
        return out;
    }

    /** A member's chain and their place in its list (not yet among those in it on a given day). */
    record Membership(Chain chain, int index) {}
}
