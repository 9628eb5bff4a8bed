package io.servercore.benchmarks.netty;

import io.servercore.cli.Flags;
import io.servercore.cli.Parsed;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * {@code java -cp benchmarks.jar io.servercore.benchmarks.netty.NettyMain [flags]}: the Netty
 * reference server in its own JVM, for the end-to-end comparison ({@code --help} lists the
 * flags). Prints one "listening on HOST:PORT" line and runs until killed. A bad flag stops
 * start-up with one line naming the flag, the value and what is allowed ({@link NettyFlags}), and
 * exit status 2.
 */
public final class NettyMain {
    /** The name its error lines begin with. */
    static final String COMMAND = "nettyserver";

    private NettyMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int status = run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        if (status >= 0) {
            System.exit(status);
        }
        Thread.currentThread().join(); // the event loops serve until the JVM is told to stop
    }

    /**
     * Runs the command line; returns an exit status, or -1 once the server runs (it then serves
     * until the JVM is told to stop). Public for the docs' check that every flag a README gives
     * this main is in its {@code --help}.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) throws InterruptedException {
        NettyOptions options = new NettyOptions();
        Parsed<NettyChatServer.Config> parsed = NettyFlags.ALL.parse(COMMAND, new CommandLine(options), args, out, err,
                options::toConfig);
        if (!parsed.runs()) {
            return parsed.status();
        }
        NettyChatServer.Config config = parsed.settings();
        NettyChatServer server;
        try {
            server = NettyChatServer.start(config);
        } catch (IllegalArgumentException e) { // epoll asked for where it is not available
            return Flags.usage(err, COMMAND, e.getMessage());
        } catch (Exception e) { // a bind failure arrives unchecked from Netty's sync()
            err.println(COMMAND + ": cannot listen on " + config.host() + ":" + config.port() + ": " + e);
            return 1;
        }
        out.println("netty chat server (" + config.variant().flag() + ", " + config.transport().flag()
                + ", " + config.threads()
                + " thread(s)) listening on " + config.host() + ":" + server.address().getPort());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        return -1;
    }
}
