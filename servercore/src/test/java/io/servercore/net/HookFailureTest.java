package io.servercore.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.servercore.testing.Await;
import io.servercore.testing.ExpectedErrorLog;
import io.servercore.testing.Frames;
import io.servercore.testing.LogLines;
import io.servercore.testing.RawClient;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A user hook that throws costs its own session and nothing else: the engine logs the
 * exception once at ERROR naming the hook and the peer, closes that session with
 * {@link DisconnectReason#HANDLER_ERROR} (a throwing {@code onDisconnected} comes too late to
 * change the reason, and the session is still forgotten), reports the disconnect once, and
 * another session on the same server goes on echoing. The pool check after the test proves that
 * no slice was lost on the way.
 */
@Timeout(60)
class HookFailureTest {
    /** The hook that throws. */
    enum Hook {
        ON_CONNECTED("onConnected"), ON_RECV("onRecv"), ON_SEND("onSend"), ON_DISCONNECTED("onDisconnected");

        final String method;

        Hook(String method) {
            this.method = method;
        }
    }

    /** An echoing session that throws from {@code failing}, unless it is the bystander. */
    static final class Victim extends Probe {
        private final Hook failing;

        Victim(Hook failing) {
            this.failing = failing;
        }

        private void maybeThrow(Hook hook) {
            if (hook == failing) {
                throw new IllegalStateException("thrown by " + hook.method + " on purpose");
            }
        }

        @Override
        protected void onConnected() {
            super.onConnected();
            maybeThrow(Hook.ON_CONNECTED);
        }

        @Override
        protected void onRecvPacket(int id, ByteBuffer payload) {
            super.onRecvPacket(id, payload);
            maybeThrow(Hook.ON_RECV);
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            send(Loopback.frame(id, bytes));
        }

        @Override
        protected void onSend(long bytes) {
            super.onSend(bytes);
            maybeThrow(Hook.ON_SEND);
        }

        @Override
        protected void onDisconnected(DisconnectReason why) {
            super.onDisconnected(why);
            maybeThrow(Hook.ON_DISCONNECTED);
        }
    }

    @ParameterizedTest
    @EnumSource(Hook.class)
    @ExpectedErrorLog(logger = Session.class, message = " threw")
    void aHookThatThrowsClosesItsOwnSessionOnlyAndIsLoggedOnce(Hook hook) throws Exception {
        List<Victim> sessions = new CopyOnWriteArrayList<>();
        AtomicReference<Hook> nextFails = new AtomicReference<>();
        byte[] ping = Frames.frame(7, Frames.pattern(7, 12));
        try (LogLines log = LogLines.of(Session.class);
             Loopback loopback = Loopback.start(() -> {
                 Victim session = new Victim(nextFails.getAndSet(null));
                 sessions.add(session);
                 return session;
             });
             RawClient bystander = new RawClient(loopback.address())) {
            bystander.write(ping);
            assertArrayEquals(ping, bystander.readFrame());

            nextFails.set(hook);
            Victim victim;
            try (RawClient client = new RawClient(loopback.address())) {
                Await.until("the second session connected",
                        () -> sessions.size() == 2 && sessions.get(1).connected.getCount() == 0);
                victim = sessions.get(1);
                switch (hook) {
                    case ON_CONNECTED -> assertEquals(0, client.readUntilClosed().length, "closed before a word");
                    case ON_RECV -> {
                        client.write(ping);
                        assertEquals(0, client.readUntilClosed().length, "the frame that made it throw is not answered");
                    }
                    case ON_SEND -> {
                        client.write(ping);
                        assertArrayEquals(ping, client.readUntilClosed(), "the echo was written, then the session closed");
                    }
                    case ON_DISCONNECTED -> {
                        client.write(ping);
                        assertArrayEquals(ping, client.readFrame());
                    } // and the client closes
                }
            }
            assertTrue(victim.reported.await(10, TimeUnit.SECONDS), "the disconnect was reported");
            DisconnectReason expected = hook == Hook.ON_DISCONNECTED ? DisconnectReason.PEER_CLOSED
                    : DisconnectReason.HANDLER_ERROR;
            assertEquals(expected, victim.reason);
            assertEquals(expected, victim.disconnectReason());
            assertNotNull(victim.reportThread);
            assertTrue(victim.reportThread.getName().startsWith("test-io"), "reported on " + victim.reportThread);
            Await.until("the server forgot the session", () -> loopback.server.sessionCount() == 1,
                    loopback.server::sessionCount);
            assertEquals(1, victim.disconnects.get(), "reported exactly once");
            assertEquals(0, victim.hooksAfterReport.get(), "no hook ran after the report");

            // onDisconnected's failure is logged after the report it is part of: wait for the line.
            Await.until("the ERROR line", () -> !log.messages(Level.ERROR).isEmpty());
            List<String> errors = log.messagesWithThrowables(Level.ERROR);
            assertEquals(1, errors.size(), "one ERROR line: " + errors);
            assertTrue(errors.get(0).contains(hook.method + " threw") && errors.get(0).contains(victim.peer())
                    && errors.get(0).contains("thrown by " + hook.method + " on purpose"), errors.get(0));

            bystander.write(ping);
            assertArrayEquals(ping, bystander.readFrame(), "the other session goes on");
            assertTrue(!sessions.get(0).isClosed(), "the bystander's session is open");
            assertEquals(2, sessions.get(0).framesReceived.get(), "the bystander's frames");
        }
    }
}
