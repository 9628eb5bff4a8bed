package io.servercore.pdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated sources compile with the build's own strictness, {@code -Xlint:all -Werror},
 * with not one diagnostic: the modules that opt in compile them with those flags too.
 * Single-threaded.
 */
class GeneratedSourceCompilesTest {

    @Test
    void theTestTypesGoldenAndCourseDialectSourcesCompileWithoutAWarning(@TempDir Path dir) throws Exception {
        List<Path> sources = new ArrayList<>();
        sources.addAll(generate(ProtocolFiles.TEST_TYPES, "io.servercore.pdl.testtypes", dir));
        sources.addAll(generate(Path.of("src/test/resources/pdl/golden/golden.pdl.xml"), "io.servercore.pdl.golden", dir));
        sources.addAll(generate(ProtocolFiles.CHAT, "io.servercore.pdl.chat", dir));
        sources.addAll(generate(Path.of("src/test/resources/pdl/course-dialect.pdl.xml"), "io.servercore.pdl.course", dir));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests run on a JDK");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path classes = Files.createDirectory(dir.resolve("classes"));
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("--release", "17", "-Xlint:all", "-Werror", "-proc:none",
                    "-classpath", testClassPath(), "-d", classes.toString());
            boolean ok = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            String report = diagnostics.getDiagnostics().stream().map(GeneratedSourceCompilesTest::describe)
                    .collect(Collectors.joining("\n"));
            assertEquals("", report, "diagnostics");
            assertTrue(ok);
        }
        assertTrue(Files.exists(classes.resolve("io/servercore/pdl/testtypes/C_AllTypes$Row$Cell.class")));
        assertTrue(Files.exists(classes.resolve("io/servercore/pdl/course/S2C_Roster$Team$Member.class")));
    }

    private static List<Path> generate(Path pdl, String javaPackage, Path dir) throws Exception {
        Path out = dir.resolve("src").resolve(javaPackage.replace('.', '/'));
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> source : PdlCompiler.generate(ProtocolFiles.parse(pdl), javaPackage).entrySet()) {
            written.add(Files.writeString(out.resolve(source.getKey() + ".java"), source.getValue()));
        }
        return written;
    }

    /** The test JVM's class path; Surefire's own booter jar hides it behind a manifest, so ask Surefire. */
    private static String testClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        assertTrue(classPath.contains("classes"), classPath);
        return classPath;
    }

    private static String describe(Diagnostic<? extends JavaFileObject> d) {
        return d.getKind() + " " + (d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                + d.getMessage(Locale.ROOT);
    }
}
