package io.servercore.benchmarks.load;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The command line of {@link NeutralLoad}: a mode ({@code chat} or {@code echo}) as a
 * subcommand, each with its own flags and the common ones. Picocli fills the fields;
 * {@code toConfig()} checks them against {@link LoadFlags}, whose words each description
 * repeats, and makes the {@link LoadConfig}.
 *
 * <p>Not thread-safe; used once, by the thread that parses.
 */
@Command(name = "neutral-load", mixinStandardHelpOptions = true, version = "neutral-load 0.1.0",
        usageHelpAutoWidth = true, subcommands = {LoadOptions.Chat.class, LoadOptions.Echo.class},
        description = {"A neutral load generator for the chat protocol (docs/protocol.md): one thread, one java.nio "
                + "Selector, non-blocking sockets with TCP_NODELAY, direct buffers, frames read where they lie; "
                + "neither the engine under test nor Netty, so that the figures are the server's and not the "
                + "generator's.",
                "Modes: chat and echo, each with its own --help. One line a second, a summary at the end, and with "
                        + "--json FILE the summary as JSON.",
                "Exit status: 0 when nothing went wrong; 1 when something was lost, out of order, refused or "
                        + "closed, or the load asked was not sent; 2 for a bad flag."})
final class LoadOptions {
    static final String LATE_SENDS = "Late sends: a send the loop reaches after its due time goes out at once, none "
            + "is skipped, and its latency still counts from its due time, written in the chat. Why: coordinated "
            + "omission. A stall of the server (or of the generator) delays every send behind it; timing from the "
            + "actual send would leave that wait out and show the stall as a few slow chats instead of every chat "
            + "it delayed. How late the sends went out is reported too (lag).";

    /** The flags of both modes. */
    static final class Common {
        @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
                description = "The server's address, a host name or address (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", paramLabel = "PORT", defaultValue = "7777",
                description = "The server's port, 1..65535 (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--sessions", paramLabel = "N", defaultValue = "1000",
                description = "Connections, 1..50000 (default: ${DEFAULT-VALUE}).")
        int sessions;

        @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
                description = "Seconds of load, 1..3600 (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--warm-up", paramLabel = "S", defaultValue = "3",
                description = "First seconds of load left out of the steady figures, 0..3599, less than --seconds "
                        + "(default: ${DEFAULT-VALUE}).")
        int warmUp;

        @Option(names = "--drain", paramLabel = "S", defaultValue = "5",
                description = "After the load, seconds to wait at most for what is still on its way, 0..600 "
                        + "(default: ${DEFAULT-VALUE}).")
        int drain;

        @Option(names = "--ready-timeout", paramLabel = "S", defaultValue = "60",
                description = "Seconds connecting (and entering the rooms) may take, 1..600 "
                        + "(default: ${DEFAULT-VALUE}).")
        int readyTimeout;

        @Option(names = "--json", paramLabel = "FILE", description = "Also write the summary as JSON to FILE, a file "
                + "path.")
        Path json;

        /** @throws IllegalArgumentException naming the first flag out of range, its value and what is allowed */
        void check() {
            if (host == null || host.isBlank()) {
                throw LoadFlags.HOST.invalid(host);
            }
            LoadFlags.PORT.check(port);
            LoadFlags.SESSIONS.check(sessions);
            LoadFlags.SECONDS.check(seconds);
            LoadFlags.within(LoadFlags.WARM_UP, warmUp, 0, seconds - 1, "less than --seconds");
            LoadFlags.DRAIN.check(drain);
            LoadFlags.READY_TIMEOUT.check(readyTimeout);
            if (json != null && json.toString().isEmpty()) {
                throw LoadFlags.JSON.invalid(json);
            }
        }

        LoadConfig toConfig(LoadConfig.Mode mode, int roomSize, double rate, int payload, int window, int pollMicros) {
            return new LoadConfig(mode, host, port, sessions, roomSize, rate, payload, window, seconds, warmUp, drain,
                    readyTimeout, pollMicros, json);
        }
    }

    @Command(name = "chat", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = {"Deals --sessions into rooms of --room-size like cards (session i into room i mod "
                    + "(sessions / room-size)), enters them all, then each sends --rate chats a second of --payload "
                    + "bytes for --seconds, and waits up to --drain seconds for what is still on its way.",
                    "Pacing: each session sends on an even grid of 1/rate, the sessions' phases spread evenly over "
                            + "it, from the one loop, which sleeps in select until the next due send or until data "
                            + "arrives. Select's timeout is whole milliseconds, so when nothing arrives a send can go "
                            + "out up to 1 ms late; at the loads measured data arrives far more often than that, and "
                            + "the lateness is reported (lag) and counted into the latency anyway. --poll-us N polls "
                            + "(selectNow) instead for the last N microseconds before a due send: on time even at low "
                            + "rates, but the generator's core is kept busy, and on a machine others use a thread that "
                            + "never sleeps gets only its fair share of its core and falls behind.",
                    LATE_SENDS,
                    "Figures: every receiver times every delivery from the due time in the chat's text (the "
                            + "delivery latency, what \"a chat reaches players\" means); the sender's own copy is a "
                            + "figure of its own (own echo). Checks: every delivery the room sizes predict arrives "
                            + "(after the drain), each sender's chats reach each receiver in order, no S_Error, no "
                            + "close, and the chats asked were sent (kept up: at least 95% in the steady seconds)."})
    static final class Chat {
        @Mixin
        Common common;

        @Option(names = "--room-size", paramLabel = "N", defaultValue = "100",
                description = "Members per room, 1..1000, at most --sessions (default: ${DEFAULT-VALUE}).")
        int roomSize;

        @Option(names = "--rate", paramLabel = "CHATS_PER_S", defaultValue = "2",
                description = "Chats a second each session sends, 0.001..10000 (default: ${DEFAULT-VALUE}).")
        double rate;

        @Option(names = "--payload", paramLabel = "BYTES", defaultValue = "64",
                description = "Bytes of each chat's text, " + ChatText.HEADER_LENGTH + "..1024 (default: "
                        + "${DEFAULT-VALUE}).")
        int payload;

        @Option(names = "--poll-us", paramLabel = "MICROS", defaultValue = "0",
                description = "How close to a due send the loop polls instead of sleeping in select, in "
                        + "microseconds, 0 (never polls) or 1..100000 (default: ${DEFAULT-VALUE}).")
        int pollMicros;

        LoadConfig toConfig() {
            common.check();
            if (roomSize < 1 || roomSize > 1000) {
                throw LoadFlags.ROOM_SIZE.invalid(roomSize);
            }
            LoadFlags.within(LoadFlags.ROOM_SIZE, roomSize, 1, common.sessions, "at most --sessions");
            LoadFlags.RATE.check(rate);
            LoadFlags.PAYLOAD.check(payload);
            LoadFlags.POLL_US.check(pollMicros);
            return common.toConfig(LoadConfig.Mode.CHAT, roomSize, rate, payload, 0, pollMicros);
        }
    }

    @Command(name = "echo", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = {"Each of --sessions keeps --window C_Ping in flight, each carrying its send time, and sends "
                    + "the next as each S_Pong arrives, for --seconds: round trips a second and the round-trip time.",
                    "A closed loop: each round trip is timed from its own send, so there is no coordinated omission "
                            + "to correct and no pacing."})
    static final class Echo {
        @Mixin
        Common common;

        @Option(names = "--window", paramLabel = "W", defaultValue = "16",
                description = "C_Ping in flight per session, 1..1024 (default: ${DEFAULT-VALUE}).")
        int window;

        LoadConfig toConfig() {
            common.check();
            LoadFlags.WINDOW.check(window);
            return common.toConfig(LoadConfig.Mode.ECHO, 0, 0, 0, window, 0);
        }
    }
}
