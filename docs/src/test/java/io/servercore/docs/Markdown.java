package io.servercore.docs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Markdown file as the docs checks read it: the anchors its headings make, its links, and
 * every command-line flag it mentions together with the tool the flag is given to.
 *
 * <p>Which tool a flag belongs to:
 * <ul>
 * <li>A <b>command</b>, that is a line of a fenced code block (backslash continuations joined,
 *     split at {@code &&}, {@code ||}, {@code ;}, {@code |} and {@code &} outside quotes, a
 *     {@code #} comment dropped) or an inline code span, that names a tool gives it every flag in
 *     it. A command names a tool by a main class ({@code io.servercore....GameServerMain},
 *     {@code ...Compare}) or, failing that, by a jar ({@code gameserver.jar}).
 * <li>A <b>table row</b> whose first cell is one flag in a code span (a flags table) gives that
 *     flag to the file's own tool.
 * <li>Any other flag in a code span is <b>prose</b>. It may belong to the file's own tool or to any
 *     tool its section (from one heading to the next) names: in a command, or by name in the text
 *     ({@code gameserver's --chat-limit}).
 * </ul>
 * Commands of other programs ({@code mvn}, {@code curl}, {@code nats-server}) name no tool and
 * give nothing.
 *
 * <p>Anchors follow GitHub's rule: the heading's text in lower case, without anything but letters,
 * digits, spaces, hyphens and underscores, spaces made hyphens; a repeated anchor gets {@code -1},
 * {@code -2}.
 *
 * <p>Immutable once parsed; not shared between threads.
 */
final class Markdown {
    /** A link's target as written, and the line it is on (from 1). */
    record Link(int line, String target) {
    }

    /** How a mention is tied to its tools. */
    enum Kind {
        COMMAND, TABLE, PROSE
    }

    /**
     * A flag the file mentions, where, and the tools it may belong to: exactly one for a command
     * or a table row; for prose, the file's own tool and every tool its section names.
     */
    record Mention(int line, String flag, Kind kind, Set<String> tools, String context) {
    }

    /**
     * The jars of our own programs, a tool each by its file's name; any other jar keeps its
     * {@code .jar} ({@code benchmarks.jar}, which runs JMH's Main), and a main class is a tool by its name.
     */
    static final Set<String> JAR_TOOLS = Set.of("gameserver", "dummyclient", "course-part4");

    private static final Map<String, String> MAIN_CLASS_TOOLS = Map.of(
            "GameServerMain", "gameserver", "DummyClientMain", "dummyclient", "CourseServerMain", "course-part4");
    private static final Pattern MAIN_CLASS = Pattern.compile("\\bio\\.servercore(?:\\.[a-z0-9_]+)+\\.([A-Z]\\w*)");
    private static final Pattern JAR = Pattern.compile("([A-Za-z0-9_-]+)\\.jar\\b");
    /** Tools a text may name without a command: ours by name, and the benchmarks' mains. */
    private static final Pattern TOOL_WORD = Pattern.compile(
            "(?<![\\w.-])(gameserver|dummyclient|course-part4)(?![\\w-])"
                    + "|\\b(Compare|NettyMain|ClusterBench|NeutralLoad|PdlCompiler)\\b|\\b(benchmarks\\.jar)\\b");
    /** A flag: two dashes, lower-case words joined by single dashes; not a wildcard like {@code --ceiling-*}. */
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?![\\w*-])");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1", Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*([^)\\s]+)(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*(\\S+)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");
    private static final Pattern FLAG_CELL = Pattern.compile("^`(--[a-z][a-z0-9-]*)`$");

    final String name;
    final Set<String> anchors;
    final List<Link> links;
    final List<Mention> mentions;

    private Markdown(String name, Set<String> anchors, List<Link> links, List<Mention> mentions) {
        this.name = name;
        this.anchors = anchors;
        this.links = links;
        this.mentions = mentions;
    }

    /**
     * Reads {@code text}.
     *
     * @param name     for messages
     * @param homeTool the tool the file documents: its flags table and its prose belong to it
     */
    static Markdown parse(String name, String text, String homeTool) {
        List<String> lines = text.lines().toList();
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        List<Link> links = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        Section section = new Section();
        sections.add(section);
        String fence = null;
        Paragraph paragraph = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            String trimmed = line.strip();
            if (fence != null) {
                if (trimmed.startsWith(fence)) {
                    fence = null;
                } else {
                    section.code.add(new Numbered(number, line));
                }
                continue;
            }
            if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
                fence = trimmed.substring(0, 3);
                paragraph = null;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                anchors.add(unique(slug(heading.group(2)), seen));
                section = new Section();
                sections.add(section);
                section.prose.add(new Paragraph(number, heading.group(2)));
                paragraph = null;
                continue;
            }
            Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find()) {
                anchors.add(html.group(1));
            }
            Matcher reference = REFERENCE.matcher(line);
            if (reference.find()) {
                links.add(new Link(number, reference.group(1)));
            }
            if (trimmed.isEmpty()) {
                paragraph = null;
            } else if (trimmed.startsWith("|")) {
                section.rows.add(new Numbered(number, trimmed));
                paragraph = null;
            } else if (paragraph == null) {
                paragraph = new Paragraph(number, line);
                section.prose.add(paragraph);
            } else {
                paragraph.append(line);
            }
        }
        List<Mention> mentions = new ArrayList<>();
        for (Section s : sections) {
            s.read(homeTool, links, mentions);
        }
        return new Markdown(name, anchors, links, mentions);
    }

    /** GitHub's anchor for a heading's text. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "").replace(' ', '-');
    }

    private static String unique(String slug, Map<String, Integer> seen) {
        Integer n = seen.get(slug);
        seen.put(slug, n == null ? 1 : n + 1);
        return n == null ? slug : slug + "-" + n;
    }

    /** The tool a command names: by its main class, else by its jar; null for any other program. */
    static String toolOf(String command) {
        Matcher main = MAIN_CLASS.matcher(command);
        if (main.find()) {
            return MAIN_CLASS_TOOLS.getOrDefault(main.group(1), main.group(1));
        }
        Matcher jar = JAR.matcher(command);
        if (jar.find()) {
            return JAR_TOOLS.contains(jar.group(1)) ? jar.group(1) : jar.group(1) + ".jar";
        }
        return null;
    }

    /** The flags in {@code text}, in order. */
    static List<String> flags(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = FLAG.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The commands of a code block: continuations joined, split at shell operators outside quotes, comments dropped. */
    static List<Numbered> commands(List<Numbered> code) {
        List<Numbered> out = new ArrayList<>();
        StringBuilder joined = new StringBuilder();
        int start = -1;
        for (Numbered line : code) {
            if (start < 0) {
                start = line.number();
            }
            String text = line.text().stripTrailing();
            if (text.endsWith("\\")) {
                joined.append(text, 0, text.length() - 1).append(' ');
                continue;
            }
            joined.append(text);
            split(start, joined.toString(), out);
            joined.setLength(0);
            start = -1;
        }
        if (start >= 0) {
            split(start, joined.toString(), out);
        }
        return out;
    }

    private static void split(int number, String line, List<Numbered> out) {
        StringBuilder command = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                command.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                command.append(c);
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                break;
            } else if (c == '&' || c == '|' || c == ';') {
                out.add(new Numbered(number, command.toString()));
                command.setLength(0);
            } else {
                command.append(c);
            }
        }
        out.add(new Numbered(number, command.toString()));
    }

    /** A line and its number (from 1). */
    record Numbered(int number, String text) {
    }

    /** Lines of prose joined into one text, so that a code span may run over a line break. */
    private static final class Paragraph {
        final int number;
        final StringBuilder text;

        Paragraph(int number, String first) {
            this.number = number;
            this.text = new StringBuilder(first);
        }

        void append(String line) {
            text.append('\n').append(line);
        }

        int lineAt(int offset) {
            int n = number;
            for (int i = 0; i < offset; i++) {
                if (text.charAt(i) == '\n') {
                    n++;
                }
            }
            return n;
        }
    }

    /** From one heading to the next: its code lines, table rows and prose. */
    private static final class Section {
        final List<Numbered> code = new ArrayList<>();
        final List<Numbered> rows = new ArrayList<>();
        final List<Paragraph> prose = new ArrayList<>();

        void read(String homeTool, List<Link> links, List<Mention> mentions) {
            Set<String> named = new TreeSet<>();
            for (Numbered command : commands(code)) {
                String tool = toolOf(command.text());
                if (tool != null) {
                    named.add(tool);
                    for (String flag : flags(command.text())) {
                        mentions.add(new Mention(command.number(), flag, Kind.COMMAND, Set.of(tool), command.text()));
                    }
                }
            }
            List<Paragraph> texts = new ArrayList<>(prose);
            for (Numbered row : rows) {
                List<String> cells = cells(row.text());
                if (cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
                    continue;
                }
                Matcher flagCell = cells.isEmpty() ? null : FLAG_CELL.matcher(cells.get(0));
                if (flagCell != null && flagCell.matches() && homeTool != null) {
                    mentions.add(new Mention(row.number(), flagCell.group(1), Kind.TABLE, Set.of(homeTool), row.text()));
                    texts.add(new Paragraph(row.number(), String.join(" | ", cells.subList(1, cells.size()))));
                } else {
                    texts.add(new Paragraph(row.number(), row.text()));
                }
            }
            for (Paragraph p : texts) {
                Matcher word = TOOL_WORD.matcher(p.text);
                while (word.find()) {
                    named.add(word.group(1) != null ? word.group(1)
                            : word.group(2) != null ? word.group(2) : word.group(3));
                }
                Matcher span = CODE_SPAN.matcher(p.text);
                while (span.find()) {
                    String tool = toolOf(span.group(2));
                    if (tool != null) {
                        named.add(tool);
                    }
                }
            }
            Set<String> candidates = new TreeSet<>(named);
            if (homeTool != null) {
                candidates.add(homeTool);
            }
            for (Paragraph p : texts) {
                Matcher link = LINK.matcher(CODE_SPAN.matcher(p.text).replaceAll(m -> "x".repeat(m.group().length())));
                while (link.find()) {
                    links.add(new Link(p.lineAt(link.start()), link.group(1)));
                }
                Matcher span = CODE_SPAN.matcher(p.text);
                while (span.find()) {
                    String code = span.group(2);
                    String tool = toolOf(code);
                    for (String flag : flags(code)) {
                        mentions.add(tool != null
                                ? new Mention(p.lineAt(span.start()), flag, Kind.COMMAND, Set.of(tool), code)
                                : new Mention(p.lineAt(span.start()), flag, Kind.PROSE, Set.copyOf(candidates), code));
                    }
                }
            }
        }

        private static List<String> cells(String row) {
            String inner = row.strip();
            inner = inner.substring(1, inner.endsWith("|") && inner.length() > 1 ? inner.length() - 1 : inner.length());
            List<String> out = new ArrayList<>();
            for (String cell : inner.split("(?<!\\\\)\\|", -1)) {
                out.add(cell.strip());
            }
            return out;
        }
    }
}
