package io.servercore.dummyclient.attack;

import io.servercore.dummyclient.config.AttackMode;
import io.servercore.dummyclient.metrics.AttackCounter;
import io.servercore.dummyclient.metrics.AttackMetrics;
import io.servercore.dummyclient.metrics.Figure;
import io.servercore.dummyclient.metrics.Section;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one attack saw, frozen once it stopped: its counters, S_Error codes and close times,
 * its section of the report, and what in the server's answer was not as expected.
 *
 * <p>Immutable once built (the histogram is a copy no one else holds); thread-safe.
 */
public final class AttackResult {
    public final AttackMode mode;
    private final long[] counters;
    private final Map<Integer, Long> errorsByCode;
    private final Histogram closeAfter;
    private final long oldestOpenAtEnd;
    private final Map<AttackCounter, String> firstMessages;
    private final Section section;
    private final List<String> failures;

    private AttackResult(Attack attack) {
        AttackMetrics m = attack.metrics;
        this.mode = attack.mode;
        this.counters = m.snapshot();
        this.errorsByCode = Collections.unmodifiableMap(m.codes());
        this.closeAfter = m.closeAfter.frozen();
        this.oldestOpenAtEnd = m.oldestAtEnd();
        this.firstMessages = m.firstMessages();
        List<Figure> figures = attack.commonFigures(this);
        attack.figures(this, figures);
        this.section = new Section(mode.key(), "attack: " + mode.flag, List.copyOf(figures));
        List<String> out = new ArrayList<>();
        attack.commonFailures(this, out);
        attack.failures(this, out);
        this.failures = List.copyOf(out);
    }

    /** The result of {@code attack}, which has stopped. */
    static AttackResult of(Attack attack) {
        return new AttackResult(attack);
    }

    public long count(AttackCounter counter) {
        return counters[counter.ordinal()];
    }

    public Map<Integer, Long> errorsByCode() {
        return errorsByCode;
    }

    public long errors(int code) {
        return errorsByCode.getOrDefault(code, 0L);
    }

    /** Close times in microseconds. */
    public Histogram closeAfter() {
        return closeAfter;
    }

    public long oldestOpenAtEnd() {
        return oldestOpenAtEnd;
    }

    /** {@code " (first: ...)"} with the first message counted under {@code counter}, or empty. */
    public String first(AttackCounter counter) {
        String message = firstMessages.get(counter);
        return message == null ? "" : " (first: " + message + ")";
    }

    public Section section() {
        return section;
    }

    /** What in the server's answer was not as expected, each prefixed with the attack's name. */
    public List<String> failures() {
        List<String> out = new ArrayList<>();
        for (String f : failures) {
            out.add(mode.flag + ": " + f);
        }
        return out;
    }
}
