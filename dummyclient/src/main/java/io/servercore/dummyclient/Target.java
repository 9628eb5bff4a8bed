package io.servercore.dummyclient;

import java.util.ArrayList;
import java.util.List;

/**
 * One server the swarm connects to: a node of a cluster, or the one server.
 *
 * <p>Immutable and thread-safe.
 *
 * @param host address or host name
 * @param port 1..65535
 */
record Target(String host, int port) {
    Target {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("invalid target host '" + host + "': allowed a host name or address");
        }
        Range.PORT.check(port);
    }

    /**
     * The targets of {@code --targets HOST:PORT,...}.
     *
     * @throws IllegalArgumentException naming the value and what is allowed
     */
    static List<Target> parseAll(List<String> values) {
        List<Target> targets = new ArrayList<>();
        for (String value : values) {
            int colon = value.lastIndexOf(':');
            int port = -1;
            if (colon > 0) {
                try {
                    port = Integer.parseInt(value.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = -1;
                }
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("invalid --targets " + value + ": allowed HOST:PORT with PORT 1..65535,"
                        + " comma-separated");
            }
            targets.add(new Target(value.substring(0, colon), port));
        }
        return targets;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
