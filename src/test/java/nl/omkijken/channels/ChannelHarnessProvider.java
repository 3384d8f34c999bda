package nl.omkijken.channels;

import java.util.List;

/**
 * A provider's part of the channel test harness: it builds its real adapter on the harness's real
 * parts, mounts the adapter's routes, and lists its rows. Add a provider to
 * {@link ChannelHarnessTest#providers()}.
 */
public interface ChannelHarnessProvider {
    /** "twilio", "telegram", ... */
    String name();

    /** Builds the adapter with the context's queue, stores and runner and mounts its webhook routes. */
    void mount(ChannelHarness.Context context);

    /** The rows; called after {@link #mount}. */
    List<ChannelHarnessRow> rows(ChannelHarness.Context context);

    /** Secrets (tokens, webhook secrets) that must never reach a log line. */
    List<String> secrets();

    /** Releases what {@link #mount} made (clients, pools). */
    default void close() {}
}
