package io.servercore.gameserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.servercore.net.Transport;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --transport} picks the engine's provider; a name it does not know stops start-up in one line. */
@Timeout(30)
class TransportFlagTest {

    private static GameServerConfig parse(String... args) {
        GameServerOptions options = new GameServerOptions();
        new picocli.CommandLine(options).parseArgs(args);
        return options.toConfig();
    }

    @Test
    void eachNamedTransportIsTheOneTheServerRunsOn() throws Exception {
        for (Transport transport : Transport.values()) {
            GameServerConfig config = parse("--host", "127.0.0.1", "--port", "0", "--threads", "1",
                    "--stats-interval", "0", "--transport", transport.id());
            assertEquals(transport, config.transport());
            try (GameServer server = GameServer.start(config)) {
                assertEquals(transport, server.core().transport());
            }
        }
    }

    @Test
    void withoutTheFlagThePlatformDefaultIsUsed() {
        assertEquals(Transport.defaultTransport(), parse().transport());
    }

    @Test
    void anUnknownTransportIsOneLineNamingTheValueAndWhatIsAllowed() {
        StringWriter err = new StringWriter();
        int status = GameServerMain.run(new String[] {"--transport", "epoll"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertEquals(2, status);
        assertEquals("gameserver: invalid --transport epoll: allowed servercore|jdk (see --help)", err.toString().trim());
    }
}
