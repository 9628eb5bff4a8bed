package io.servercore.dummyclient;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of {@code java -jar dummyclient.jar}. Picocli fills the fields;
 * {@link #toConfig()} checks them against their {@link Range}s.
 *
 * <p>Not thread-safe; used once, by the thread that parses.
 */
@Command(name = "dummyclient", mixinStandardHelpOptions = true, version = "dummyclient 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"A load swarm for the chat and room server: opens sessions, enters them into rooms, "
                + "keeps them chatting, moving and pinging, and reports latency, deliveries, order, errors "
                + "and disconnects.",
                "Exit status: 0 when every session connected and stayed and everything arrived in order; "
                        + "1 when not (the summary says why); 2 for a bad flag."})
final class SwarmOptions {
    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Server address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "7777",
            description = "Server port, 1..65535 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "100",
            description = "Sessions to open, 1..1000000 (default: ${DEFAULT-VALUE}).")
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
            description = "chat: rooms, chats, moves, pings; echo: C_Ping round trips only "
                    + "(default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--window", paramLabel = "N", defaultValue = "1",
            description = "Echo mode: pings in flight per session, 1..100000 (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the summary's figures to FILE as JSON.")
    Path json;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "I/O threads, 0..1024; 0 means one per core (default: one per core).")
    int threads;

    /** @throws IllegalArgumentException naming the first flag out of range, its value and what is allowed */
    SwarmConfig toConfig() {
        Range.THREADS.check(threads);
        int ioThreads = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        return new SwarmConfig(host, port, clients, rooms, connectRate, chatRate, payload, moveRate, pingInterval,
                duration, Mode.parse(mode), window, ioThreads);
    }

    /**
     * The one-line message for a flag picocli rejected: for a flag with a {@link Range}, the
     * flag, the value and what is allowed; otherwise picocli's own words.
     */
    static String explain(CommandLine.ParameterException e) {
        if (e.getArgSpec() instanceof CommandLine.Model.OptionSpec option && e.getValue() != null) {
            String flag = option.longestName();
            Range range = Range.of(flag);
            if (range != null) {
                return "invalid " + flag + " " + e.getValue() + ": allowed " + range.allowed();
            }
        }
        return e.getMessage();
    }
}
