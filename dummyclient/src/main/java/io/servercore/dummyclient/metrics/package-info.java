/**
 * What a swarm run counts and shares while it runs: the state every session of a run shares
 * ({@link io.servercore.dummyclient.metrics.SwarmState}: settings, clock, switches), the event
 * counts ({@link io.servercore.dummyclient.metrics.Metrics},
 * {@link io.servercore.dummyclient.metrics.AttackMetrics}), the latency distributions
 * ({@link io.servercore.dummyclient.metrics.Latency}), and the figures a report is made of
 * ({@link io.servercore.dummyclient.metrics.Figure}, {@link io.servercore.dummyclient.metrics.Section}).
 *
 * <p>Imports {@code config} only; {@code player}, {@code attack} and {@code report} record into
 * and read from it. Everything recorded here may be recorded from any thread.
 */
package io.servercore.dummyclient.metrics;
