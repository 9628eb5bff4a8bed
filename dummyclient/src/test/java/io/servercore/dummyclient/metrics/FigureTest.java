package io.servercore.dummyclient.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How a figure reads in the table and in JSON, which both come from it. */
class FigureTest {

    @Test
    void jsonStringsAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", Figure.quote("a\"b\\c\nd\u0001"));
    }

    @Test
    void aFigureReadsTheSameInTheTableAndInJson() {
        Figure p99 = Figure.real("p99", "p99", 1234.5678, 3, "ms");
        assertEquals("1,234.568 ms", p99.display());
        assertEquals("1234.568", p99.json());
        Figure none = Figure.real("p99", "p99", Double.NaN, 3, "ms");
        assertEquals("-", none.display());
        assertEquals("null", none.json());
        assertEquals("12,345", Figure.count("n", "n", 12_345).display());
        assertEquals("\"off\"", Figure.text("t", "t", "off").json());
    }
}
