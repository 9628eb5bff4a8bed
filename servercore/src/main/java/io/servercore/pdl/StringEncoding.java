package io.servercore.pdl;

/**
 * How a PDL file's {@code string} fields go on the wire, chosen by the {@code strings}
 * attribute of its root element: {@code <PDL strings="UTF-16LE">}. Either way a string is a
 * u16 byte count followed by that many bytes.
 *
 * <p>Immutable; safe on any thread.
 */
enum StringEncoding {
    /** docs/protocol.md section 2, and the default: strict UTF-8. */
    UTF_8("UTF-8"),
    /**
     * As the course's first generator writes strings ({@code Encoding.Unicode}): UTF-16,
     * little-endian, two bytes a {@code char}. Generated code uses {@link Utf16Strings}.
     */
    UTF_16LE("UTF-16LE");

    /** The attribute value that selects it (matched ignoring case). */
    final String label;

    StringEncoding(String label) {
        this.label = label;
    }

    /** The encoding an attribute value names, or {@code null} if it names none. */
    static StringEncoding ofLabel(String value) {
        for (StringEncoding encoding : values()) {
            if (encoding.label.equalsIgnoreCase(value.strip())) {
                return encoding;
            }
        }
        return null;
    }

    /** {@code UTF-8, UTF-16LE}, for an error message. */
    static String labels() {
        StringBuilder labels = new StringBuilder();
        for (StringEncoding encoding : values()) {
            labels.append(labels.length() == 0 ? "" : ", ").append(encoding.label);
        }
        return labels.toString();
    }
}
