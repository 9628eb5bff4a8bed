package io.servercore.dummyclient.metrics;

import java.util.List;

/**
 * A titled group of a report's figures: one block of the summary table, one object of the JSON
 * file (named by {@code key}), one table of the HTML page.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key     the JSON name
 * @param title   the table's heading
 * @param figures the figures, in the order shown
 */
public record Section(String key, String title, List<Figure> figures) {
    public Section {
        figures = List.copyOf(figures);
    }
}
