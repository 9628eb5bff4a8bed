package io.servercore.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** How {@link Markdown} reads anchors, links and flags, on small pages written for each rule. */
class MarkdownTest {

    private static List<String> mentions(Markdown page) {
        return page.mentions.stream()
                .map(m -> m.line() + " " + m.kind() + " " + m.flag() + " " + new TreeSet<>(m.tools())).toList();
    }

    @Test
    void headingsMakeGitHubsAnchors() {
        Markdown page = Markdown.parse("t", String.join("\n",
                "# Title",
                "## 1. Frames",
                "## The course's concepts, and where they live",
                "## Cluster: rooms across nodes",
                "### `--flag` and [a link](x.md)",
                "## Again",
                "## Again",
                "```sh",
                "# not a heading",
                "```"), null);
        assertEquals(List.of("title", "1-frames", "the-courses-concepts-and-where-they-live",
                "cluster-rooms-across-nodes", "--flag-and-a-link", "again", "again-1"), List.copyOf(page.anchors));
    }

    @Test
    void linksAreFoundOutsideCodeOnly() {
        Markdown page = Markdown.parse("t", String.join("\n",
                "See [the protocol](docs/protocol.md#1-frames) and ![a picture](img.png \"title\").",
                "Not `[this](code.md)`, nor:",
                "```",
                "[that](block.md)",
                "```",
                "| table | [cell](cell.md) |",
                "[ref]: ref.md"), null);
        assertEquals(List.of("1 docs/protocol.md#1-frames", "1 img.png", "6 cell.md", "7 ref.md"),
                page.links.stream().map(l -> l.line() + " " + l.target()).sorted().toList());
    }

    @Test
    void aCommandGivesItsFlagsToTheJarOrMainClassItNames() {
        Markdown page = Markdown.parse("t", String.join("\n",
                "```sh",
                "mvn -q package --also-make && java -jar gameserver/target/gameserver.jar --port 7777 \\",
                "    --threads 2   # a comment, --not-a-flag",
                "curl -s 127.0.0.1:9464/metrics | grep --count servercore_",
                "java -cp benchmarks/target/benchmarks.jar io.servercore.benchmarks.e2e.Compare --rounds 1",
                "```",
                "Inline: `java -jar dummyclient/target/dummyclient.jar --clients 10` and `dummyclient.jar --threads 1`."),
                null);
        assertEquals(List.of(
                "2 COMMAND --port [gameserver]", "2 COMMAND --threads [gameserver]",
                "5 COMMAND --rounds [Compare]",
                "7 COMMAND --clients [dummyclient]", "7 COMMAND --threads [dummyclient]"), mentions(page));
    }

    @Test
    void aFlagsTableRowGivesItsFlagToThePagesJarAndTheRestIsProse() {
        Markdown page = Markdown.parse("t", String.join("\n",
                "## Flags",
                "| flag | meaning |",
                "|---|---|",
                "| `--payload` | bytes of a chat (gameserver's `--chat-limit` must allow it) |"), "dummyclient");
        assertEquals(List.of("4 TABLE --payload [dummyclient]", "4 PROSE --chat-limit [dummyclient, gameserver]"),
                mentions(page));
    }

    @Test
    void proseMayBelongToThePagesJarOrToAnyToolItsSectionNames() {
        Markdown page = Markdown.parse("t", String.join("\n",
                "# One",
                "A smoke run (`--clients 50 --chat-rate 10",
                "--warmup 3`) of ClusterBench, and `--ceiling-*` is no flag.",
                "# Two",
                "Only `--port` here."), "gameserver");
        assertEquals(List.of(
                "2 PROSE --clients [ClusterBench, gameserver]", "2 PROSE --chat-rate [ClusterBench, gameserver]",
                "2 PROSE --warmup [ClusterBench, gameserver]", "5 PROSE --port [gameserver]"), mentions(page));
    }

    @Test
    void theToolOfACommand() {
        assertEquals("gameserver", Markdown.toolOf("java -jar gameserver/target/gameserver.jar --port 1"));
        assertEquals("course-part4", Markdown.toolOf("java -cp x io.servercore.course.CourseServerMain"));
        assertEquals("NettyMain", Markdown.toolOf("java -cp benchmarks.jar io.servercore.benchmarks.netty.NettyMain"));
        assertEquals("benchmarks.jar", Markdown.toolOf("java -jar benchmarks/target/benchmarks.jar micro"));
        assertNull(Markdown.toolOf("mvn -q -pl gameserver,dummyclient -am package -DskipTests"));
        assertEquals(Set.of(), Set.copyOf(Markdown.flags("--ceiling-* and -DskipTests and x--y")));
    }
}
