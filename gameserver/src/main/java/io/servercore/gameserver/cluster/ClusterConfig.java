package io.servercore.gameserver.cluster;

import io.servercore.cli.Flag;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * How a node joins its cluster: the NATS server's URL, the node's name, and the room capacity
 * that every node of the cluster is started with (the KV capacity check counts against it).
 *
 * <p>Immutable and thread-safe.
 *
 * @param url          {@code nats://HOST:PORT}
 * @param nodeName     1 to 64 of {@code A-Z a-z 0-9 _ -}; unique among the live nodes
 * @param roomCapacity members a room holds across every node
 */
public record ClusterConfig(String url, String nodeName, int roomCapacity) {
    /** {@code --cluster}: the NATS server's URL. */
    public static final Flag CLUSTER = new Flag("--cluster", "nats://HOST:PORT");
    /** {@code --node-name}: this node's name, unique among the live nodes. */
    public static final Flag NODE_NAME = new Flag("--node-name", "1 to 64 of A-Z a-z 0-9 _ -");

    private static final Pattern NODE_NAME_CHARS = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** @throws IllegalArgumentException naming the flag, its value and what is allowed */
    public ClusterConfig {
        checkUrl(url);
        if (nodeName == null || !NODE_NAME_CHARS.matcher(nodeName).matches()) {
            throw NODE_NAME.invalid(nodeName);
        }
        if (roomCapacity < 1) {
            throw new IllegalArgumentException("invalid room capacity " + roomCapacity + ": min 1");
        }
    }

    /** A name no other node is likely to pick: {@code node-} and 8 random hex digits. */
    public static String defaultNodeName() {
        return String.format("node-%08x", ThreadLocalRandom.current().nextInt());
    }

    private static void checkUrl(String url) {
        if (url == null) {
            throw CLUSTER.invalid(null);
        }
        try {
            URI uri = new URI(url);
            if (!"nats".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535
                    || (uri.getPath() != null && !uri.getPath().isEmpty())) {
                throw CLUSTER.invalid(url);
            }
        } catch (URISyntaxException e) {
            throw CLUSTER.invalid(url);
        }
    }
}
