package io.servercore.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.servercore.testing.Await;
import io.servercore.testing.Frames;
import io.servercore.testing.RawClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Max sessions, idle timeout and the outbound limit, each cutting one session and no other. */
@Timeout(60)
class ServiceLimitsTest {
    private final byte[] ping = Frames.frame(10, Frames.pattern(10, 8));

    @Test
    void aConnectionBeyondMaxSessionsIsClosedAtOnceAndTheOthersGoOn() throws Exception {
        try (Loopback loopback = Loopback.start(ServiceConfig.builder().maxSessions(2), Loopback.EchoSession::new);
             RawClient a = new RawClient(loopback.address())) {
            RawClient b = new RawClient(loopback.address());
            a.write(ping);
            b.write(ping);
            assertArrayEquals(ping, a.readFrame());
            assertArrayEquals(ping, b.readFrame());
            try (RawClient refused = new RawClient(loopback.address())) {
                assertEquals(0, refused.readUntilClosed().length);
            }
            a.write(ping);
            assertArrayEquals(ping, a.readFrame());
            assertEquals(2, loopback.server.sessionCount());

            b.close();
            Await.until("b's slot is free", () -> loopback.server.sessionCount() == 1);
            try (RawClient c = new RawClient(loopback.address())) {
                c.write(ping);
                assertArrayEquals(ping, c.readFrame(), "a freed slot takes a new session");
            }
        }
    }

    @Test
    void refusedConnectionsAreLoggedAtMostOnceASecond() throws Exception {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        Logger serviceLog = (Logger) LoggerFactory.getLogger(Service.class);
        lines.start();
        serviceLog.addAppender(lines);
        try (Loopback loopback = Loopback.start(ServiceConfig.builder().maxSessions(1), Loopback.EchoSession::new);
             RawClient member = new RawClient(loopback.address())) {
            member.write(ping);
            assertArrayEquals(ping, member.readFrame());
            long start = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                try (RawClient refused = new RawClient(loopback.address())) {
                    assertEquals(0, refused.readUntilClosed().length);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<String> refusals;
            synchronized (lines.list) {
                refusals = lines.list.stream().map(ILoggingEvent::getFormattedMessage)
                        .filter(m -> m.contains("refused connection")).collect(Collectors.toList());
            }
            assertTrue(!refusals.isEmpty(), "the refusal was logged");
            assertTrue(refusals.size() <= Math.ceil(seconds) + 1, refusals.size() + " lines in " + seconds + " s");
            assertTrue(refusals.get(0).contains("maxSessions=1"), refusals.get(0));
            member.write(ping);
            assertArrayEquals(ping, member.readFrame(), "the member was not disturbed");
        } finally {
            serviceLog.detachAppender(lines);
        }
    }

    @Test
    void aSilentSessionIsCutAtTheIdleTimeoutWithItsReason() throws Exception {
        List<Probe> probes = new CopyOnWriteArrayList<>();
        try (Loopback loopback = Loopback.start(ServiceConfig.builder().idleTimeoutMillis(200), Probe.into(probes)); RawClient silent = new RawClient(loopback.address())) {
            assertEquals(0, silent.readUntilClosed().length);
            Probe probe = probes.get(0);
            assertTrue(probe.reported.await(10, TimeUnit.SECONDS));
            assertEquals(DisconnectReason.IDLE_TIMEOUT, probe.reason);
        }
    }

    @Test
    void aPeerThatDoesNotReadIsCutAtTheOutboundLimitAndOthersAreServed() throws Exception {
        List<Probe> probes = new CopyOnWriteArrayList<>();
        try (Loopback loopback = Loopback.start(ServiceConfig.builder().outboundLimit(1 << 20), Probe.into(probes)); RawClient stuck = new RawClient(loopback.address());
             RawClient fine = new RawClient(loopback.address())) {
            stuck.socket().setReceiveBufferSize(4096);
            Await.until("both connected", () -> probes.size() == 2
                    && probes.stream().allMatch(p -> p.connected.getCount() == 0));
            Probe stuckSession = probes.get(0);
            // 64 MiB offered to a reader that reads nothing: the limit must trip first.
            for (int i = 0; i < 16 * 1024 && !stuckSession.isClosed(); i++) {
                stuckSession.send(Loopback.frame(1, new byte[4092]));
            }
            assertTrue(stuckSession.reported.await(10, TimeUnit.SECONDS));
            assertEquals(DisconnectReason.OUTBOUND_LIMIT, stuckSession.reason);

            Probe fineSession = probes.get(1);
            fineSession.send(Loopback.frame(10, Frames.pattern(10, 8)));
            assertArrayEquals(ping, fine.readFrame());
        }
    }

    @Test
    void aSessionIsFreshFromTheMomentTheServiceCanSeeIt() throws Exception {
        try (IoCore core = new IoCore("test-io", 1)) {
            ClientService service = ClientService.create(core,
                    ServiceConfig.builder().host("127.0.0.1").port(9).idleTimeoutMillis(1_000).build(), Probe::new);
            Probe session = new Probe();
            long before = System.nanoTime();
            // Registered from here on, and swept, though start() may not have run yet.
            session.attach(service, new FakeChannel(), 1);
            long idleAsTheSweepSeesIt = System.nanoTime() - session.lastActivityNanos();
            assertTrue(idleAsTheSweepSeesIt <= System.nanoTime() - before,
                    "a session not yet started looked idle for " + idleAsTheSweepSeesIt + " ns");
            service.close();
        }
    }
}
