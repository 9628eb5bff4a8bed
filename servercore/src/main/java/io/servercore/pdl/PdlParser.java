package io.servercore.pdl;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a PDL file into a {@link PdlDocument}: the XML's structure, the elements and the
 * attributes. SAX rather than DOM because only SAX's {@link Locator} tells the line of each
 * element, and every error names its line. Whatever is wrong is collected and reported
 * together; {@link PdlValidator} then numbers the packets and checks names and ids across the
 * file.
 *
 * <pre>{@code
 * <PDL>
 *   <packet id="6" name="C_Chat"> <string name="chat"/> </packet>
 * </PDL>
 * }</pre>
 *
 * The course's dialect reads too: packets without ids, numbered in file order, and strings in
 * UTF-16 when the root element says so.
 *
 * <pre>{@code
 * <PDL strings="UTF-16LE">
 *   <packet name="C2S_Chat"> <string name="chat"/> </packet>
 * </PDL>
 * }</pre>
 *
 * <p>Not thread-safe: one instance per file; {@link #read} makes it.
 */
final class PdlParser extends DefaultHandler {
    private static final String ROOT = "PDL";
    private static final String PACKET = "packet";
    private static final String STRINGS = "strings";

    private final PdlErrors errors;
    private final List<PdlPacket> packets = new ArrayList<>();
    private final Deque<Node> open = new ArrayDeque<>();
    private StringEncoding strings = StringEncoding.UTF_8;
    private Locator locator;

    private PdlParser(PdlErrors errors) {
        this.errors = errors;
    }

    /**
     * Parses and checks a PDL file.
     *
     * @param source the file's path as the user gave it, for error messages; its last part,
     *               the file name, is what generated code cites
     * @throws PdlException with every error found, each with the file and line
     */
    static PdlDocument read(String source, InputStream in) throws PdlException {
        PdlErrors errors = new PdlErrors(source);
        PdlParser parser = new PdlParser(errors);
        try {
            newSaxParser().parse(new InputSource(in), parser);
        } catch (SAXParseException e) {
            errors.add(Math.max(e.getLineNumber(), 0), "ill-formed XML: " + e.getMessage());
            // What was read is a fragment, not worth checking across.
            errors.throwIfAny();
        } catch (SAXException | IOException e) {
            errors.add(0, "cannot read: " + e);
            errors.throwIfAny();
        }
        String fileName = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
        PdlDocument document = new PdlDocument(fileName, parser.strings,
                PdlValidator.numberPackets(parser.packets, errors));
        PdlValidator.validate(document, errors);
        errors.throwIfAny();
        return document;
    }

    private static SAXParser newSaxParser() throws SAXException {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        try {
            // A PDL needs no DTD; refusing one also shuts out entity expansion and external fetches.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newSAXParser();
        } catch (ParserConfigurationException e) {
            throw new SAXException("no usable SAX parser: " + e.getMessage(), e);
        }
    }

    @Override
    public void setDocumentLocator(Locator value) {
        locator = value;
    }

    @Override
    public void startElement(String uri, String localName, String tag, Attributes attributes) {
        int line = locator.getLineNumber();
        Node parent = open.peek();
        Node node;
        if (parent == null) {
            node = tag.equals(ROOT) ? root(tag, line, attributes)
                    : skip(line, "the root element must be <PDL>, found <" + tag + ">");
        } else {
            node = switch (parent.kind) {
                case ROOT -> tag.equals(PACKET) ? packet(tag, line, attributes)
                        : skip(line, "unexpected <" + tag + "> in <PDL>: only <packet> elements belong there");
                case PACKET, LIST -> field(parent, tag, line, attributes);
                case LEAF -> skip(line, "<" + parent.tag + "> " + parent.path + " cannot contain elements, found <"
                        + tag + ">");
                case SKIP -> new Node(Kind.SKIP, tag, line, parent.path);
            };
        }
        open.push(node);
    }

    @Override
    public void endElement(String uri, String localName, String tag) {
        Node node = open.pop();
        Node parent = open.peek();
        switch (node.kind) {
            case PACKET -> packets.add(new PdlPacket(node.name, node.id, node.line, node.fields));
            case LIST, LEAF -> parent.fields.add(new PdlField(node.name, node.type, node.line, node.fields));
            case ROOT, SKIP -> {
                // Nothing to keep: the root holds the packets already, a skipped element was reported.
            }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        Node node = open.peek();
        if (node == null || node.kind == Kind.SKIP || node.reportedText) {
            return;
        }
        String text = new String(ch, start, length).strip();
        if (!text.isEmpty()) {
            node.reportedText = true;
            errors.add(locator.getLineNumber(), "unexpected text '" + text + "' in <" + node.tag + ">");
        }
    }

    private Node root(String tag, int line, Attributes attributes) {
        checkAttributes(attributes, tag, line, STRINGS);
        String encoding = attributes.getValue(STRINGS);
        if (encoding != null) {
            StringEncoding chosen = StringEncoding.ofLabel(encoding);
            if (chosen == null) {
                errors.add(line, "unknown " + STRINGS + "=\"" + encoding + "\" on <" + tag + ">; allowed: "
                        + StringEncoding.labels());
            } else {
                strings = chosen;
            }
        }
        return new Node(Kind.ROOT, tag, line, ROOT);
    }

    private Node packet(String tag, int line, Attributes attributes) {
        checkAttributes(attributes, tag, line, "id", "name");
        String name = attributes.getValue("name");
        String label = name == null ? "<packet>" : "packet " + name;
        if (name == null) {
            errors.add(line, "missing name on <packet>");
        }
        Node node = new Node(Kind.PACKET, tag, line, name == null ? "<packet>" : name);
        node.name = name;
        node.id = parseId(attributes.getValue("id"), label, line);
        return node;
    }

    private Node field(Node parent, String tag, int line, Attributes attributes) {
        PdlType type = PdlType.ofElement(tag);
        if (type == null) {
            return skip(line, tag.equals(PACKET)
                    ? "<packet> inside " + parent.path + ": packets belong directly in <PDL>"
                    : "unknown type <" + tag + "> in " + parent.path + "; the types are " + PdlType.elementNames());
        }
        checkAttributes(attributes, tag, line, "name");
        String name = attributes.getValue("name");
        if (name == null) {
            errors.add(line, "missing name on <" + tag + "> in " + parent.path);
        }
        Node node = new Node(type == PdlType.LIST ? Kind.LIST : Kind.LEAF, tag, line,
                parent.path + "." + (name == null ? "<" + tag + ">" : name));
        node.name = name;
        node.type = type;
        return node;
    }

    /** The id attribute's value; {@link PdlPacket#NO_ID} without one, to be numbered or reported. */
    private int parseId(String text, String label, int line) {
        if (text == null) {
            return PdlPacket.NO_ID;
        }
        String digits = text.strip();
        if (!digits.matches("-?[0-9]+")) {
            errors.add(line, label + ": id '" + text + "' is not a number");
            return PdlPacket.BAD_ID;
        }
        // Seven digits are out of range already; parsing them could overflow.
        long id = digits.replaceFirst("^-?0*", "").length() > 6 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (id < 1 || id > 0xFFFF) {
            errors.add(line, label + ": id " + digits + " is out of range 1..65535");
            return PdlPacket.BAD_ID;
        }
        return (int) id;
    }

    private void checkAttributes(Attributes attributes, String tag, int line, String... known) {
        for (int i = 0; i < attributes.getLength(); i++) {
            String attribute = attributes.getQName(i);
            if (!List.of(known).contains(attribute)) {
                errors.add(line, "unknown attribute '" + attribute + "' on <" + tag + ">"
                        + (known.length == 0 ? "" : "; allowed: " + String.join(", ", known)));
            }
        }
    }

    private Node skip(int line, String message) {
        errors.add(line, message);
        return new Node(Kind.SKIP, "", line, "");
    }

    private enum Kind {
        ROOT, PACKET, LIST, LEAF,
        /** An element already reported as wrong; its contents are not looked at. */
        SKIP
    }

    /** An element being read: what is known of it so far. */
    private static final class Node {
        final Kind kind;
        final String tag;
        final int line;
        /** Where the element is, for messages: {@code S_EnterRoom.player.name}. */
        final String path;
        final List<PdlField> fields = new ArrayList<>();
        String name;
        int id = PdlPacket.NO_ID;
        PdlType type;
        boolean reportedText;

        Node(Kind kind, String tag, int line, String path) {
            this.kind = kind;
            this.tag = tag;
            this.line = line;
            this.path = path;
        }
    }
}
