package io.servercore.benchmarks.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What the calling thread has cost so far: its CPU time and the bytes it allocated, as the JVM
 * counts them, so that the generator can say what it cost per delivery and show that its
 * receive path does not allocate. Read twice a run, never per message.
 *
 * <p>Stateless and thread-safe; each figure is the calling thread's.
 */
final class ThreadCost {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadCost() {
    }

    /** The calling thread's CPU time in ns; -1 where the JVM cannot tell. */
    static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /** Bytes the calling thread allocated so far; -1 where the JVM cannot tell. */
    static long allocatedBytes() {
        return THREADS instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported()
                ? t.getCurrentThreadAllocatedBytes() : -1;
    }
}
