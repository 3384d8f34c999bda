package nl.omkijken.store.redis;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Which inbound stream a conversation's messages go to. All messages of one conversation land in one
 * partition, so reading a partition in stream order reads each conversation in arrival order. The hash
 * (CRC32 of the id's UTF-8 bytes) is stable across processes and versions; changing {@code count} moves
 * conversations, so it must be the same on every instance (and only changed with the queues drained).
 */
public record InboundPartitions(int count) {
    public static final int DEFAULT_COUNT = 16;

    public InboundPartitions {
        if (count < 1 || count > 1024) {
            throw new IllegalArgumentException("inbound partition count must be 1-1024, was " + count);
        }
    }

    /** The partition of a conversation, 0 to count - 1. */
    public int of(String conversationId) {
        CRC32 crc = new CRC32();
        crc.update(conversationId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % count);
    }
}
