package nl.omkijken.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Captures every log line, down to DEBUG, of our code, the provider SDKs and everything else, so a
 * test can prove that no secret, message text or phone number reaches a log.
 */
public final class LogCapture implements AutoCloseable {
    private static final List<String> LOGGERS = List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "nl.omkijken", "org.telegram");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<String, Level> before = new HashMap<>();

    private LogCapture() {
        appender.start();
        for (String name : LOGGERS) {
            Logger l = (Logger) LoggerFactory.getLogger(name);
            before.put(name, l.getLevel());
            l.setLevel(Level.DEBUG);
        }
        root().addAppender(appender);
    }

    public static LogCapture start() { return new LogCapture(); }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    public List<ILoggingEvent> events() { return List.copyOf(appender.list); }

    /** Fails when any captured line (message, MDC, exception messages and causes) holds one of the strings. */
    public void assertNoneContains(List<String> forbidden) {
        List<ILoggingEvent> events = events();
        assertFalse(events.isEmpty(), "something was logged");
        for (ILoggingEvent e : events) {
            StringBuilder line = new StringBuilder(e.getFormattedMessage()).append(' ').append(e.getMDCPropertyMap());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
            }
            for (String f : forbidden) assertFalse(line.toString().contains(f), "'" + f + "' in a log line: " + line);
        }
    }

    @Override
    public void close() {
        root().detachAppender(appender);
        for (var e : before.entrySet()) ((Logger) LoggerFactory.getLogger(e.getKey())).setLevel(e.getValue());
    }
}
