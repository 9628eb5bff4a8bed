package io.servercore.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.cli.Flag;
import io.servercore.course.packet.S2C_BroadcastEnterGame;
import io.servercore.course.packet.S2C_PlayerList;
import io.servercore.course.packet.S2C_PlayerList.Player;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code java -jar course-part4.jar}: its flags, their defaults, their errors, and a stop on SIGTERM. */
@Timeout(60)
class CourseServerMainTest {

    /**
     * A bad value of every flag: the arguments (separated by spaces, {@code ''} for an empty one)
     * and the line. Values the parser cannot read and values out of range are answered alike.
     */
    private static final String[][] BAD = {
        {"--host ''", "invalid --host '': allowed a host name or address"},
        {"--port 65536", "invalid --port 65536: allowed 0 (any free port) or 1..65535"},
        {"--port seven", "invalid --port seven: allowed 0 (any free port) or 1..65535"},
        {"--port", "invalid --port (no value): allowed 0 (any free port) or 1..65535"},
        {"--threads -1", "invalid --threads -1: allowed 0 (one per core) or 1..1024"},
        {"--threads 2000", "invalid --threads 2000: allowed 0 (one per core) or 1..1024"},
        {"--threads abc", "invalid --threads abc: allowed 0 (one per core) or 1..1024"},
        {"--max-players 0", "invalid --max-players 0: allowed 1..3854"},
        {"--max-players 3855", "invalid --max-players 3855: allowed 1..3854"},
        {"--max-players all", "invalid --max-players all: allowed 1..3854"},
        {"--flush-ms 0", "invalid --flush-ms 0: allowed 1..60000"},
        {"--flush-ms 60001", "invalid --flush-ms 60001: allowed 1..60000"},
        {"--flush-ms 0.5", "invalid --flush-ms 0.5: allowed 1..60000"},
        {"--flush 250", "unknown flag --flush (did you mean --flush-ms?)"},
    };

    private static String[] args(String line) {
        return Arrays.stream(line.split(" ")).map(a -> a.equals("''") ? "" : a).toArray(String[]::new);
    }

    @Test
    void aBadValueOfEveryFlagStopsStartUpWithOneLineNamingItAndWhatIsAllowed() {
        for (String[] row : BAD) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = CourseServerMain.run(args(row[0]), new PrintWriter(out, true), new PrintWriter(err, true));
            assertEquals(2, status, row[0] + ": " + err);
            assertEquals(List.of("course-part4: " + row[1] + " (see --help)"), err.toString().lines().toList(), row[0]);
            assertEquals("", out.toString(), row[0]);
        }
    }

    @Test
    void theTableAboveHasABadValueForEveryFlag() {
        Set<String> tried = Arrays.stream(BAD).flatMap(row -> Arrays.stream(args(row[0])))
                .filter(a -> a.startsWith("--")).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(tried.containsAll(flagsOfHelp()), "no bad value tried for " + flagsOfHelp().stream()
                .filter(f -> !tried.contains(f)).toList());
    }

    @Test
    void helpSaysForEveryFlagWhatItsErrorSaysIsAllowed() {
        for (OptionSpec option : options()) {
            Flag flag = CourseServerFlags.ALL.get(option.longestName());
            assertNotNull(flag, option.longestName() + " has no entry in CourseServerFlags");
            String description = String.join(" ", option.description());
            assertTrue(description.contains(flag.allowed()),
                    option.longestName() + ": '" + description + "' does not say '" + flag.allowed() + "'");
        }
        StringWriter out = new StringWriter();
        assertEquals(0, CourseServerMain.run(new String[] {"--help"}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter())));
        for (String flag : flagsOfHelp()) {
            assertTrue(out.toString().contains(flag), flag + " missing from --help:\n" + out);
        }
    }

    @Test
    void theDefaultsAreTheCourses() {
        CourseServerOptions options = new CourseServerOptions();
        new CommandLine(options).parseArgs();
        CourseServerConfig config = options.toConfig();
        assertEquals(7777, config.port());
        assertEquals(250, config.flushMillis(), "Program.FlushRoom: JobTimer.Instance.Push(FlushRoom, 250)");
        assertEquals("0.0.0.0", config.host());
        assertEquals(Runtime.getRuntime().availableProcessors(), config.threads(), "0 threads: one per core");
    }

    private static List<OptionSpec> options() {
        return new CommandLine(new CourseServerOptions()).getCommandSpec().options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp()).toList();
    }

    private static Set<String> flagsOfHelp() {
        return options().stream().map(OptionSpec::longestName).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void servesOnThePortItIsGivenAndExitsZeroOnSigterm() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CourseServerMain.class.getName(), "--host", "127.0.0.1", "--port", "0", "--threads", "1")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
            int port = -1;
            String line;
            while (port < 0 && (line = out.readLine()) != null) {
                Matcher m = listening.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertTrue(port > 0, "the server logged the port it listens on");
            try (CourseClient client = new CourseClient(new InetSocketAddress("127.0.0.1", port))) {
                assertEquals(List.of(new Player(true, 1, 0f, 0f, 0f)), client.expect(S2C_PlayerList.class).player);
                assertEquals(new S2C_BroadcastEnterGame(1, 0f, 0f, 0f), client.expect(S2C_BroadcastEnterGame.class));
                process.destroy(); // SIGTERM
                client.expectClosed();
            }
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the server exited within 10 s");
            assertEquals(0, process.exitValue());
        } finally {
            process.destroyForcibly();
        }
    }
}
