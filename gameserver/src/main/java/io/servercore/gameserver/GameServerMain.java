package io.servercore.gameserver;

import ch.qos.logback.classic.LoggerContext;
import io.servercore.cli.Parsed;
import io.servercore.gameserver.cluster.ClusterConfig;
import java.io.IOException;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * {@code java -jar gameserver.jar [flags]}: parses the flags, starts the server, and on SIGTERM
 * or Ctrl-C shuts it down gracefully and exits 0. A bad flag stops start-up with one line
 * naming the flag, the value and what is allowed ({@link GameServerFlags}), and exit status 2.
 */
public final class GameServerMain {
    private GameServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int status = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (status >= 0) {
            System.exit(status);
        }
        // The I/O threads are daemons: main keeps the JVM up until the shutdown hook halts it.
        Thread.currentThread().join();
    }

    /**
     * Runs the command line; returns an exit status, or -1 once the server runs (it then lives
     * until the JVM is told to stop). Public for the docs' check that every flag a README gives
     * this jar is in its {@code --help}.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        GameServerOptions options = new GameServerOptions();
        Parsed<Settings> parsed = GameServerFlags.ALL.parse("gameserver", new CommandLine(options), args, out, err,
                () -> {
                    GameServerConfig config = options.toConfig();
                    return new Settings(config, options.toClusterConfig(config));
                });
        if (!parsed.runs()) {
            return parsed.status();
        }
        GameServerConfig config = parsed.settings().config();
        ClusterConfig cluster = parsed.settings().cluster();
        GameServer server;
        try {
            server = GameServer.start(config, cluster);
        } catch (IOException e) {
            err.println("gameserver: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            // A SIGTERM would otherwise end the JVM with 143; a graceful stop is a success.
            ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
            Runtime.getRuntime().halt(0);
        }, "shutdown"));
        return -1;
    }

    /** The two halves of gameserver's settings: the server's own, and its cluster's (null without --cluster). */
    private record Settings(GameServerConfig config, ClusterConfig cluster) {
    }
}
