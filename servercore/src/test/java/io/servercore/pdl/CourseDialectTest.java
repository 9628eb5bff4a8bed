package io.servercore.pdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The course's PDL dialect: no ids (the course's generator numbers packets from 1 in file
 * order), {@code S2C_}/{@code C2S_} names, and strings in UTF-16 when the root element says
 * {@code strings="UTF-16LE"}. The course's files start with a byte order mark and an XML
 * declaration. Single-threaded.
 */
class CourseDialectTest {
    private static final String FILE = "PDL.xml";
    private static final String BOM = "\uFEFF";

    /** The shape of the course's Part 4 PDL.xml: BOM, declaration, a blank line, no ids. */
    private static final String COURSE_STYLE = BOM + """
            <?xml version="1.0" encoding="utf-8"?>

            <PDL>
              <packet name="S2C_BroadcastEnterGame">
                <int name="playerId" />
                <float name="posX" />
              </packet>
              <packet name="C2S_LeaveGame"></packet>
              <packet name="S2C_PlayerList">
                <list name="player">
                  <bool name="isSelf" />
                  <int name ="playerId"/>
                </list>
              </packet>
              <packet name="C2S_Move">
                <float name="posX" />
              </packet>
            </PDL>""";

    @Test
    void numbersPacketsWithoutIdsFromOneInFileOrderAsTheCoursesGeneratorDoes() throws PdlException {
        PdlDocument document = read(COURSE_STYLE);
        assertEquals(List.of("S2C_BroadcastEnterGame=1", "C2S_LeaveGame=2", "S2C_PlayerList=3", "C2S_Move=4"),
                document.packets().stream().map(p -> p.name() + "=" + p.id()).toList());
        assertEquals(StringEncoding.UTF_8, document.strings(), "UTF-8 unless the file says otherwise");
    }

    @Test
    void theS2cAndC2sPrefixesDecideTheSideAsSAndCDo() throws PdlException {
        Map<String, String> sources = PdlCompiler.generate(read(COURSE_STYLE), "io.course");
        String server = sources.get("ServerPacketManager");
        String client = sources.get("ClientPacketManager");
        assertTrue(server.contains("case C2S_Move.ID -> {") && server.contains("case C2S_LeaveGame.ID -> {"), server);
        assertTrue(server.contains("case S2C_PlayerList.ID -> violations.violation(session,"), server);
        assertTrue(client.contains("case S2C_PlayerList.ID -> {") && client.contains("case S2C_BroadcastEnterGame.ID -> {"),
                client);
        assertTrue(client.contains("case C2S_Move.ID -> violations.violation(session,"), client);
        assertTrue(sources.get("ServerPacketHandler").contains("method per {@code C2S_} packet"));
        assertTrue(sources.get("ClientPacketHandler").contains("void handle(S session, S2C_PlayerList packet);"));
        assertTrue(sources.get("C2S_Move").contains(", client-to-server: PDL.xml line 15."), sources.get("C2S_Move"));
    }

    @Test
    void aFileMayMixTheTwoNamingsOfSides() throws PdlException {
        PdlDocument document = read("<PDL>\n<packet name=\"C_Chat\"/>\n<packet name=\"S2C_Chat\"/>\n</PDL>");
        assertEquals(List.of(1, 2), document.packets().stream().map(PdlPacket::id).toList());
        assertTrue(Side.SERVER.receives(document.packets().get(0)));
        assertTrue(Side.CLIENT.receives(document.packets().get(1)));
    }

    @Test
    void aFileThatGivesSomePacketsIdsMustGiveThemToAll() {
        assertErrors("""
                <PDL>
                  <packet name="C2S_Chat"> <string name="chat"/> </packet>
                  <packet id="7" name="S2C_Chat"> <string name="chat"/> </packet>
                  <packet name="S2C_Move"/>
                </PDL>""",
                "PDL.xml:2: missing id on packet C2S_Chat, though the packet at line 3 has one: give every packet an id,"
                        + " or none to number them from 1 in file order",
                "PDL.xml:4: missing id on packet S2C_Move, though the packet at line 3 has one: give every packet an id,"
                        + " or none to number them from 1 in file order");
    }

    @Test
    void anUnusableIdStillCountsAsGivingOne() {
        assertErrors("<PDL>\n<packet id=\"x\" name=\"C2S_A\"/>\n<packet name=\"C2S_B\"/>\n</PDL>",
                "PDL.xml:2: packet C2S_A: id 'x' is not a number",
                "PDL.xml:3: missing id on packet C2S_B, though the packet at line 2 has one: give every packet an id,"
                        + " or none to number them from 1 in file order");
    }

    @Test
    void reportsAFileWithMorePacketsThanIdsGo() {
        StringBuilder xml = new StringBuilder("<PDL>\n");
        for (int i = 0; i <= 0xFFFF; i++) {
            xml.append("<packet name=\"C_P").append(i).append("\"/>\n");
        }
        assertErrors(xml.append("</PDL>").toString(),
                "PDL.xml:65537: packet C_P65535 would be numbered 65536, past the last id 65535");
    }

    @Test
    void errorsInAFileWithoutIdsStillNameTheFileAndLine() {
        assertErrors(BOM + "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\n<PDL>\n  <packet name=\"C2S_Chat\">\n"
                        + "    <strin name=\"chat\"/>\n  </packet>\n  <packet name=\"C2S_Chat\"/>\n</PDL>",
                "PDL.xml:5: unknown type <strin> in C2S_Chat; the types are bool, byte, short, ushort, int, uint, long,"
                        + " float, double, string, list",
                "PDL.xml:7: duplicate packet name C2S_Chat (first defined at line 4)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16LE", "utf-16le", " Utf-16LE "})
    void theRootElementChoosesUtf16StringsIgnoringCase(String value) throws PdlException {
        PdlDocument document = read("<PDL strings=\"" + value + "\">\n<packet name=\"C_Chat\"> <string name=\"chat\"/>"
                + " </packet>\n</PDL>");
        assertEquals(StringEncoding.UTF_16LE, document.strings());
    }

    @Test
    void utf8CanBeChosenByName() throws PdlException {
        assertEquals(StringEncoding.UTF_8, read("<PDL strings=\"utf-8\"><packet name=\"C_A\"/></PDL>").strings());
    }

    @Test
    void reportsAnEncodingItDoesNotKnow() {
        assertErrors("<PDL strings=\"UTF-16\">\n<packet name=\"C_Chat\"/>\n</PDL>",
                "PDL.xml:1: unknown strings=\"UTF-16\" on <PDL>; allowed: UTF-8, UTF-16LE");
    }

    @Test
    void generatedCodeOfAUtf16FileGoesThroughUtf16StringsForEveryString() throws PdlException {
        String source = PdlCompiler.generate(read("""
                <PDL strings="UTF-16LE">
                  <packet name="S_Chat"> <int name="playerId"/> <string name="chat"/>
                    <list name="line"> <string name="text"/> </list>
                  </packet>
                </PDL>"""), "io.course").get("S_Chat");
        assertTrue(source.contains("import io.servercore.pdl.Utf16Strings;"), source);
        assertTrue(source.contains("size = Utf16Strings.addString(size, this.chat, \"S_Chat.chat\");"), source);
        assertTrue(source.contains("Utf16Strings.putString(out, this.chat);"), source);
        assertTrue(source.contains("Utf16Strings.readString(payload, \"S_Chat.chat\")"), source);
        assertTrue(source.contains("Utf16Strings.readString(payload, \"S_Chat.line.text\")"), source);
        assertFalse(source.contains("PacketWriter.putString") || source.contains("PacketReader.readString")
                || source.contains("PacketWriter.addString"), source);
    }

    @Test
    void generatedCodeOfAUtf8FileDoesNotMentionUtf16() throws PdlException {
        String source = PdlCompiler.generate(read("<PDL><packet name=\"C_Chat\"><string name=\"chat\"/></packet></PDL>"),
                "io.course").get("C_Chat");
        assertTrue(source.contains("PacketWriter.putString(out, this.chat);"), source);
        assertFalse(source.contains("Utf16"), source);
    }

    private static void assertErrors(String xml, String... errors) {
        PdlException e = assertThrows(PdlException.class, () -> read(xml));
        assertEquals(String.join("\n", errors), String.join("\n", e.errors()));
    }

    private static PdlDocument read(String xml) throws PdlException {
        return PdlParser.read(FILE, new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
