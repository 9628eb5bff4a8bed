package io.servercore.pdl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.servercore.pdl.SourceWriter.CONTINUATION;

/**
 * Generates the Java class of one packet: public fields in PDL order, constructors,
 * {@code encodedSize}, {@code write}, {@code read}, {@code equals}, {@code hashCode},
 * {@code toString}, and a nested class per list element with the same members.
 *
 * <p>The generated code refers to every field as {@code this.x} or {@code other.x}, so field
 * names cannot clash with its local variables; {@link PdlValidator} keeps them from clashing
 * with class names. Encoding and decoding go through {@code PacketWriter} and
 * {@code PacketReader}, which hold the checks, so the generated code holds none of its own.
 *
 * <p>Not thread-safe: one instance per generated file; {@link #generate} makes it.
 */
final class PacketGenerator {
    private final SourceWriter out = new SourceWriter();
    private final PdlPacket packet;
    private final StringEncoding strings;

    private PacketGenerator(PdlPacket packet, StringEncoding strings) {
        this.packet = packet;
        this.strings = strings;
    }

    /** The source of {@code packet}'s class in {@code javaPackage}. */
    static String generate(PdlDocument document, PdlPacket packet, String javaPackage) {
        return new PacketGenerator(packet, document.strings()).write(document.source(), javaPackage);
    }

    private String write(String source, String javaPackage) {
        String name = packet.name();
        out.header(source, javaPackage);
        for (String type : imports()) {
            out.line("import " + type + ";");
        }
        out.line("")
                .line("/**")
                .line(" * {@code " + name + "}, packet id " + packet.id() + ", "
                        + (packet.clientToServer() ? Side.SERVER : Side.CLIENT).direction + ": " + source
                        + " line " + packet.line() + ".");
        if (strings == StringEncoding.UTF_16LE) {
            out.line(" * Its strings are UTF-16LE, as the PDL's root element says (see {@link Utf16Strings}).");
        }
        out.line(" *")
                .line(" * <p>Not thread-safe: a plain mutable value (see {@link Packet}).")
                .line(" */")
                .open("public final class " + name + " implements Packet")
                .line("/** The packet id on the wire. */")
                .line("public static final int ID = " + packet.id() + ";")
                .line("");
        members(name, packet.fields(), name, true);
        out.close();
        return out.toString();
    }

    private Set<String> imports() {
        Set<String> imports = new TreeSet<>(List.of(
                "io.servercore.buffer.SendBuffer", "io.servercore.buffer.SendBufferManager",
                "io.servercore.packet.Packet", "io.servercore.packet.PacketHeader",
                "io.servercore.packet.PacketReader", "io.servercore.packet.PacketWriter", "java.nio.ByteBuffer"));
        addImports(packet.fields(), imports);
        return imports;
    }

    private void addImports(List<PdlField> fields, Set<String> imports) {
        for (PdlField field : fields) {
            if (field.type() == PdlType.LIST) {
                imports.addAll(List.of("java.util.ArrayList", "java.util.List"));
                addImports(field.fields(), imports);
            }
            if (!field.type().fixedSize()) {
                imports.add("java.util.Objects");
            }
            if (field.type() == PdlType.STRING && strings == StringEncoding.UTF_16LE) {
                imports.add(Utf16Strings.class.getName());
            }
        }
    }

    /** The class whose {@code addString}, {@code putString} and {@code readString} handle this file's strings. */
    private String stringCodec(String utf8Class) {
        return strings == StringEncoding.UTF_16LE ? Utf16Strings.class.getSimpleName() : utf8Class;
    }

    /** The members of a packet class or, with {@code isPacket} false, of a list element class. */
    private void members(String className, List<PdlField> fields, String path, boolean isPacket) {
        for (PdlField field : fields) {
            if (field.type() == PdlType.USHORT || field.type() == PdlType.UINT) {
                out.line("/** PDL {@code " + field.type().element + "}: " + range(field.type())
                        + "; {@code encodedSize} and {@code write} reject other values. */");
            }
            out.line("public " + javaType(field) + " " + field.name() + ";");
        }
        if (!fields.isEmpty()) {
            out.line("");
        }
        constructors(className, fields);
        if (isPacket) {
            out.line("@Override").open("public int id()").line("return ID;").close().line("");
        }
        encodedSize(fields, path, isPacket);
        if (isPacket) {
            writePacket(fields);
        } else {
            out.open("private void writeTo(ByteBuffer out)");
            writeFields(fields);
            out.close().line("");
        }
        read(className, fields, path, isPacket);
        equalsAndHashCode(className, fields, isPacket);
        toStringMethod(className, fields);
        for (PdlField field : fields) {
            if (field.type() == PdlType.LIST) {
                elementClass(field, path);
            }
        }
    }

    private void elementClass(PdlField list, String path) {
        String className = list.elementClass();
        String elementPath = path + "." + list.name();
        out.line("")
                .line("/** An element of {@code " + elementPath + "}. Not thread-safe: a plain mutable value. */")
                .open("public static final class " + className);
        members(className, list.fields(), elementPath, false);
        out.close();
    }

    private void constructors(String className, List<PdlField> fields) {
        out.line(fields.isEmpty() ? "/** The packet; it has no fields. */"
                : "/** All numbers zero, strings and lists empty. */").open("public " + className + "()");
        for (PdlField field : fields) {
            if (field.type() == PdlType.STRING) {
                out.line("this." + field.name() + " = \"\";");
            } else if (field.type() == PdlType.LIST) {
                out.line("this." + field.name() + " = new ArrayList<>();");
            }
        }
        out.close().line("");
        if (fields.isEmpty()) {
            return;
        }
        List<String> parameters = new ArrayList<>();
        for (PdlField field : fields) {
            parameters.add(javaType(field) + " " + field.name());
        }
        out.line("/** The given field values in PDL order; lists are kept, not copied. */")
                .open("public " + className, parameters, "");
        for (PdlField field : fields) {
            out.line("this." + field.name() + " = " + field.name() + ";");
        }
        out.close().line("");
    }

    private void encodedSize(List<PdlField> fields, String path, boolean isPacket) {
        if (isPacket) {
            out.line("@Override");
        } else {
            out.line("/** The bytes this element takes in a frame, e.g. to split a long list over several frames. */");
        }
        out.open("public int encodedSize()");
        List<String> additions = new ArrayList<>();
        for (PdlField field : fields) {
            String value = "this." + field.name();
            String name = quote(path + "." + field.name());
            switch (field.type()) {
                case USHORT -> out.line("PacketWriter.checkUshort(" + value + ", " + name + ");");
                case UINT -> out.line("PacketWriter.checkUint(" + value + ", " + name + ");");
                case STRING -> additions.add("size = " + stringCodec("PacketWriter") + ".addString(size, " + value + ", "
                        + name + ");");
                case LIST -> additions.add("size = PacketWriter.addList(size, " + value + ", "
                        + field.elementClass() + "::encodedSize, " + name + ");");
                default -> {
                    // Fixed size: counted in the constant below.
                }
            }
        }
        int fixed = PdlField.fixedSize(fields);
        String base = !isPacket ? String.valueOf(fixed)
                : fixed == 0 ? "PacketHeader.HEADER_LENGTH" : "PacketHeader.HEADER_LENGTH + " + fixed;
        if (additions.isEmpty()) {
            out.line("return " + base + ";");
        } else {
            out.line("int size = " + base + ";");
            additions.forEach(out::line);
            out.line("return size;");
        }
        out.close().line("");
    }

    private void writePacket(List<PdlField> fields) {
        out.line("@Override")
                .open("public SendBuffer write(SendBufferManager pool)")
                .line("int size = encodedSize();")
                .line("ByteBuffer out = PacketWriter.open(pool, size, ID);")
                .open("try");
        writeFields(fields);
        out.line("return PacketWriter.close(pool, out, size);")
                .next("catch (RuntimeException e)")
                .line("// Only a change to the packet by another thread gets here; leave the pool usable.")
                .line("PacketWriter.abort(pool);")
                .line("throw e;")
                .close()
                .close()
                .line("");
    }

    private void writeFields(List<PdlField> fields) {
        for (PdlField field : fields) {
            String value = "this." + field.name();
            out.line(switch (field.type()) {
                case BOOL -> "PacketWriter.putBool(out, " + value + ");";
                case BYTE -> "out.put(" + value + ");";
                case SHORT -> "out.putShort(" + value + ");";
                case USHORT -> "PacketWriter.putUshort(out, " + value + ");";
                case INT -> "out.putInt(" + value + ");";
                case UINT -> "PacketWriter.putUint(out, " + value + ");";
                case LONG -> "out.putLong(" + value + ");";
                case FLOAT -> "out.putFloat(" + value + ");";
                case DOUBLE -> "out.putDouble(" + value + ");";
                case STRING -> stringCodec("PacketWriter") + ".putString(out, " + value + ");";
                case LIST -> "PacketWriter.putList(out, " + value + ", " + field.elementClass() + "::writeTo);";
            });
        }
    }

    private void read(String className, List<PdlField> fields, String path, boolean isPacket) {
        if (isPacket) {
            out.line("/**")
                    .line(" * Parses a payload: little-endian, from its position to its limit, which it must fill")
                    .line(" * exactly. The position ends at the limit.")
                    .line(" *")
                    .line(" * @throws io.servercore.packet.MalformedPacketException if the payload breaks its field encoding")
                    .line(" */")
                    .open("public static " + className + " read(ByteBuffer payload)")
                    .line("PacketReader.requireLittleEndian(payload);");
        } else {
            out.open("private static " + className + " read(ByteBuffer payload)");
        }
        String result = isPacket ? className + " packet = " : "return ";
        if (fields.isEmpty()) {
            out.line(result + "new " + className + "();");
        } else {
            out.line(result + "new " + className + "(");
            for (int i = 0; i < fields.size(); i++) {
                out.line(CONTINUATION + readExpression(fields.get(i), path) + (i + 1 < fields.size() ? "," : ");"));
            }
        }
        if (isPacket) {
            out.line("PacketReader.expectEnd(payload, " + quote(className) + ");").line("return packet;");
        }
        out.close().line("");
    }

    private String readExpression(PdlField field, String path) {
        String name = quote(path + "." + field.name());
        if (field.type() == PdlType.LIST) {
            return "PacketReader.readList(payload, " + PdlField.minSize(field.fields()) + ", "
                    + field.elementClass() + "::read, " + name + ")";
        }
        if (field.type() == PdlType.STRING) {
            return stringCodec("PacketReader") + ".readString(payload, " + name + ")";
        }
        String element = field.type().element;
        return "PacketReader.read" + Character.toUpperCase(element.charAt(0)) + element.substring(1)
                + "(payload, " + name + ")";
    }

    private void equalsAndHashCode(String className, List<PdlField> fields, boolean isPacket) {
        out.line("@Override").open("public boolean equals(Object o)");
        if (fields.isEmpty()) {
            out.line("return o instanceof " + className + ";");
        } else {
            out.line("return o instanceof " + className + " other");
            for (int i = 0; i < fields.size(); i++) {
                out.line(CONTINUATION + "&& " + equalsTerm(fields.get(i)) + (i + 1 < fields.size() ? "" : ";"));
            }
        }
        out.close().line("");

        out.line("@Override").open("public int hashCode()");
        String seed = isPacket ? "ID" : "0";
        if (fields.isEmpty()) {
            out.line("return " + seed + ";");
        } else {
            out.line("int h = " + seed + ";");
            for (PdlField field : fields) {
                out.line("h = 31 * h + " + hashTerm(field) + ";");
            }
            out.line("return h;");
        }
        out.close().line("");
    }

    private void toStringMethod(String className, List<PdlField> fields) {
        out.line("@Override").open("public String toString()");
        if (fields.isEmpty()) {
            out.line("return " + quote(className + "{}") + ";");
        } else {
            for (int i = 0; i < fields.size(); i++) {
                String name = fields.get(i).name();
                String head = i == 0 ? "return " + quote(className + "{" + name + "=") : CONTINUATION + "+ "
                        + quote(", " + name + "=");
                out.line(head + " + this." + name + (i + 1 < fields.size() ? "" : " + \"}\";"));
            }
        }
        out.close();
    }

    private static String javaType(PdlField field) {
        return switch (field.type()) {
            case BOOL -> "boolean";
            case BYTE -> "byte";
            case SHORT -> "short";
            case USHORT, INT -> "int";
            case UINT, LONG -> "long";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case STRING -> "String";
            case LIST -> "List<" + field.elementClass() + ">";
        };
    }

    private static String equalsTerm(PdlField field) {
        String a = "this." + field.name();
        String b = "other." + field.name();
        return switch (field.type()) {
            // By bits, as Float.equals: NaN equals NaN and 0.0 differs from -0.0, consistent with hashCode.
            case FLOAT -> "Float.floatToIntBits(" + a + ") == Float.floatToIntBits(" + b + ")";
            case DOUBLE -> "Double.doubleToLongBits(" + a + ") == Double.doubleToLongBits(" + b + ")";
            case STRING, LIST -> "Objects.equals(" + a + ", " + b + ")";
            default -> a + " == " + b;
        };
    }

    private static String hashTerm(PdlField field) {
        String box = switch (field.type()) {
            case BOOL -> "Boolean";
            case BYTE -> "Byte";
            case SHORT -> "Short";
            case USHORT, INT -> "Integer";
            case UINT, LONG -> "Long";
            case FLOAT -> "Float";
            case DOUBLE -> "Double";
            case STRING, LIST -> "Objects";
        };
        return box + ".hashCode(this." + field.name() + ")";
    }

    private static String range(PdlType type) {
        return type == PdlType.USHORT ? "0 to 65,535" : "0 to 4,294,967,295";
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }
}
