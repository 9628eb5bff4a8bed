package io.servercore.benchmarks.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** strace -c's table, as strace 6 prints it with -o: calls per syscall, errors where the column has them. */
class StraceSummaryTest {
    @Test
    void callsAndErrorsAreReadPerSyscallAndTheTotalIsTheirSum() {
        StraceSummary s = StraceSummary.parse(List.of(
                "strace: Process 2744 attached",
                "% time     seconds  usecs/call     calls    errors syscall",
                "------ ----------- ----------- --------- --------- ----------------",
                " 71.18    0.689771          18     37413           writev",
                " 12.50    0.122394          15      7772      3886 read",
                "  8.00    0.011046          15       734           epoll_wait",
                "  0.10    0.000216          43         5         1 futex",
                "------ ----------- ----------- --------- --------- ----------------",
                "100.00    0.968200          21     45924      3887 total"));
        assertEquals(37413, s.calls("writev"));
        assertEquals(7772, s.calls("read"));
        assertEquals(3886, s.errors("read"));
        assertEquals(0, s.errors("writev"));
        assertEquals(0, s.calls("epoll_ctl"), "a syscall not in the table was not made");
        assertEquals(37413 + 7772 + 734 + 5, s.total());
    }
}
