package io.servercore.course;

import ch.qos.logback.classic.LoggerContext;
import io.servercore.cli.Parsed;
import java.io.IOException;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * {@code java -jar course-part4.jar [flags]}: the course's Server/Program.cs. Parses the flags,
 * starts the server, and on SIGTERM or Ctrl-C closes it and exits 0. A bad flag stops start-up
 * with one line naming the flag, the value and what is allowed, and exit status 2.
 */
public final class CourseServerMain {
    private CourseServerMain() {
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
        CourseServerOptions options = new CourseServerOptions();
        Parsed<CourseServerConfig> parsed = CourseServerFlags.ALL.parse("course-part4", new CommandLine(options), args, out, err,
                options::toConfig);
        if (!parsed.runs()) {
            return parsed.status();
        }
        CourseServerConfig config = parsed.settings();
        CourseServer server;
        try {
            server = CourseServer.start(config);
        } catch (IOException e) {
            err.println("course-part4: cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            // A SIGTERM would otherwise end the JVM with 143; a requested stop is a success.
            ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
            Runtime.getRuntime().halt(0);
        }, "shutdown"));
        return -1;
    }
}
