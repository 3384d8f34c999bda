package nl.omkijken.runner;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The reading side of the inbound queue: partitions of the conversations, each read by one instance at a
 * time under a lease. Implemented in store/redis (streams, a consumer group, {@code SET NX PX} leases).
 *
 * <p>Delivery is at least once: an entry stays pending until the commit of its turn takes it off (see
 * {@link InboundReceipt}), so an entry whose reader died is delivered again to the next owner of its
 * partition, and an entry whose turn failed is delivered again to the same owner, oldest first.
 */
public interface InboundSource {

    /** How many partitions there are (0 to count - 1); the same on every instance. */
    int partitions();

    /**
     * One lease round for {@code owner}: renews the leases it holds and takes free ones up to a fair
     * share of the partitions among the instances that keep their leases (each round also says "I am
     * alive" for {@code lease}). Leases it holds beyond its share are kept; the owner gives them back with
     * {@link #release} when it has finished what it read from them.
     */
    Future<Leases> keepLeases(String owner, Duration lease);

    /** Gives a partition's lease back if {@code owner} still holds it. */
    Future<Void> release(int partition, String owner);

    /** Gives back every lease of {@code owner} and ends its membership (a clean stop). */
    Future<Void> leave(String owner);

    /**
     * Reads up to {@code max} entries of one partition, in stream order, if {@code owner} holds its lease:
     * first entries other (earlier) owners left pending and idle longer than {@code claimIdle}
     * (taken over), then the owner's own pending entries, then new ones. New entries are read only when
     * nothing older is pending, so one conversation's messages are never handed out of order. An entry
     * about to be delivered more than {@code maxDeliveries} times is dead-lettered instead.
     *
     * @param takeover     true on the first read after the lease was taken: forget earlier owners that
     *                     have nothing pending
     * @param notAttempted entries of the previous read that were not attempted (a message before them in
     *                     the same conversation failed); their delivery count is given back
     */
    Future<Batch> read(int partition, String owner, int max, Duration claimIdle, int maxDeliveries,
                       boolean takeover, List<String> notAttempted);

    /**
     * The outcome of a lease round.
     *
     * @param instances how many instances keep leases now
     * @param share     how many partitions each should hold at most
     * @param held      the partitions {@code owner} holds after the round
     * @param acquired  those of {@code held} it took in this round (an earlier owner may have left work)
     */
    record Leases(int instances, int share, Set<Integer> held, Set<Integer> acquired) {
        public Leases {
            held = Set.copyOf(held);
            acquired = Set.copyOf(acquired);
        }
    }

    /**
     * One read.
     *
     * @param leaseHeld    false when the owner no longer holds the partition (nothing was read)
     * @param entries      in stream order
     * @param deadLettered ids of entries moved to the dead letters in this read
     * @param claimed      how many entries were taken over from earlier owners
     */
    record Batch(boolean leaseHeld, List<Entry> entries, List<String> deadLettered, int claimed) {
        public Batch {
            entries = List.copyOf(entries);
            deadLettered = List.copyOf(deadLettered);
        }

        public static Batch notHeld() {
            return new Batch(false, List.of(), List.of(), 0);
        }
    }

    /**
     * One delivered entry: the message, or why it could not be read ({@code message} null, {@code problem}
     * set; such an entry counts as a failed delivery and is dead-lettered in time).
     */
    record Entry(InboundReceipt receipt, Inbound message, String problem) {}
}
