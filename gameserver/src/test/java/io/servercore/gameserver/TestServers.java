package io.servercore.gameserver;

import java.io.IOException;

/** Game servers on 127.0.0.1 with a free port, for in-process tests. */
final class TestServers {
    private TestServers() {
    }

    /** The protocol's defaults, two I/O threads, no stats line. */
    static GameServerConfig config() {
        return new GameServerConfig("127.0.0.1", 0, 2, 10_000, 4096, 1000, 1024, 200, 400, 4L << 20, 60_000, 0);
    }

    static GameServer start(GameServerConfig config) throws IOException {
        return GameServer.start(config);
    }

    static GameServer start() throws IOException {
        return start(config());
    }
}
