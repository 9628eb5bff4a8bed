package io.servercore.dummyclient.config;

import io.servercore.net.Transport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of {@code java -jar dummyclient.jar}. Picocli fills the fields;
 * {@link #toConfig()} checks them against {@link SwarmFlags}, whose words each description
 * repeats.
 *
 * <p>Not thread-safe; used once, by the thread that parses.
 */
@Command(name = "dummyclient", mixinStandardHelpOptions = true, version = "dummyclient 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"A load swarm for the chat and room server: opens sessions, enters them into rooms, "
                + "keeps them chatting, moving and pinging, and reports latency, deliveries, order, errors "
                + "and disconnects. With --attack, hostile sessions beside them, and what the server did about each.",
                "Exit status: 0 when every session connected and stayed and everything arrived in order (and every "
                        + "attack was answered as expected); 1 when not (the summary says why); 2 for a bad flag."})
public final class SwarmOptions {
    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Server address, a host name or address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "7777",
            description = "Server port, 1..65535 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--targets", paramLabel = "HOST:PORT", split = ",",
            description = "Servers to spread the sessions over, e.g. the nodes of a cluster, HOST:PORT with PORT "
                    + "1..65535, comma-separated; each room gets members on every one (default: --host:--port alone).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--clients", paramLabel = "N", defaultValue = "100",
            description = "Sessions to open, 1..1000000; 0 with --attack for attackers only "
                    + "(default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--rooms", paramLabel = "N", defaultValue = "10",
            description = "Rooms the sessions are spread over evenly, 1..1000000 (default: ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--connect-rate", paramLabel = "PER_S", defaultValue = "500",
            description = "Sessions opened per second, 1..1000000 (default: ${DEFAULT-VALUE}).")
    double connectRate;

    @Option(names = "--chat-rate", paramLabel = "PER_S", defaultValue = "1",
            description = "Chats per second per session, 0 (off) or 0.001..1000 (default: ${DEFAULT-VALUE}).")
    double chatRate;

    @Option(names = "--payload", paramLabel = "BYTES", defaultValue = "64",
            description = "Bytes of each chat's text, 32..65525; the server's chat limit must allow it "
                    + "(default: ${DEFAULT-VALUE}).")
    int payload;

    @Option(names = "--move-rate", paramLabel = "PER_S", defaultValue = "2",
            description = "Moves per second per session, 0 (off) or 0.001..1000 (default: ${DEFAULT-VALUE}).")
    double moveRate;

    @Option(names = "--ping-interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between heartbeat pings per session, 0 (off) or 0.001..3600 "
                    + "(default: ${DEFAULT-VALUE}).")
    double pingInterval;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "30",
            description = "Seconds of load once every session is in, 0..31536000 (default: ${DEFAULT-VALUE}).")
    double duration;

    @Option(names = "--mode", paramLabel = "chat|echo", defaultValue = "chat",
            description = "What the sessions do, chat|echo: chat enters rooms, chats, moves and pings; echo keeps "
                    + "C_Ping round trips going only (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--window", paramLabel = "N", defaultValue = "1",
            description = "Echo mode: pings in flight per session, 1..100000 (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the summary's figures as JSON to FILE, a file path.")
    public Path json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write the run as one self-contained HTML page to FILE, a file path: configuration, "
                    + "throughput and latency over time, the latency percentile distribution, errors and disconnects, "
                    + "the verdict.")
    public Path html;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "I/O threads, 0 (one per core) or 1..1024 (default: 0, one per core).")
    int threads;

    @Option(names = "--transport", paramLabel = "NAME",
            description = "The port under the swarm's engine, servercore|jdk: servercore's own selector loops, or the "
                    + "JDK's provider (default: servercore on Linux, jdk elsewhere).")
    String transport;

    @Option(names = "--max-p99", paramLabel = "MS", defaultValue = "0",
            description = "Fail when the players' chat latency p99 is above this, 0 (off) or 0.001..3600000 ms "
                    + "(default: off).")
    double maxP99;

    @Option(names = "--attack", paramLabel = "MODE", split = ",",
            description = "Hostile sessions beside the players, each checked for the server's answer, "
                    + "malformed|drip|flood|never-read|reset|churn, each at most once (default: none).")
    List<String> attack = new ArrayList<>();

    @Option(names = "--attackers", paramLabel = "N", defaultValue = "10",
            description = "Hostile sessions per attack, 1..100000 (default: ${DEFAULT-VALUE}).")
    int attackers;

    @Option(names = "--cycle-rate", paramLabel = "PER_S", defaultValue = "2",
            description = "malformed, reset, churn: connections a second per attacker, 0.001..1000 "
                    + "(default: ${DEFAULT-VALUE}).")
    double cycleRate;

    @Option(names = "--flood-rate", paramLabel = "PER_S", defaultValue = "2000",
            description = "flood: packets a second per attacker, 1..1000000 (default: ${DEFAULT-VALUE}).")
    double floodRate;

    @Option(names = "--drip-interval", paramLabel = "SECONDS", defaultValue = "1",
            description = "drip: seconds between two bytes, 0.001..3600; the frame (6 + --payload bytes, at most "
                    + "1 KiB) must take longer than the server's idle timeout (default: ${DEFAULT-VALUE}).")
    double dripInterval;

    /** @throws IllegalArgumentException naming the first flag out of range, its value and what is allowed */
    public SwarmConfig toConfig() {
        List<AttackMode> modes = new ArrayList<>();
        for (String value : attack) {
            modes.add(AttackMode.parse(value));
        }
        AttackConfig attacks = new AttackConfig(modes, attackers, cycleRate, floodRate, dripInterval);
        return new SwarmConfig(host, port, clients, rooms, connectRate, chatRate, payload, moveRate, pingInterval,
                duration, Mode.parse(mode), window, threads, maxP99, attacks, transport(transport),
                Target.parseAll(targets));
    }

    /** The transport named by {@code --transport}, or the platform's default when it is not given. */
    private static Transport transport(String name) {
        if (name == null) {
            return Transport.defaultTransport();
        }
        try {
            return Transport.parse(name);
        } catch (IllegalArgumentException e) {
            throw SwarmFlags.TRANSPORT.invalid(name);
        }
    }
}
