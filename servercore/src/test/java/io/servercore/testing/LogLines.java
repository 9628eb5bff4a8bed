package io.servercore.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records what one logger writes while open, for a test to assert on the lines a server logged
 * in the same JVM: which sessions it cut, and why.
 *
 * <pre>{@code
 * try (LogLines sessions = LogLines.of(Session.class)) {
 *     ...
 *     assertEquals(2, sessions.count(Level.WARN, "outbound limit exceeded"));
 * }
 * }</pre>
 *
 * <p>Thread-safe: lines arrive from any thread; the queries copy them under the appender's monitor.
 */
public final class LogLines implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger;

    private LogLines(Logger logger) {
        this.logger = logger;
        appender.start();
        logger.addAppender(appender);
    }

    /** Starts recording the lines of {@code LoggerFactory.getLogger(type)}. */
    public static LogLines of(Class<?> type) {
        return new LogLines((Logger) LoggerFactory.getLogger(type));
    }

    /** The formatted messages logged at {@code level} so far, in order. */
    public List<String> messages(Level level) {
        synchronized (appender) { // ListAppender appends under its own monitor
            return appender.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    /** As {@link #messages}, each followed by the class and message of its throwable, if it has one. */
    public List<String> messagesWithThrowables(Level level) {
        synchronized (appender) {
            return appender.list.stream().filter(e -> e.getLevel() == level)
                    .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                            : " " + e.getThrowableProxy().getClassName() + ": " + e.getThrowableProxy().getMessage()))
                    .toList();
        }
    }

    /** How many lines at {@code level} contain {@code fragment}. */
    public long count(Level level, String fragment) {
        return messages(level).stream().filter(m -> m.contains(fragment)).count();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
