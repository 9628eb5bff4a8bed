package io.servercore.dummyclient.report;

/**
 * One progress line's figures, kept for the HTML report's charts: the line's time on the run's
 * clock and phase, the rates of the second before it, the interval's latency percentiles, and the
 * totals the line prints. In echo mode {@code sent} is pings and {@code delivered} round trips a
 * second, and {@code asked} and {@code predicted} are 0.
 *
 * <p>Immutable and thread-safe.
 *
 * @param atSeconds   seconds since the run started
 * @param phase       ramp, load, attack or drain
 * @param sent        chats (echo: pings) sent a second
 * @param asked       chats a second the flags ask of the sessions in their rooms (0 outside the load)
 * @param delivered   chat deliveries (echo: round trips) a second
 * @param predicted   chat deliveries a second the room sizes predict
 * @param p50Millis   the interval's latency p50 in ms, NaN when nothing was recorded
 * @param p99Millis   the interval's latency p99 in ms, NaN when nothing was recorded
 * @param open        sessions open
 * @param errors      errors so far (S_Error, protocol errors, failed connects, order violations)
 * @param disconnects disconnects the swarm did not ask for, so far
 * @param queuedBytes bytes queued unsent now
 */
public record Second(double atSeconds, String phase, double sent, double asked, double delivered, double predicted,
              double p50Millis, double p99Millis, long open, long errors, long disconnects, long queuedBytes) {
}
