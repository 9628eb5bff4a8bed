package io.servercore.dummyclient.report;

import io.servercore.dummyclient.metrics.Figure;
import io.servercore.dummyclient.metrics.Section;
import java.util.List;

/**
 * Writes a run's {@link Report} sections as one JSON object, for scripts:
 * {@code {"exitStatus": 0, "failures": [], "run": {...}, "chats": {...}, ...}}. The figures
 * are those of the summary table, under their keys. Hand-written: a few objects of numbers
 * and strings need no library.
 *
 * <p>Stateless and thread-safe.
 */
public final class Json {
    private Json() {
    }

    public static String of(SwarmResult r) {
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"exitStatus\": ").append(r.exitStatus()).append(",\n");
        out.append("  \"failures\": [");
        List<String> failures = r.failures();
        for (int i = 0; i < failures.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(Figure.quote(failures.get(i)));
        }
        out.append("]");
        for (Section section : Report.sections(r)) {
            out.append(",\n  ").append(Figure.quote(section.key())).append(": {");
            List<Figure> figures = section.figures();
            for (int i = 0; i < figures.size(); i++) {
                Figure f = figures.get(i);
                out.append(i == 0 ? "" : ", ").append(Figure.quote(f.key())).append(": ").append(f.json());
            }
            out.append('}');
        }
        return out.append("\n}\n").toString();
    }
}
