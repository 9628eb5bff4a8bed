package io.servercore.benchmarks.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls per syscall of an {@code strace -c} summary table:
 *
 * <pre>
 * % time     seconds  usecs/call     calls    errors syscall
 * ------ ----------- ----------- --------- --------- ----------------
 *  71.18    0.689771          18     37413           writev
 *   1.27    0.122394          15      7772      3886 read
 * ------ ----------- ----------- --------- --------- ----------------
 * 100.00    0.968200                 46213      3886 total
 * </pre>
 *
 * The errors column is empty for a syscall that never failed, so a row has five or six fields.
 *
 * <p>Immutable and thread-safe.
 */
record StraceSummary(Map<String, Long> calls, Map<String, Long> errors) {
    StraceSummary {
        calls = Map.copyOf(calls);
        errors = Map.copyOf(errors);
    }

    static StraceSummary parse(List<String> lines) {
        Map<String, Long> calls = new LinkedHashMap<>();
        Map<String, Long> errors = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if ((f.length != 5 && f.length != 6) || !f[0].matches("[0-9.]+") || !f[3].matches("[0-9]+")) {
                continue; // the heading, the rules, strace's own messages
            }
            String name = f[f.length - 1];
            if (name.equals("total")) {
                continue;
            }
            calls.merge(name, Long.parseLong(f[3]), Long::sum);
            if (f.length == 6) {
                errors.merge(name, Long.parseLong(f[4]), Long::sum);
            }
        }
        return new StraceSummary(calls, errors);
    }

    long calls(String syscall) {
        return calls.getOrDefault(syscall, 0L);
    }

    long errors(String syscall) {
        return errors.getOrDefault(syscall, 0L);
    }

    long total() {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }
}
