package io.servercore.pdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each PDL error gives the file, the line and what is wrong. The XML here starts on line 1. Single-threaded. */
class PdlErrorTest {
    private static final String FILE = "test.pdl.xml";

    @Test
    void reportsAnUnknownType() {
        assertError("""
                <PDL>
                  <packet id="6" name="C_Chat"> <strin name="chat"/> </packet>
                </PDL>""",
                "test.pdl.xml:2: unknown type <strin> in C_Chat; the types are bool, byte, short, ushort, int, uint,"
                        + " long, float, double, string, list");
    }

    @Test
    void reportsADuplicateIdWithThePacketThatHasItFirst() {
        assertError("""
                <PDL>
                  <packet id="6" name="C_Chat"> <string name="chat"/> </packet>
                  <packet id="7" name="S_Chat"> <string name="chat"/> </packet>
                  <packet id="6" name="C_Shout"> <string name="chat"/> </packet>
                </PDL>""",
                "test.pdl.xml:4: duplicate packet id 6 (first used by C_Chat at line 2)");
    }

    @Test
    void reportsADuplicatePacketName() {
        assertError("""
                <PDL>
                  <packet id="6" name="C_Chat"/>
                  <packet id="7" name="C_Chat"/>
                </PDL>""",
                "test.pdl.xml:3: duplicate packet name C_Chat (first defined at line 2)");
    }

    @Test
    void reportsPacketNamesThatDifferOnlyInCase() {
        assertError("""
                <PDL>
                  <packet id="6" name="C_Chat"/>
                  <packet id="7" name="C_CHAT"/>
                </PDL>""",
                "test.pdl.xml:3: packet name C_CHAT differs from C_Chat (line 2) only in case; their files would"
                        + " collide on case-insensitive file systems");
    }

    @Test
    void reportsADuplicateFieldNameInAPacketAndInAList() {
        assertErrors("""
                <PDL>
                  <packet id="8" name="C_Move">
                    <float name="x"/>
                    <float name="x"/>
                  </packet>
                  <packet id="2" name="S_EnterRoom">
                    <list name="player"> <int name="id"/>
                      <string name="id"/> </list>
                  </packet>
                </PDL>""",
                "test.pdl.xml:4: duplicate field name x in C_Move (first at line 3)",
                "test.pdl.xml:8: duplicate field name id in S_EnterRoom.player (first at line 7)");
    }

    @ParameterizedTest
    @CsvSource({"0", "65536", "-1", "99999999999999999999"})
    void reportsAnIdOutOfRange(String id) {
        assertError(onePacket(id, "C_Ping"), "test.pdl.xml:2: packet C_Ping: id " + id + " is out of range 1..65535");
    }

    @Test
    void acceptsTheSmallestAndLargestIds() throws PdlException {
        PdlDocument document = read("<PDL><packet id=\"1\" name=\"C_A\"/><packet id=\"65535\" name=\"S_B\"/></PDL>");
        assertEquals(List.of(1, 65535), document.packets().stream().map(PdlPacket::id).toList());
    }

    @ParameterizedTest
    @CsvSource({"abc", "0x10", "6.0", "''"})
    void reportsANonNumericId(String id) {
        assertError(onePacket(id, "C_Ping"), "test.pdl.xml:2: packet C_Ping: id '" + id + "' is not a number");
    }

    @Test
    void reportsAMissingNameOrId() {
        assertErrors("""
                <PDL>
                  <packet id="1"/>
                  <packet name="C_Ping"/>
                  <packet id="3" name="C_Move"> <float/> </packet>
                </PDL>""",
                "test.pdl.xml:2: missing name on <packet>",
                "test.pdl.xml:3: missing id on packet C_Ping, though the packet at line 2 has one: give every packet an"
                        + " id, or none to number them from 1 in file order",
                "test.pdl.xml:4: missing name on <float> in C_Move");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "C_Chat-2; packet name 'C_Chat-2' is not a valid Java identifier",
        "1_Chat;   packet name '1_Chat' is not a valid Java identifier",
        "Chat;     packet name 'Chat' must start with C_ or C2S_ (client to server) or S_ or S2C_ (server to client), followed by a name",
        "X_Chat;   packet name 'X_Chat' must start with C_ or C2S_ (client to server) or S_ or S2C_ (server to client), followed by a name",
        "C_;       packet name 'C_' must start with C_ or C2S_ (client to server) or S_ or S2C_ (server to client), followed by a name",
        "C2S_;     packet name 'C2S_' must start with C_ or C2S_ (client to server) or S_ or S2C_ (server to client), followed by a name",
        "S2S_Chat; packet name 'S2S_Chat' must start with C_ or C2S_ (client to server) or S_ or S2C_ (server to client), followed by a name",
        "C2_Chat;  packet name 'C2_Chat' must start with C_ or C2S_ (client to server) or S_ or S2C_ (server to client), followed by a name",
    })
    void reportsABadPacketName(String name, String message) {
        assertError(onePacket("1", name), "test.pdl.xml:2: " + message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "player-id; field name 'player-id' in C_X is not a valid Java identifier",
        "class;     field name 'class' in C_X is not a valid Java identifier",
        "true;      field name 'true' in C_X is not a valid Java identifier",
        "PlayerId;  field name 'PlayerId' in C_X must start with a lowercase letter a-z (names that start uppercase are kept for classes)",
        "_x;        field name '_x' in C_X must start with a lowercase letter a-z (names that start uppercase are kept for classes)",
    })
    void reportsABadFieldName(String name, String message) {
        assertError("<PDL>\n<packet id=\"1\" name=\"C_X\">\n<int name=\"" + name + "\"/></packet>\n</PDL>",
                "test.pdl.xml:3: " + message);
    }

    @Test
    void reportsListsWhoseElementClassCannotBeGenerated() {
        assertErrors("""
                <PDL>
                  <packet id="1" name="C_Team">
                    <list name="string"> <int name="a"/> </list>
                    <list name="c_Team"> <int name="a"/> </list>
                    <list name="item"> <list name="item"> <int name="a"/> </list> </list>
                    <list name="empty"> </list>
                  </packet>
                </PDL>""",
                "test.pdl.xml:3: list 'string' in C_Team would make nested class String, which hides java.lang.String"
                        + " from the generated code",
                "test.pdl.xml:4: list 'c_Team' in C_Team would make nested class C_Team, the name of a class that"
                        + " encloses it",
                "test.pdl.xml:5: list 'item' in C_Team.item would make nested class Item, the name of a class that"
                        + " encloses it",
                "test.pdl.xml:6: list 'empty' in C_Team has no fields");
    }

    @Test
    void reportsAPacketWhoseFieldsCannotFitInAFrame() {
        StringBuilder xml = new StringBuilder("<PDL>\n<packet id=\"1\" name=\"S_Huge\">");
        for (int i = 0; i < 8192; i++) {
            xml.append("<long name=\"f").append(i).append("\"/>");
        }
        assertError(xml.append("</packet></PDL>").toString(),
                "test.pdl.xml:2: packet S_Huge: its fields take at least 65536 bytes, more than the 65531 a frame can carry");
    }

    @Test
    void reportsElementsAttributesAndTextThatDoNotBelong() {
        assertErrors("""
                <PDL version="1">
                  <message id="1" name="C_A"/>
                  <packet id="2" name="C_B" side="client">
                    <packet id="3" name="C_C"/>
                    <int name="a"> <int name="b"/> </int>
                    <string nmae="c"/>
                    hello
                  </packet>
                </PDL>""",
                "test.pdl.xml:1: unknown attribute 'version' on <PDL>; allowed: strings",
                "test.pdl.xml:2: unexpected <message> in <PDL>: only <packet> elements belong there",
                "test.pdl.xml:3: unknown attribute 'side' on <packet>; allowed: id, name",
                "test.pdl.xml:4: <packet> inside C_B: packets belong directly in <PDL>",
                "test.pdl.xml:5: <int> C_B.a cannot contain elements, found <int>",
                "test.pdl.xml:6: unknown attribute 'nmae' on <string>; allowed: name",
                "test.pdl.xml:6: missing name on <string> in C_B",
                "test.pdl.xml:8: unexpected text 'hello' in <packet>");
    }

    @Test
    void reportsAWrongRootElement() {
        assertError("<pdl>\n<packet id=\"1\" name=\"C_A\"/>\n</pdl>",
                "test.pdl.xml:1: the root element must be <PDL>, found <pdl>");
    }

    @Test
    void reportsIllFormedXmlWithItsLine() {
        List<String> errors = errorsOf("<PDL>\n  <packet id=\"1\" name=\"C_A\">\n</PDL>");
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith("test.pdl.xml:3: ill-formed XML: "), errors.get(0));
        assertTrue(errorsOf("").get(0).startsWith("test.pdl.xml:1: ill-formed XML: "), errorsOf("").toString());
    }

    @Test
    void refusesADoctypeSoNoEntityCanBeExpandedOrFetched() {
        List<String> errors = errorsOf("<?xml version=\"1.0\"?>\n<!DOCTYPE PDL [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<PDL><packet id=\"1\" name=\"C_A\"><string name=\"&x;\"/></packet></PDL>");
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith("test.pdl.xml:2: ill-formed XML: "), errors.get(0));
        assertTrue(errors.get(0).contains("DOCTYPE"), errors.get(0));
    }

    @Test
    void reportsEveryErrorAtOnceInLineOrder() {
        assertErrors("""
                <PDL>
                  <packet id="1" name="C_A"> <bogus name="x"/> </packet>
                  <packet id="1" name="C_A"> <int name="y"/> <int name="y"/> </packet>
                </PDL>""",
                "test.pdl.xml:2: unknown type <bogus> in C_A; the types are bool, byte, short, ushort, int, uint, long,"
                        + " float, double, string, list",
                "test.pdl.xml:3: duplicate packet id 1 (first used by C_A at line 2)",
                "test.pdl.xml:3: duplicate packet name C_A (first defined at line 2)",
                "test.pdl.xml:3: duplicate field name y in C_A (first at line 3)");
    }

    @Test
    void parsesTheProjectsProtocolWithoutErrors() throws Exception {
        PdlDocument chat = ProtocolFiles.parse(ProtocolFiles.CHAT);
        assertEquals("chat.pdl.xml", chat.source());
        assertEquals(12, chat.packets().size());
    }

    /** A PDL of one packet with no fields, on line 2. */
    private static String onePacket(String id, String name) {
        return "<PDL>\n<packet id=\"" + id + "\" name=\"" + name + "\"/>\n</PDL>";
    }

    private static void assertError(String xml, String error) {
        assertErrors(xml, error);
    }

    private static void assertErrors(String xml, String... errors) {
        assertEquals(String.join("\n", errors), String.join("\n", errorsOf(xml)));
    }

    private static List<String> errorsOf(String xml) {
        PdlException e = assertThrows(PdlException.class, () -> read(xml));
        assertEquals(String.join("\n", e.errors()), e.getMessage());
        return e.errors();
    }

    private static PdlDocument read(String xml) throws PdlException {
        return PdlParser.read(FILE, new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
