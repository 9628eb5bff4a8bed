package io.servercore.pdl;

import io.servercore.packet.PacketHeader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Numbers the packets of a file that gives no ids, and checks the rules of a PDL file that
 * span more than one element: ids on all packets or on none, unique packet ids and names,
 * unique field names within a packet or list, names the generated Java can use, and packets
 * whose fields fit in a frame.
 *
 * <p>Field names must start with a lowercase letter a-z. Class names (packets, and the
 * capitalised list names of the nested element classes) start uppercase, so no field can
 * ever hide a class the generated code refers to by its simple name.
 *
 * <p>Stateless; {@link #validate} may be called from any thread.
 */
final class PdlValidator {
    /**
     * Simple names the generated code uses; a nested element class of the same name would
     * hide them inside its packet.
     */
    private static final Map<String, String> USED_TYPES = Map.ofEntries(
            Map.entry("Object", "java.lang.Object"),
            Map.entry("Override", "java.lang.Override"),
            Map.entry("String", "java.lang.String"),
            Map.entry("RuntimeException", "java.lang.RuntimeException"),
            Map.entry("Boolean", "java.lang.Boolean"),
            Map.entry("Byte", "java.lang.Byte"),
            Map.entry("Short", "java.lang.Short"),
            Map.entry("Integer", "java.lang.Integer"),
            Map.entry("Long", "java.lang.Long"),
            Map.entry("Float", "java.lang.Float"),
            Map.entry("Double", "java.lang.Double"),
            Map.entry("ByteBuffer", "java.nio.ByteBuffer"),
            Map.entry("List", "java.util.List"),
            Map.entry("ArrayList", "java.util.ArrayList"),
            Map.entry("Objects", "java.util.Objects"),
            Map.entry("SendBuffer", "io.servercore.buffer.SendBuffer"),
            Map.entry("SendBufferManager", "io.servercore.buffer.SendBufferManager"),
            Map.entry("Packet", "io.servercore.packet.Packet"),
            Map.entry("PacketHeader", "io.servercore.packet.PacketHeader"),
            Map.entry("PacketReader", "io.servercore.packet.PacketReader"),
            Map.entry("PacketWriter", "io.servercore.packet.PacketWriter"),
            Map.entry("Utf16Strings", "io.servercore.pdl.Utf16Strings"));

    private static final int MAX_PAYLOAD = PacketHeader.MAX_FRAME_SIZE - PacketHeader.HEADER_LENGTH;
    /** The largest id a u16 can carry. */
    private static final int MAX_ID = 0xFFFF;

    private PdlValidator() {
    }

    /**
     * The packets with their ids. A file that gives no packet an id has its packets numbered
     * from 1 in file order, as the course's generator numbers them; a file that gives ids to
     * some packets must give them to all, and each packet without one is reported.
     */
    static List<PdlPacket> numberPackets(List<PdlPacket> packets, PdlErrors errors) {
        PdlPacket firstWithId = null;
        for (PdlPacket packet : packets) {
            if (packet.id() != PdlPacket.NO_ID) {
                firstWithId = packet;
                break;
            }
        }
        if (firstWithId != null) {
            for (PdlPacket packet : packets) {
                if (packet.id() == PdlPacket.NO_ID) {
                    errors.add(packet.line(), "missing id on " + label(packet) + ", though the packet at line "
                            + firstWithId.line() + " has one: give every packet an id, or none to number them"
                            + " from 1 in file order");
                }
            }
            return packets;
        }
        List<PdlPacket> numbered = new ArrayList<>(packets.size());
        for (PdlPacket packet : packets) {
            int id = numbered.size() + 1;
            if (id > MAX_ID) {
                errors.add(packet.line(), label(packet) + " would be numbered " + id + ", past the last id "
                        + MAX_ID);
                return packets;
            }
            numbered.add(packet.withId(id));
        }
        return numbered;
    }

    private static String label(PdlPacket packet) {
        return packet.name() == null ? "<packet>" : "packet " + packet.name();
    }

    static void validate(PdlDocument document, PdlErrors errors) {
        Map<Integer, PdlPacket> byId = new HashMap<>();
        Map<String, PdlPacket> byName = new HashMap<>();
        for (PdlPacket packet : document.packets()) {
            if (packet.id() > 0) {
                PdlPacket first = byId.putIfAbsent(packet.id(), packet);
                if (first != null) {
                    errors.add(packet.line(), "duplicate packet id " + packet.id() + " (first used by "
                            + (first.name() == null ? "a packet" : first.name()) + " at line " + first.line() + ")");
                }
            }
            String name = packet.name();
            if (name != null && checkPacketName(packet, errors)) {
                PdlPacket first = byName.putIfAbsent(name.toLowerCase(Locale.ROOT), packet);
                if (first != null) {
                    errors.add(packet.line(), first.name().equals(name)
                            ? "duplicate packet name " + name + " (first defined at line " + first.line() + ")"
                            : "packet name " + name + " differs from " + first.name() + " (line " + first.line()
                                    + ") only in case; their files would collide on case-insensitive file systems");
                }
            }
            String path = name == null ? "<packet>" : name;
            int minSize = PdlField.minSize(packet.fields());
            if (minSize > MAX_PAYLOAD) {
                errors.add(packet.line(), "packet " + path + ": its fields take at least " + minSize
                        + " bytes, more than the " + MAX_PAYLOAD + " a frame can carry");
            }
            checkFields(packet.fields(), path, name == null ? Set.of() : Set.of(name), errors);
        }
    }

    private static boolean checkPacketName(PdlPacket packet, PdlErrors errors) {
        String name = packet.name();
        if (!isIdentifier(name)) {
            errors.add(packet.line(), "packet name '" + name + "' is not a valid Java identifier");
            return false;
        }
        Side side = Side.receiving(name);
        if (side == null || name.length() == side.prefixOf(name).length()) {
            errors.add(packet.line(), "packet name '" + name + "' must start with " + Side.SERVER.prefixList()
                    + " (client to server) or " + Side.CLIENT.prefixList() + " (server to client), followed by a name");
            return false;
        }
        return true;
    }

    private static void checkFields(List<PdlField> fields, String path, Set<String> enclosing, PdlErrors errors) {
        Map<String, PdlField> byName = new HashMap<>();
        for (PdlField field : fields) {
            String name = field.name();
            if (name == null) {
                continue; // reported by the parser
            }
            if (!isIdentifier(name)) {
                errors.add(field.line(), "field name '" + name + "' in " + path + " is not a valid Java identifier");
                continue;
            }
            if (name.charAt(0) < 'a' || name.charAt(0) > 'z') {
                errors.add(field.line(), "field name '" + name + "' in " + path
                        + " must start with a lowercase letter a-z (names that start uppercase are kept for classes)");
                continue;
            }
            PdlField first = byName.putIfAbsent(name, field);
            if (first != null) {
                errors.add(field.line(), "duplicate field name " + name + " in " + path + " (first at line "
                        + first.line() + ")");
                continue;
            }
            if (field.type() == PdlType.LIST) {
                checkList(field, path, enclosing, errors);
            }
        }
    }

    private static void checkList(PdlField list, String path, Set<String> enclosing, PdlErrors errors) {
        String where = "list '" + list.name() + "' in " + path;
        String elementClass = list.elementClass();
        if (list.fields().isEmpty()) {
            // Zero-byte elements would let a 2-byte count make the parser build 65,535 objects.
            errors.add(list.line(), where + " has no fields");
        } else if (enclosing.contains(elementClass)) {
            errors.add(list.line(), where + " would make nested class " + elementClass
                    + ", the name of a class that encloses it");
        } else if (USED_TYPES.containsKey(elementClass)) {
            errors.add(list.line(), where + " would make nested class " + elementClass + ", which hides "
                    + USED_TYPES.get(elementClass) + " from the generated code");
        }
        Set<String> inner = new HashSet<>(enclosing);
        inner.add(elementClass);
        checkFields(list.fields(), path + "." + list.name(), inner, errors);
    }

    /** A simple name that Java accepts for a class or field: not a keyword, literal or qualified name. */
    private static boolean isIdentifier(String name) {
        return SourceVersion.isIdentifier(name) && !SourceVersion.isKeyword(name);
    }
}
