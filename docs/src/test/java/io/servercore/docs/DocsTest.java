package io.servercore.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.benchmarks.cluster.ClusterBench;
import io.servercore.benchmarks.e2e.Compare;
import io.servercore.benchmarks.load.NeutralLoad;
import io.servercore.benchmarks.netty.NettyMain;
import io.servercore.course.CourseServerMain;
import io.servercore.dummyclient.DummyClientMain;
import io.servercore.gameserver.GameServerMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * The README files and the pages in docs/ say what is true: every relative link reaches a file
 * of the repository, and every {@code #anchor} a heading of it; every flag they give one of the
 * jars is in that jar's {@code --help}; and the swarm's flags table lists every flag its help
 * has. Which jar a flag is given to is decided as {@link Markdown} describes. The benchmarks'
 * mains (Compare, NettyMain, NeutralLoad with both its modes, ClusterBench) are checked against
 * their own {@code --help} alike, and {@code java -jar benchmarks.jar} against JMH's help, whose
 * options take one dash: a {@code --flag} given to that jar is in nobody's help.
 */
class DocsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Each README and the tool it documents; docs/*.md are the game server's. */
    private static final Map<String, String> READMES = Map.of(
            "README.md", "gameserver",
            "dummyclient/README.md", "dummyclient",
            "examples/course-part4/README.md", "course-part4",
            "benchmarks/README.md", "benchmarks.jar");
    /** The benchmarks' mains whose flags the READMEs give: each is checked against its own help. */
    private static final List<String> BENCHMARK_MAINS = List.of("Compare", "NettyMain", "NeutralLoad", "ClusterBench");
    private static final List<String> NEUTRAL_LOAD_MODES = List.of("chat", "echo");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    private static final Pattern HELP_OPTION = Pattern.compile("(?m)^\\s+(?:-\\w, )?(--[a-z][a-z0-9-]*)");

    /** The files checked, by their path from the root, parsed. */
    private static final Map<String, Markdown> FILES = new LinkedHashMap<>();
    /** Each jar's help: every flag it mentions, and the options it lists. */
    private static final Map<String, Set<String>> HELP_FLAGS = new HashMap<>();
    private static final Map<String, Set<String>> HELP_OPTIONS = new HashMap<>();

    @BeforeAll
    static void readTheFilesAndTheHelps() throws Exception {
        assertTrue(Files.isRegularFile(ROOT.resolve("pom.xml")) && Files.isDirectory(ROOT.resolve("docs")),
                "the repository's root: " + ROOT);
        for (Map.Entry<String, String> readme : READMES.entrySet()) {
            read(readme.getKey(), readme.getValue());
        }
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            for (Path page : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                read(ROOT.relativize(page).toString(), "gameserver");
            }
        }
        help("gameserver", (out, err) -> GameServerMain.run(new String[] {"--help"}, out, err));
        help("dummyclient", (out, err) -> DummyClientMain.run(new String[] {"--help"}, out, err));
        help("course-part4", (out, err) -> CourseServerMain.run(new String[] {"--help"}, out, err));
        help("Compare", (out, err) -> Compare.run(new String[] {"--help"}, out, err));
        help("NettyMain", (out, err) -> NettyMain.run(new String[] {"--help"}, out, err));
        help("ClusterBench", (out, err) -> ClusterBench.run(new String[] {"--help"}, out, err));
        help("benchmarks.jar", (out, err) -> jmhHelp(out));
        // NeutralLoad's flags are its modes': its help is the top-level one and each mode's.
        help("NeutralLoad", (out, err) -> {
            int status = NeutralLoad.run(new String[] {"--help"}, out, err);
            for (String mode : NEUTRAL_LOAD_MODES) {
                status = Math.max(status, NeutralLoad.run(new String[] {mode, "--help"}, out, err));
            }
            return status;
        });
    }

    private static void read(String file, String tool) throws IOException {
        FILES.put(file, Markdown.parse(file, Files.readString(ROOT.resolve(file)), tool));
    }

    private interface Main {
        int run(PrintWriter out, PrintWriter err) throws Exception;
    }

    private static void help(String tool, Main main) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, main.run(new PrintWriter(out, true), new PrintWriter(err, true)), tool + ": " + err);
        HELP_FLAGS.put(tool, new TreeSet<>(Markdown.flags(out.toString())));
        Set<String> options = new TreeSet<>();
        Matcher m = HELP_OPTION.matcher(out.toString());
        while (m.find()) {
            options.add(m.group(1));
        }
        HELP_OPTIONS.put(tool, options);
    }

    /**
     * What {@code java -jar benchmarks.jar -h} prints: JMH's Main, whose options take one dash, so
     * that no {@code --flag} is given to that jar. JMH prints its help to {@code System.out} only.
     */
    private static int jmhHelp(PrintWriter out) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            new CommandLineOptions("-h").showHelp();
        } finally {
            System.setOut(saved);
        }
        String help = bytes.toString(StandardCharsets.UTF_8);
        out.print(help);
        return help.startsWith("Usage: java -jar") ? 0 : 1;
    }

    @Test
    void everyRelativeLinkReachesAFileAndEveryAnchorAHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        int anchors = 0;
        Map<Path, Markdown> targets = new HashMap<>();
        for (Map.Entry<String, Markdown> entry : FILES.entrySet()) {
            Path file = ROOT.resolve(entry.getKey());
            for (Markdown.Link link : entry.getValue().links) {
                String target = link.target();
                if (SCHEME.matcher(target).find()) {
                    continue;
                }
                checked++;
                String where = entry.getKey() + ":" + link.line() + ": " + target;
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? "" : target.substring(hash + 1);
                Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                if (!resolved.startsWith(ROOT) || !Files.exists(resolved)) {
                    broken.add(where + ": no such file in the repository");
                    continue;
                }
                if (anchor.isEmpty()) {
                    continue;
                }
                anchors++;
                if (!resolved.toString().endsWith(".md")) {
                    broken.add(where + ": an anchor into a file that is not Markdown");
                    continue;
                }
                Markdown page = targets.get(resolved);
                if (page == null) {
                    page = Markdown.parse(resolved.toString(), Files.readString(resolved), null);
                    targets.put(resolved, page);
                }
                if (!page.anchors.contains(anchor)) {
                    broken.add(where + ": no heading makes #" + anchor + " (there are " + page.anchors + ")");
                }
            }
        }
        assertEquals(List.of(), broken);
        assertTrue(checked > 40 && anchors > 15, "relative links checked: " + checked + ", anchors: " + anchors);
    }

    @Test
    void everyFlagTheDocsGiveAJarIsInThatJarsHelp() {
        List<String> unknown = new ArrayList<>();
        Map<String, Integer> checkedPerJar = new HashMap<>();
        for (Map.Entry<String, Markdown> entry : FILES.entrySet()) {
            for (Markdown.Mention m : entry.getValue().mentions) {
                String where = entry.getKey() + ":" + m.line() + ": " + m.flag() + " (" + m.kind() + " in '"
                        + m.context().strip().replace('\n', ' ') + "')";
                if (m.kind() != Markdown.Kind.PROSE) {
                    String tool = m.tools().iterator().next();
                    if (HELP_FLAGS.containsKey(tool)) {
                        checkedPerJar.merge(tool, 1, Integer::sum);
                        if (!HELP_FLAGS.get(tool).contains(m.flag())) {
                            unknown.add(where + ": not in " + tool + " --help");
                        }
                    }
                    continue;
                }
                List<String> having = m.tools().stream()
                        .filter(t -> HELP_FLAGS.getOrDefault(t, Set.of()).contains(m.flag())).toList();
                having.forEach(t -> checkedPerJar.merge(t, 1, Integer::sum));
                boolean unchecked = m.tools().stream().anyMatch(t -> !HELP_FLAGS.containsKey(t));
                if (having.isEmpty() && !unchecked) {
                    unknown.add(where + ": in the --help of none of " + new TreeSet<>(m.tools()));
                }
            }
        }
        assertEquals(List.of(), unknown);
        for (String jar : Markdown.JAR_TOOLS) {
            assertTrue(checkedPerJar.getOrDefault(jar, 0) > 3, "flags found in " + jar + " --help: " + checkedPerJar);
        }
        for (String main : BENCHMARK_MAINS) {
            assertTrue(checkedPerJar.getOrDefault(main, 0) > 2, "flags found in " + main + " --help: " + checkedPerJar);
        }
    }

    @Test
    void aFlagsTableListsEveryFlagOfItsJarsHelp() {
        int tables = 0;
        for (Map.Entry<String, Markdown> entry : FILES.entrySet()) {
            Set<String> listed = new TreeSet<>();
            String tool = null;
            for (Markdown.Mention m : entry.getValue().mentions) {
                if (m.kind() == Markdown.Kind.TABLE) {
                    listed.add(m.flag());
                    tool = m.tools().iterator().next();
                }
            }
            if (tool == null || !HELP_OPTIONS.containsKey(tool)) {
                continue;
            }
            tables++;
            Set<String> missing = new TreeSet<>(HELP_OPTIONS.get(tool));
            missing.removeAll(Set.of("--help", "--version"));
            missing.removeAll(listed);
            assertEquals(Set.of(), missing, entry.getKey() + "'s flags table misses flags of " + tool + " --help");
        }
        assertTrue(tables > 0, "no flags table found");
    }
}
