package io.servercore.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.transport.LoopGroup;
import java.nio.channels.AsynchronousChannelGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which provider an engine runs on, and that the choice is the one asked for. */
@Timeout(30)
class TransportTest {

    @Test
    void namesParseInAnyCaseAndAnUnknownOneIsRefusedWithWhatIsAllowed() {
        assertEquals(Transport.SERVERCORE, Transport.parse("servercore"));
        assertEquals(Transport.JDK, Transport.parse("JDK"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Transport.parse("epoll"));
        assertEquals("transport 'epoll' is unknown, allowed: servercore|jdk", e.getMessage());
    }

    @Test
    void eachTransportBuildsItsOwnKindOfGroup() throws Exception {
        try (IoCore ours = new IoCore("test-io", 1, Transport.SERVERCORE);
             IoCore jdks = new IoCore("test-io", 1, Transport.JDK)) {
            assertTrue(ours.group() instanceof LoopGroup, ours.group().getClass().getName());
            AsynchronousChannelGroup jdkGroup = jdks.group();
            assertTrue(jdkGroup.provider().getClass().getName().startsWith("sun.nio.ch."),
                    jdkGroup.provider().getClass().getName());
            assertEquals(Transport.SERVERCORE, ours.transport());
            assertEquals(Transport.JDK, jdks.transport());
        }
    }

    @Test
    void theDefaultFollowsTheSystemPropertyThisRunSets() throws Exception {
        String asked = System.getProperty(Transport.PROPERTY);
        Transport expected = asked == null ? Transport.SERVERCORE : Transport.parse(asked);
        try (IoCore core = new IoCore("test-io", 1)) {
            assertEquals(expected, core.transport(), "the engine tests of this run are on " + expected);
            assertEquals(expected == Transport.SERVERCORE, core.group() instanceof LoopGroup);
        }
    }
}
