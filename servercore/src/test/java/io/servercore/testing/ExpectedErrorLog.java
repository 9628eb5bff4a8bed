package io.servercore.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an ERROR line that a test provokes on purpose, so that {@link ErrorLogCheck} does
 * not fail it: a hook that throws, a job that throws. Any other ERROR line logged while the
 * test runs still fails it.
 *
 * <pre>{@code
 * @Test
 * @ExpectedErrorLog(logger = Session.class, message = "onRecv threw")
 * void aHookThatThrowsClosesItsSession() { ... }
 * }</pre>
 *
 * <p>A line matches when it was logged through {@link #logger()} (any logger if not given) and
 * its formatted message contains {@link #message()} (any message if empty); at least one of the
 * two must be given. A declaration is also a claim: unless {@link #required()} is false, the
 * test fails when no matching line was logged, as {@code assertThrows} fails when nothing was
 * thrown. Repeat the annotation for several lines. On a class it applies to each of the class's
 * tests, and to what the class logs outside them (in {@code @BeforeAll} or {@code @AfterAll}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(ExpectedErrorLog.List.class)
public @interface ExpectedErrorLog {
    /** The class whose logger ({@code LoggerFactory.getLogger(Class)}) writes the line; {@code void.class} for any. */
    Class<?> logger() default void.class;

    /** A fragment of the formatted message; empty for any message. */
    String message() default "";

    /** Whether the test fails when no such line was logged: false for a line a race may or may not provoke. */
    boolean required() default true;

    /** The container of repeated {@link ExpectedErrorLog}s. */
    @Documented
    @Inherited
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @interface List {
        ExpectedErrorLog[] value();
    }
}
