package io.servercore.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.LoggerFactory;

/**
 * Fails a test during which an ERROR line was logged that the test does not declare with
 * {@link ExpectedErrorLog}. Hooks and jobs run on I/O threads (or on whichever thread drains a
 * {@code JobQueue}), where the engine catches what they throw and logs it at ERROR; without
 * this check such a failure only logs, and the test stays green. Registered for every test class,
 * beside {@link PoolLeakCheck}, through {@code META-INF/services} and JUnit's extension
 * autodetection, so the modules built on servercore get it from its test-jar.
 *
 * <p>What counts: every ERROR line (or above) that reaches logback's root logger while the test
 * runs, on any thread. An I/O thread's failure is the case that matters, but a job may run on
 * the thread that pushed it (a test thread, a timer thread), and servercore logs at ERROR only
 * for code that threw where no caller can see it; so no thread is exempt, and no list of
 * thread names has to be kept in step with the engine's. A test that provokes an ERROR on
 * purpose declares it.
 *
 * <p>When: a test's window opens before its {@code @BeforeEach} methods and closes after its
 * {@code @AfterEach} methods, so starting and stopping servers there is covered. A class has a
 * window of its own for what is logged outside its tests ({@code @BeforeAll}, {@code @AfterAll},
 * or a thread still busy between two tests), judged against the class's declarations. Tests run
 * one at a time in a JVM (as surefire runs them here): a line is charged to the window open when
 * it was logged. A window opened by a nested launcher (a test that runs other tests) does not
 * close the outer one, so the outer test sees, and must declare, what the inner ones log.
 *
 * <p>The failure lists each unexpected line with its logger, thread, message and throwable, and
 * carries the first line's throwable as its cause (the others as suppressed), so a hook's
 * exception on an I/O thread shows in the test report as if the test had thrown it.
 *
 * <p>Needs logback-classic as the tests' slf4j binding; it refuses to run on another. Lines of a
 * logger whose additivity is off never reach the root logger and are not seen.
 *
 * <p>Thread safety: the appender takes events from any thread into the open windows' concurrent
 * queues; windows are opened and judged by JUnit's thread.
 */
public final class ErrorLogCheck implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final String APPENDER_NAME = "servercore-error-log-check";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ErrorLogCheck.class);
    private static final String WINDOW = "window";
    private static final int STACK_FRAMES_SHOWN = 12;

    /** The windows taking events now; usually one, more while a launcher runs tests inside a test. */
    private static final List<Window> OPEN = new CopyOnWriteArrayList<>();

    /** The ERROR lines logged while one test or class ran. */
    private static final class Window {
        final ConcurrentLinkedQueue<ILoggingEvent> errors = new ConcurrentLinkedQueue<>();
        /** Set while a window inside this one (a test of this class) takes the events. */
        volatile boolean paused;
    }

    /** Hands every ERROR event to the open windows that are not paused. */
    private static final class ErrorAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            if (!event.getLevel().isGreaterOrEqual(Level.ERROR)) {
                return;
            }
            // Fixes the thread name and the message now, on the logging thread.
            event.prepareForDeferredProcessing();
            for (Window window : OPEN) {
                if (!window.paused) {
                    window.errors.add(event);
                }
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        open(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        open(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Window window = close(context);
        List<ExpectedErrorLog> declared = new ArrayList<>();
        context.getTestMethod().ifPresent(method -> declared.addAll(declarations(method)));
        context.getTestClass().ifPresent(type -> declared.addAll(declarations(type)));
        judge(context, window, declared, true);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Window window = close(context);
        List<ExpectedErrorLog> declared = new ArrayList<>();
        context.getTestClass().ifPresent(type -> declared.addAll(declarations(type)));
        judge(context, window, declared, false);
    }

    /** Opens a window for {@code context}, pausing the enclosing one (its class's) meanwhile. */
    private static void open(ExtensionContext context) {
        installAppender();
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        Window enclosing = store.get(WINDOW, Window.class); // found in a parent context's store, if any
        if (enclosing != null) {
            enclosing.paused = true;
        }
        Window window = new Window();
        store.put(WINDOW, window);
        OPEN.add(window);
    }

    private static Window close(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        Window window = store.remove(WINDOW, Window.class);
        OPEN.remove(window);
        Window enclosing = store.get(WINDOW, Window.class);
        if (enclosing != null) {
            enclosing.paused = false;
        }
        return window;
    }

    private static List<ExpectedErrorLog> declarations(AnnotatedElement element) {
        List<ExpectedErrorLog> found = AnnotationSupport.findRepeatableAnnotations(element, ExpectedErrorLog.class);
        for (ExpectedErrorLog expected : found) {
            if (expected.logger() == void.class && expected.message().isEmpty()) {
                throw new ExtensionConfigurationException("@ExpectedErrorLog on " + element
                        + " names neither a logger nor a message fragment: it would let every ERROR line pass");
            }
        }
        return found;
    }

    private static boolean matches(ExpectedErrorLog expected, ILoggingEvent event) {
        return (expected.logger() == void.class || expected.logger().getName().equals(event.getLoggerName()))
                && event.getFormattedMessage().contains(expected.message());
    }

    /**
     * Fails when a line matches no declaration, or (for a test) a required declaration matched
     * no line.
     */
    private static void judge(ExtensionContext context, Window window, List<ExpectedErrorLog> declared,
                              boolean checkRequired) {
        if (window == null) {
            return; // opening it failed, and that failure is the test's already
        }
        List<ILoggingEvent> unexpected = new ArrayList<>();
        List<ILoggingEvent> logged = new ArrayList<>(window.errors);
        for (ILoggingEvent event : logged) {
            if (declared.stream().noneMatch(expected -> matches(expected, event))) {
                unexpected.add(event);
            }
        }
        List<ExpectedErrorLog> missing = new ArrayList<>();
        if (checkRequired) {
            for (ExpectedErrorLog expected : declared) {
                if (expected.required() && logged.stream().noneMatch(event -> matches(expected, event))) {
                    missing.add(expected);
                }
            }
        }
        if (unexpected.isEmpty() && missing.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder(context.getDisplayName());
        if (!unexpected.isEmpty()) {
            message.append(": ").append(unexpected.size()).append(" ERROR line")
                    .append(unexpected.size() == 1 ? " was" : "s were")
                    .append(" logged that it does not declare with @ExpectedErrorLog:");
            for (ILoggingEvent event : unexpected) {
                describe(event, message);
            }
        }
        for (ExpectedErrorLog expected : missing) {
            message.append("\n").append(context.getDisplayName()).append(": it declares an ERROR line that was never logged: ")
                    .append(describe(expected)).append("; ERROR lines logged: ").append(logged.size());
        }
        AssertionError failure = new AssertionError(message.toString(), throwableOf(unexpected, 0).orElse(null));
        for (int i = 1; i < unexpected.size(); i++) {
            throwableOf(unexpected, i).ifPresent(failure::addSuppressed);
        }
        throw failure;
    }

    private static void describe(ILoggingEvent event, StringBuilder out) {
        out.append("\n  ").append(event.getLevel()).append(" [").append(event.getThreadName()).append("] ")
                .append(event.getLoggerName()).append(" - ").append(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            out.append("\n    ").append(t == event.getThrowableProxy() ? "" : "Caused by: ")
                    .append(t.getClassName()).append(": ").append(t.getMessage());
            StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
            for (int i = 0; i < Math.min(STACK_FRAMES_SHOWN, frames.length); i++) {
                out.append("\n      at ").append(frames[i].getStackTraceElement());
            }
            if (frames.length > STACK_FRAMES_SHOWN) {
                out.append("\n      ... ").append(frames.length - STACK_FRAMES_SHOWN).append(" more");
            }
        }
    }

    private static String describe(ExpectedErrorLog expected) {
        return "logger=" + (expected.logger() == void.class ? "any" : expected.logger().getName())
                + ", message containing '" + expected.message() + "'";
    }

    private static Optional<Throwable> throwableOf(List<ILoggingEvent> events, int index) {
        if (index >= events.size()) {
            return Optional.empty();
        }
        IThrowableProxy proxy = events.get(index).getThrowableProxy();
        return proxy instanceof ThrowableProxy real ? Optional.of(real.getThrowable()) : Optional.empty();
    }

    /** Attaches the appender to the root logger, again if a reconfiguration of logback removed it. */
    private static void installAppender() {
        Object factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext logback)) {
            throw new ExtensionConfigurationException("ErrorLogCheck needs logback-classic as the tests' slf4j binding, "
                    + "found " + factory.getClass().getName());
        }
        Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        synchronized (ErrorLogCheck.class) {
            if (root.getAppender(APPENDER_NAME) == null) {
                ErrorAppender appender = new ErrorAppender();
                appender.setName(APPENDER_NAME);
                appender.setContext(logback);
                appender.start();
                root.addAppender(appender);
            }
        }
    }
}
