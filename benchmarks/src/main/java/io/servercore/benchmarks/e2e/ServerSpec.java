package io.servercore.benchmarks.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One server under comparison: a name for the tables, which program it is, and the arguments
 * it gets beyond the ones every server of its kind gets (see {@link Harness#serverCommand}).
 * The known ones are {@link #KNOWN}; {@code --spec NAME=KIND ARGS...} defines more, or redefines
 * one.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the column's name, e.g. {@code netty-consolidated}
 * @param kind the program
 * @param args its extra command-line arguments
 */
record ServerSpec(String name, Kind kind, List<String> args) {
    /** The program a spec runs. */
    enum Kind {
        /** {@code gameserver/target/gameserver.jar}. */
        GAMESERVER,
        /** The Netty reference server, {@code io.servercore.benchmarks.netty.NettyMain}. */
        NETTY
    }

    /** A server's name, as {@link CompareFlags#SPEC} says; declared before {@link #KNOWN}, which uses it. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** The name the ratios are taken against when it is compared. */
    static final String REFERENCE = "netty-consolidated";

    /** The servers {@code --servers} may name without defining them; the first four are its default. */
    static final Map<String, ServerSpec> KNOWN = known(
            new ServerSpec("gameserver-servercore", Kind.GAMESERVER, List.of("--transport", "servercore")),
            new ServerSpec("gameserver-jdk", Kind.GAMESERVER, List.of("--transport", "jdk")),
            new ServerSpec(REFERENCE, Kind.NETTY, List.of("--variant", "consolidated")),
            new ServerSpec("netty-plain", Kind.NETTY, List.of("--variant", "plain")),
            new ServerSpec("gameserver", Kind.GAMESERVER, List.of()));

    ServerSpec {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("server name '" + name + "': " + CompareFlags.SPEC.allowed());
        }
        args = List.copyOf(args);
    }

    private static Map<String, ServerSpec> known(ServerSpec... specs) {
        Map<String, ServerSpec> out = new LinkedHashMap<>();
        for (ServerSpec s : specs) {
            out.put(s.name, s);
        }
        return out;
    }

    /**
     * A {@code --spec} value, {@code NAME=KIND ARG ARG...}, KIND {@code gameserver} or
     * {@code netty}: e.g. {@code gameserver-tick=gameserver --transport servercore --room-flush 1}.
     *
     * @throws IllegalArgumentException naming {@code --spec}, the value and what is allowed
     */
    static ServerSpec parse(String value) {
        int eq = value.indexOf('=');
        String name = eq < 0 ? "" : value.substring(0, eq);
        String[] words = value.substring(eq + 1).trim().split("\\s+");
        Kind kind = switch (words[0]) {
            case "gameserver" -> Kind.GAMESERVER;
            case "netty" -> Kind.NETTY;
            default -> null;
        };
        if (!NAME.matcher(name).matches() || kind == null) {
            throw CompareFlags.SPEC.invalid(value);
        }
        return new ServerSpec(name, kind, new ArrayList<>(Arrays.asList(words).subList(1, words.length)));
    }

    /** How the results file describes it: {@code gameserver.jar --transport servercore}. */
    String describe() {
        String program = kind == Kind.GAMESERVER ? "gameserver.jar" : "NettyMain";
        return args.isEmpty() ? program : program + " " + String.join(" ", args);
    }
}
