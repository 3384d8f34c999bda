package nl.omkijken.runner;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/** Where conversations live. Implemented in store/redis. */
public interface ConversationStore {

    /** A held per-conversation lock. {@code token} fences the commit. */
    record Lock(String conversationId, String token) {}

    /**
     * Takes the conversation's lock, waiting (with backoff) while another worker or instance holds it.
     * Fails after {@code maxWait}.
     */
    Future<Lock> lock(String conversationId, Duration lease, Duration maxWait);

    /** A lock just taken, and the conversation as it was stored when it was taken (null: none yet). */
    record Locked(Lock lock, Conversation conversation) {}

    /**
     * {@link #lock} and {@link #load} in one step: the conversation is read when the lock is taken, with
     * no round trip in between. Waits and fails like {@link #lock}.
     */
    Future<Locked> lockAndLoad(String conversationId, Duration lease, Duration maxWait);

    /**
     * {@link #commit} that also releases the lock in the same atomic write: the end of a turn. Fails
     * like {@link #commit}; then the lock is still held and the caller releases it.
     */
    Future<Void> commitAndUnlock(Lock lock, TurnCommit commit);

    /** Releases the lock if this token still holds it. */
    Future<Void> unlock(Lock lock);

    /** The stored conversation, or null when there is none. */
    Future<Conversation> load(String conversationId);

    /**
     * Writes the whole turn atomically; fails with {@link LockLostException} if the lock was lost, and
     * with {@link AlreadyHandledException} if the commit carries an inbound receipt whose message was
     * already taken off the queue (by another turn, or dead-lettered). Either way nothing is written.
     */
    Future<Void> commit(Lock lock, TurnCommit commit);

    /** The transcript in order, oldest first. */
    Future<List<TranscriptEntry>> transcript(String conversationId);

    /**
     * The conversations whose handoff is open (waiting in a queue or with a worker), urgent ones first,
     * then by request time; at most {@code max}.
     */
    Future<List<String>> openHandoffs(int max);

    /** How many conversations wait in a staff queue. */
    Future<Long> queueLength(String queue);

    /** How many handoffs are open (waiting or with a worker). */
    Future<Long> openHandoffCount();

    /** 1-based place of a conversation in a staff queue, or 0 when it is not queued. */
    Future<Long> queuePosition(String queue, String conversationId);

    /** The message leaves the conversation id out: it may hold a phone number, and messages reach logs. */
    final class LockLostException extends RuntimeException {
        public LockLostException(String conversationId) {
            super("the conversation lock was lost (its lease ran out and another worker took it)");
        }
    }

    /**
     * Another worker held the conversation's lock for longer than the caller would wait: the
     * conversation is busy (or its lock belongs to an instance that died and waits for its lease to run
     * out). Not the message's fault: a message that met it is tried again without counting a delivery.
     */
    class LockBusyException extends RuntimeException {
        public LockBusyException(String message) {
            super(message);
        }
    }

    /** The follow-up job of a turn was claimed again (or replaced) since this turn's claim: nothing written. */
    final class StaleJobException extends RuntimeException {
        public StaleJobException(String jobId) {
            super("job " + jobId + " was claimed again since");
        }
    }

    /** The queued message of a turn was already handled: its turn was written before, so this one is not. */
    final class AlreadyHandledException extends RuntimeException {
        public AlreadyHandledException(InboundReceipt receipt) {
            super("inbound entry " + receipt.entryId() + " of partition " + receipt.partition() + " was already handled");
        }
    }
}
