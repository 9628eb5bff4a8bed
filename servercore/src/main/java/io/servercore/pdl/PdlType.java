package io.servercore.pdl;

/**
 * The field types of a PDL file (docs/protocol.md section 2), by their XML element name.
 *
 * <p>Immutable; safe on any thread.
 */
enum PdlType {
    BOOL("bool", 1),
    BYTE("byte", 1),
    SHORT("short", 2),
    USHORT("ushort", 2),
    INT("int", 4),
    UINT("uint", 4),
    LONG("long", 8),
    FLOAT("float", 4),
    DOUBLE("double", 8),
    /** A u16 byte count, then UTF-8 or, if the file says so, UTF-16LE ({@link StringEncoding}). */
    STRING("string", 2),
    /** A u16 element count, then each element's fields. */
    LIST("list", 2);

    /** The XML element that declares a field of this type. */
    final String element;
    /** The fewest bytes a field of this type takes on the wire: all of it for the fixed-size types. */
    final int minSize;

    PdlType(String element, int minSize) {
        this.element = element;
        this.minSize = minSize;
    }

    /** Whether every value takes {@link #minSize} bytes. */
    boolean fixedSize() {
        return this != STRING && this != LIST;
    }

    /** The type declared by XML element {@code name}, or {@code null} if there is none. */
    static PdlType ofElement(String name) {
        for (PdlType type : values()) {
            if (type.element.equals(name)) {
                return type;
            }
        }
        return null;
    }

    /** The element names, for an error message: {@code bool, byte, ..., list}. */
    static String elementNames() {
        StringBuilder names = new StringBuilder();
        for (PdlType type : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(type.element);
        }
        return names.toString();
    }
}
