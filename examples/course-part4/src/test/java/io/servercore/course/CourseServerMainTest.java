package io.servercore.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code java -jar course-part4.jar}: its flags, their defaults, their errors, and a stop on SIGTERM. */
@Timeout(60)
class CourseServerMainTest {

    @Test
    void helpListsEveryFlag() {
        StringWriter out = new StringWriter();
        int status = CourseServerMain.run(new String[] {"--help"}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter()));
        assertEquals(0, status);
        for (String flag : List.of("--host", "--port", "--threads", "--max-players", "--flush-ms")) {
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
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', value = {
        "--flush-ms;    0;     course-part4: invalid --flush-ms 0: allowed 1..60000 (see --help)",
        "--flush-ms;    60001; course-part4: invalid --flush-ms 60001: allowed 1..60000 (see --help)",
        "--max-players; 3855;  course-part4: invalid --max-players 3855: allowed 1..3854 (one S2C_PlayerList frame lists at most 3854) (see --help)",
        "--threads;     -1;    course-part4: invalid --threads -1: allowed 0..1024 (0 = one per core) (see --help)",
        "--port;        65536; course-part4: invalid --port 65536: allowed 0..65535 (see --help)",
        "--port;        seven; course-part4: Invalid value for option '--port': 'seven' is not an int (see --help)",
    })
    void aBadFlagStopsStartUpWithOneLineNamingTheValueAndWhatIsAllowed(String flag, String value, String line) {
        StringWriter err = new StringWriter();
        int status = CourseServerMain.run(new String[] {flag, value}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertEquals(2, status);
        assertEquals(line, err.toString().strip());
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
