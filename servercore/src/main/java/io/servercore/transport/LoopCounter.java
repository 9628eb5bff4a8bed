package io.servercore.transport;

/**
 * What an {@link EventLoop} counts. The counters exist so that tests can prove properties
 * that have no other observable effect ("no syscall on another thread's write", "at most one
 * wake-up per park", "OP_WRITE only after a short write"); they cost one ordered store each.
 */
enum LoopCounter {
    /** Loop iterations, one select each. */
    ITERATIONS,
    /** Times the loop advertised itself parked before a select that could block. */
    PARKS,
    /** {@code Selector.wakeup()} calls made by threads that handed work to a parked loop. */
    WAKEUPS,
    /** Operations started by the loop that another thread had handed over through the queue. */
    HANDED_OVER,
    /** Completion handlers deferred to the queue because the loop's handler stack was full. */
    DEFERRED,
    /** Read syscalls. */
    READS,
    /** Read syscalls that found nothing to read (EAGAIN). */
    ZERO_READS,
    /** Write syscalls. */
    WRITES,
    /** Write syscalls that wrote less than asked: the socket's send buffer is full. */
    SHORT_WRITES,
    /** Registrations and interest-set changes, each an epoll_ctl at the next select. */
    INTEREST_UPDATES,
    /** Times OP_WRITE was added to a channel's interest set. */
    OP_WRITE_REGISTRATIONS,
    /** Read or write syscalls made on a thread other than the owning loop's; must stay 0. */
    OFF_LOOP_SYSCALLS,
    /** Completion handlers and tasks that threw. */
    HANDLER_FAILURES
}
