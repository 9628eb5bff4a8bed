package io.servercore.dummyclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dummyclient's packages import one way, as the package-info of
 * {@code io.servercore.dummyclient} draws them: each package imports only the packages below it,
 * and player and attack do not know each other. Read from the sources, so a new import that
 * points up or sideways fails here with the file and the import.
 */
class PackageLayersTest {
    private static final Path SOURCES = Path.of("src/main/java/io/servercore/dummyclient");
    private static final String ROOT = "io.servercore.dummyclient";

    /** The packages each package may import ("" is the top package itself). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "config", Set.of(),
            "metrics", Set.of("config"),
            "player", Set.of("config", "metrics"),
            "attack", Set.of("config", "metrics"),
            "report", Set.of("config", "metrics", "player", "attack"),
            "", Set.of("config", "metrics", "player", "attack", "report"));

    private static final Pattern IMPORT = Pattern.compile(
            "^import (?:static )?" + Pattern.quote(ROOT) + "\\.(\\w+)\\.", Pattern.MULTILINE);

    @Test
    void importsRunOneWay() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertTrue(sources.size() > 40, "the dummyclient's sources, found: " + sources.size());
        List<String> wrong = new ArrayList<>();
        for (Path file : sources) {
            String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
            Set<String> allowed = ALLOWED.get(pkg);
            if (allowed == null) {
                wrong.add(file + ": package '" + pkg + "' has no place in the layers");
                continue;
            }
            Matcher m = IMPORT.matcher(Files.readString(file));
            while (m.find()) {
                String imported = m.group(1);
                if (!imported.equals("protocol") && !imported.equals(pkg) && !allowed.contains(imported)) {
                    wrong.add(file + " imports " + ROOT + "." + imported);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}
