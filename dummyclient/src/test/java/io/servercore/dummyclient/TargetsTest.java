package io.servercore.dummyclient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.servercore.dummyclient.config.SwarmConfig;
import io.servercore.dummyclient.config.Target;
import io.servercore.dummyclient.player.Targets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --targets}: the servers a swarm spreads its players over, beside {@code --host}/{@code --port}. */
class TargetsTest {

    @Test
    void targetsAreParsedAndHostAndPortStillWork() {
        SwarmConfig spread = DummyClientMain.parse("--targets", "127.0.0.1:7001,localhost:7002");
        assertEquals(List.of(new Target("127.0.0.1", 7001), new Target("localhost", 7002)), spread.targets());
        assertEquals("127.0.0.1", spread.host(), "the first target is the one the report names");
        assertEquals(7001, spread.port());
        SwarmConfig one = DummyClientMain.parse("--host", "10.0.0.5", "--port", "7003");
        assertEquals(List.of(new Target("10.0.0.5", 7003)), one.targets());

        StringWriter err = new StringWriter();
        assertEquals(DummyClientMain.USAGE, DummyClientMain.run(new String[] {"--targets", "127.0.0.1:7001,nohost"},
                new PrintWriter(new StringWriter()), new PrintWriter(err, true)));
        assertEquals("dummyclient: invalid --targets nohost: allowed HOST:PORT with PORT 1..65535, comma-separated "
                + "(see --help)", err.toString().trim());
    }

    @Test
    void everyRoomHasMembersOnEveryTarget() {
        SwarmConfig config = DummyClientMain.parse("--targets", "127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003",
                "--rooms", "4", "--clients", "24");
        java.util.Map<String, java.util.Set<Integer>> targetsOfRoom = new java.util.HashMap<>();
        for (int i = 0; i < config.clients(); i++) {
            targetsOfRoom.computeIfAbsent(config.roomOf(i), r -> new java.util.HashSet<>()).add(Targets.targetOf(i, 4, 3));
        }
        assertEquals(4, targetsOfRoom.size());
        targetsOfRoom.values().forEach(t -> assertEquals(java.util.Set.of(0, 1, 2), t));
    }
}
