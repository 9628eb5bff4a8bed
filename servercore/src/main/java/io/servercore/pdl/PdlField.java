package io.servercore.pdl;

import java.util.List;

/**
 * One field of a packet or of a list element, as the PDL file declares it.
 *
 * <p>Immutable; safe on any thread.
 *
 * @param name   the field's name; {@code null} if the PDL left it out (an error already reported)
 * @param type   the wire type
 * @param line   where it is declared, for error messages
 * @param fields for a {@link PdlType#LIST}, the fields of each element in order; otherwise empty
 */
record PdlField(String name, PdlType type, int line, List<PdlField> fields) {
    PdlField {
        fields = List.copyOf(fields);
    }

    /** The nested class of a list's elements: the list's name with a capital first letter. */
    String elementClass() {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** The fewest bytes {@code fields} take on the wire: every string and list empty. */
    static int minSize(List<PdlField> fields) {
        int size = 0;
        for (PdlField field : fields) {
            size += field.type.minSize;
        }
        return size;
    }

    /** The bytes the fixed-size fields among {@code fields} take. */
    static int fixedSize(List<PdlField> fields) {
        int size = 0;
        for (PdlField field : fields) {
            if (field.type.fixedSize()) {
                size += field.type.minSize;
            }
        }
        return size;
    }
}
