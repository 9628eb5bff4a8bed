package io.servercore.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.buffer.SendBuffer;
import io.servercore.buffer.SendBufferManager;
import io.servercore.job.JobQueue;
import io.servercore.net.IoCore;
import io.servercore.net.ServerService;
import io.servercore.net.ServiceConfig;
import io.servercore.net.Session;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The suite's guards are on for every test class: a test that leaks a send buffer slice fails
 * ({@link PoolLeakCheck}), and so does a test during which an I/O thread or a job logged an
 * ERROR line it did not declare ({@link ErrorLogCheck}). Fixtures that do just that run through
 * the JUnit Platform launcher configured as surefire's is (the {@code junit-platform.properties}
 * and {@code META-INF/services} of the class path, nothing registered by hand), and each must
 * fail with its guard's message. If either registration is lost, these tests fail.
 *
 * <p>The fixtures are static nested classes, which surefire does not run (it skips nested class
 * files), and they run only when the launcher passes {@value #FIXTURES} (see {@link OnlyLaunched}),
 * so an IDE that runs the package skips them instead of failing on them. Their ERROR lines are
 * logged while the test that launched them runs, so that test declares them.
 */
@Timeout(60)
class SuiteGuardsTest {
    static final String FIXTURES = "servercore.guardFixtures";

    /** What the launched fixtures ended with, by method name. */
    private final Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();

    @Test
    void aTestThatLeaksASliceFails() {
        try {
            launch(LeakingFixture.class);
            TestExecutionResult leaked = results.get("leavesASliceUnreleased");
            assertFailedWith(leaked, "leaked send buffers", "1 live slices");
            assertTrue(message(leaked).contains("leavesASliceUnreleased"),
                    "the leak report names the code that cut the slice: " + message(leaked));
        } finally {
            if (LeakingFixture.leaked != null) {
                LeakingFixture.leaked.release();
                LeakingFixture.leaked = null;
            }
        }
    }

    @Test
    @ExpectedErrorLog(logger = Session.class, message = "onRecv threw; closing the session")
    @ExpectedErrorLog(logger = JobQueue.class, message = "threw; the queue goes on")
    void aTestDuringWhichAnIoThreadOrAJobLogsAnUndeclaredErrorFailsNamingIt() {
        launch(ThrowingFixture.class);

        TestExecutionResult onIoThread = results.get("aHookThrowsOnAnIoThread");
        assertFailedWith(onIoThread, "1 ERROR line was logged that it does not declare",
                "[guard-io-", "io.servercore.net.Session", "onRecv threw; closing the session",
                "java.lang.IllegalStateException: thrown by the fixture's onRecv");
        Throwable cause = onIoThread.getThrowable().orElseThrow().getCause();
        assertNotNull(cause, "the hook's exception is the failure's cause");
        assertEquals("thrown by the fixture's onRecv", cause.getMessage());

        assertFailedWith(results.get("aJobThrows"), "io.servercore.job.JobQueue",
                "job fixture-job threw; the queue goes on", "java.lang.IllegalStateException: thrown by the fixture's job");

        TestExecutionResult declared = results.get("aJobThrowsAsDeclared");
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, declared.getStatus(), () -> message(declared));

        assertFailedWith(results.get("declaresAnErrorThatNeverComes"), "it declares an ERROR line that was never logged",
                "logger=io.servercore.job.JobQueue, message containing 'threw'");
    }

    /** Runs {@code fixture} through a launcher as the suite is run, recording each test's result. */
    private void launch(Class<?> fixture) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(fixture))
                .configurationParameter(FIXTURES, "true")
                .configurationParameter(PoolLeakCheck.WAIT_PARAMETER, "100")
                .build();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    results.put(test.getDisplayName().replace("()", ""), result);
                }
            }
        });
        assertTrue(!results.isEmpty(), "the launcher ran none of " + fixture.getSimpleName() + "'s tests");
    }

    private static void assertFailedWith(TestExecutionResult result, String... fragments) {
        assertNotNull(result, "the fixture did not run");
        assertEquals(TestExecutionResult.Status.FAILED, result.getStatus(), "the fixture passed");
        String message = message(result);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "the failure does not say '" + fragment + "': " + message);
        }
    }

    private static String message(TestExecutionResult result) {
        return result.getThrowable().map(String::valueOf).orElse("(no throwable)");
    }

    /** Runs a fixture only when {@link SuiteGuardsTest} launches it. */
    static final class OnlyLaunched implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<Boolean> launched = context.getConfigurationParameter(FIXTURES, Boolean::parseBoolean);
            return launched.orElse(false) ? ConditionEvaluationResult.enabled("launched by SuiteGuardsTest")
                    : ConditionEvaluationResult.disabled("a fixture of SuiteGuardsTest, meant to fail");
        }
    }

    /** Cuts a slice and keeps it: the pool check must fail the test. */
    @ExtendWith(OnlyLaunched.class)
    static final class LeakingFixture {
        static volatile SendBuffer leaked;

        @Test
        void leavesASliceUnreleased() {
            ByteBuffer out = SendBufferManager.shared().open(8);
            out.putLong(42);
            leaked = SendBufferManager.shared().close(out.position());
        }
    }

    /** Tests whose bodies pass while an I/O thread or a job logs an ERROR line. */
    @ExtendWith(OnlyLaunched.class)
    static final class ThrowingFixture {
        /** A session whose onRecv throws, on the engine's I/O thread. */
        static final class ThrowingSession extends Session {
            @Override
            protected int onRecv(ByteBuffer data) {
                throw new IllegalStateException("thrown by the fixture's onRecv");
            }
        }

        @Test
        void aHookThrowsOnAnIoThread() throws Exception {
            try (IoCore core = new IoCore("guard-io", 1)) {
                ServerService server = ServerService.start(core,
                        ServiceConfig.builder().host("127.0.0.1").port(0).build(), ThrowingSession::new);
                try (RawClient client = new RawClient(server.localAddress())) {
                    client.write(new byte[] {1});
                    // The line is logged before the session closes, so it is there once the close is.
                    assertEquals(0, client.readUntilClosed().length);
                }
            }
        }

        @Test
        void aJobThrows() {
            pushThrowingJob();
        }

        @Test
        @ExpectedErrorLog(logger = JobQueue.class, message = "job fixture-job threw")
        void aJobThrowsAsDeclared() {
            pushThrowingJob();
        }

        @Test
        @ExpectedErrorLog(logger = JobQueue.class, message = "threw")
        void declaresAnErrorThatNeverComes() {
            // logs nothing
        }

        /** Pushed onto an idle queue, the job runs on this thread, where nobody would see it throw. */
        private static void pushThrowingJob() {
            JobQueue queue = new JobQueue(Runnable::run);
            queue.push(new Runnable() {
                @Override
                public void run() {
                    throw new IllegalStateException("thrown by the fixture's job");
                }

                @Override
                public String toString() {
                    return "fixture-job";
                }
            });
        }
    }
}
