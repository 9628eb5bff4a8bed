package io.servercore.benchmarks.e2e;

import io.servercore.benchmarks.load.NeutralLoad;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The load generators that can drive the echo and chat scenarios ({@code --generator}): each
 * one's arguments for a {@link Load}, and how its output is read back. The idle scenarios keep
 * their own sockets ({@link RawClient}).
 *
 * <ul>
 *   <li>{@link #NEUTRAL}: {@link NeutralLoad}, one thread on one java.nio Selector, from this
 *       module's class path; chat latency is the delivery latency to the other members, the
 *       sender's own copy apart.
 *   <li>{@link #DUMMYCLIENT}: the project's swarm, {@code dummyclient.jar}; chat latency is the
 *       sender's own copy, the only one it times.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
enum Generator {
    NEUTRAL,
    DUMMYCLIENT;

    /** How {@code --generator} names it: {@code neutral}. */
    String flag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The allowed names, separated by |, for the help and the error line. */
    static String allowed() {
        return Arrays.stream(values()).map(Generator::flag).collect(Collectors.joining("|"));
    }

    /** @throws IllegalArgumentException naming {@code --generator}, the value and what is allowed */
    static Generator parse(String value) {
        for (Generator g : values()) {
            if (g.flag().equals(value)) {
                return g;
            }
        }
        throw CompareFlags.GENERATOR.invalid(value);
    }

    /** The generator's arguments after its command: the server, where the JSON goes, the load, and how long. */
    List<String> args(Load load, int port, Path json, int seconds, int warmUp) {
        List<String> a = new ArrayList<>();
        String sessions = String.valueOf(load.sessions());
        if (this == NEUTRAL) {
            a.addAll(List.of(load.chat() ? "chat" : "echo", "--host", "127.0.0.1", "--port", String.valueOf(port),
                    "--json", json.toString(), "--sessions", sessions));
            if (load.chat()) {
                a.addAll(List.of("--room-size", String.valueOf(load.roomSize()), "--rate", Harness.fmt(load.rate()),
                        "--payload", String.valueOf(load.payload())));
            } else {
                a.addAll(List.of("--window", String.valueOf(load.window())));
            }
            a.addAll(List.of("--seconds", String.valueOf(seconds), "--warm-up", String.valueOf(warmUp)));
            return a;
        }
        a.addAll(List.of("--host", "127.0.0.1", "--port", String.valueOf(port), "--json", json.toString()));
        if (load.chat()) {
            a.addAll(List.of("--clients", sessions, "--rooms", String.valueOf(load.rooms()), "--move-rate", "0",
                    "--ping-interval", "0", "--payload", String.valueOf(load.payload()), "--connect-rate", "10000",
                    "--chat-rate", Harness.fmt(load.rate())));
        } else {
            a.addAll(List.of("--mode", "echo", "--clients", sessions, "--window", String.valueOf(load.window()),
                    "--connect-rate", "10000"));
        }
        a.addAll(List.of("--duration", String.valueOf(seconds)));
        return a;
    }

    /** A finished run, from its JSON file, its output lines and its exit status. */
    LoadRun read(String json, List<String> lines, int exitStatus) {
        return this == NEUTRAL ? NeutralRun.of(json, exitStatus) : SwarmRun.of(json, lines, exitStatus);
    }

    /** The seconds of load among the output lines printed so far. */
    List<LoadRun.Second> progress(List<String> lines) {
        return this == NEUTRAL ? NeutralRun.parse(lines) : SwarmRun.parse(lines);
    }

    /** What a chat run's latency is, in the words of the results. */
    String chatLatency() {
        return this == NEUTRAL ? "delivery latency" : "chat latency (own echo: dummyclient times no other)";
    }
}
