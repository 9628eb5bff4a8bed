package io.servercore.dummyclient.config;

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
public record Target(String host, int port) {
    public Target {
        if (host == null || host.isBlank()) {
            throw SwarmFlags.TARGETS.invalid(host + ":" + port);
        }
        SwarmFlags.PORT.check(port);
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
            if (port < 1 || port > 65535 || value.substring(0, colon).isBlank()) {
                throw SwarmFlags.TARGETS.invalid(value);
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
