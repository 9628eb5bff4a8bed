package io.servercore.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad configuration fails at start with a message naming the setting and its value. */
@Timeout(30)
class ConfigTest {

    @Test
    void aPortInUseNamesTheAddress() throws Exception {
        try (Loopback first = Loopback.start(Loopback.EchoSession::new)) {
            int port = first.server.localAddress().getPort();
            ServiceConfig taken = ServiceConfig.builder().host("127.0.0.1").port(port).build();
            BindException e = assertThrows(BindException.class,
                    () -> ServerService.start(first.core, taken, Loopback.EchoSession::new));
            assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + port + ": "), e.getMessage());
            assertTrue(e.getMessage().toLowerCase().contains("in use"), e.getMessage());
        }
    }

    @Test
    void zeroThreadsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new IoCore(0));
        assertEquals("threads=0, min=1", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "port=70000         | port=70000 is out of range, min=0, max=65535",
        "port=-1            | port=-1 is out of range, min=0, max=65535",
        "maxFrameSize=-1    | maxFrameSize=-1 is out of range, min=4, max=65535",
        "maxFrameSize=70000 | maxFrameSize=70000 is out of range, min=4, max=65535",
        "recvBufferSize=10  | recvBufferSize=10 is out of range, min=64, max=67108864",
        "outboundLimit=-5   | outboundLimit=-5 is out of range, min=1, max=9223372036854775807",
        "maxSessions=0      | maxSessions=0 is out of range, min=1, max=2147483647",
        "backlog=-1         | backlog=-1 is out of range, min=1, max=2147483647",
        "idleTimeout=-1     | idleTimeoutMillis=-1 is out of range, min=0, max=9223372036854775807",
        "sendQueue=0        | sendQueueCapacity=0 is out of range, min=32, max=1073741824",
    })
    void aSettingOutOfRangeNamesItsValueAndTheLimits(String setting, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> apply(setting).apply(ServiceConfig.builder()).build());
        assertEquals(message, e.getMessage());
    }

    @Test
    void aClientWithoutAPortIsRefused() throws Exception {
        try (IoCore core = new IoCore(1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ClientService.create(core, ServiceConfig.builder().build(), Loopback.EchoSession::new));
            assertEquals("port=0: a client needs the server's port, min=1, max=65535", e.getMessage());
        }
    }

    private static UnaryOperator<ServiceConfig.Builder> apply(String setting) {
        String[] kv = setting.split("=");
        long v = Long.parseLong(kv[1]);
        switch (kv[0]) {
            case "port": return b -> b.port((int) v);
            case "maxFrameSize": return b -> b.maxFrameSize((int) v);
            case "recvBufferSize": return b -> b.recvBufferSize((int) v);
            case "outboundLimit": return b -> b.outboundLimit(v);
            case "maxSessions": return b -> b.maxSessions((int) v);
            case "backlog": return b -> b.backlog((int) v);
            case "idleTimeout": return b -> b.idleTimeoutMillis(v);
            case "sendQueue": return b -> b.sendQueueCapacity((int) v);
            default: throw new IllegalArgumentException(setting);
        }
    }
}
