package io.servercore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.net.IoCore;
import io.servercore.net.ServerService;
import io.servercore.testing.Frames;
import io.servercore.testing.RawClient;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The README's echo server is compiled from the README itself and run, so it cannot rot. */
@Timeout(60)
class ReadmeExampleTest {
    private static final String MARKER = "<!-- readme-example: EchoServer -->";

    static String exampleSource() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int marker = readme.indexOf(MARKER);
        assertTrue(marker >= 0, "README.md lost its example marker " + MARKER);
        int start = readme.indexOf("```java\n", marker) + "```java\n".length();
        int end = readme.indexOf("```", start);
        return readme.substring(start, end);
    }

    @Test
    void theReadmeEchoServerCompilesWithoutWarningsAndEchoes(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("EchoServer.java");
        Files.writeString(source, exampleSource(), StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = javac.getTask(diagnostics, null, null,
                List.of("-Xlint:all", "-Werror", "-classpath", System.getProperty("java.class.path"),
                        "-d", dir.toString()),
                null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(source))
                .call();
        assertTrue(compiled, diagnostics.toString());
        assertEquals("", diagnostics.toString());

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
             IoCore core = new IoCore(2)) {
            Method start = loader.loadClass("EchoServer").getMethod("start", IoCore.class, int.class);
            ServerService server = (ServerService) start.invoke(null, core, 0);
            InetSocketAddress address = server.localAddress();
            try (RawClient client = new RawClient(address)) {
                byte[] frame = Frames.frame(3, "hello, servercore".getBytes(StandardCharsets.UTF_8));
                client.write(frame);
                assertArrayEquals(frame, client.readFrame());
            }
        }
    }
}
