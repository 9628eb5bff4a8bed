package io.servercore.pdl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The generator's output for {@code src/test/resources/pdl/golden/golden.pdl.xml}, compared
 * with the expected sources committed beside it. After a deliberate change to the generator:
 * {@code mvn -pl servercore test -Dtest=GeneratorGoldenTest -Dpdl.golden.update=true}
 * rewrites them; review the diff before committing. Single-threaded.
 */
class GeneratorGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/pdl/golden");
    private static final String SUFFIX = ".java.txt";
    private static final String UPDATE_PROPERTY = "pdl.golden.update";

    @Test
    void generatesTheCommittedSources() throws Exception {
        Map<String, String> generated = PdlCompiler.generate(ProtocolFiles.parse(DIR.resolve("golden.pdl.xml")),
                "io.servercore.pdl.golden");
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            update(generated);
        }
        assertEquals(new TreeSet<>(generated.keySet()), committed(),
                "the generated classes; rerun with -D" + UPDATE_PROPERTY + "=true to rewrite the golden files");
        for (Map.Entry<String, String> source : generated.entrySet()) {
            String expected = Files.readString(DIR.resolve(source.getKey() + SUFFIX), StandardCharsets.UTF_8);
            assertEquals(expected, source.getValue(), source.getKey() + SUFFIX + " differs; rerun with -D"
                    + UPDATE_PROPERTY + "=true to rewrite the golden files if the change is intended");
        }
    }

    private static Set<String> committed() throws IOException {
        Set<String> names = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(DIR, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                names.add(name.substring(0, name.length() - SUFFIX.length()));
            }
        }
        return names;
    }

    private static void update(Map<String, String> generated) throws IOException {
        for (String name : committed()) {
            Files.delete(DIR.resolve(name + SUFFIX));
        }
        for (Map.Entry<String, String> source : generated.entrySet()) {
            Files.writeString(DIR.resolve(source.getKey() + SUFFIX), source.getValue(), StandardCharsets.UTF_8);
        }
    }
}
