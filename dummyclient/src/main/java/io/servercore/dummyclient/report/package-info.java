/**
 * What a swarm run saw and how it is told: the frozen result and its verdict
 * ({@link io.servercore.dummyclient.report.SwarmResult}), the summary table
 * ({@link io.servercore.dummyclient.report.Report}), the same figures as JSON and as one HTML
 * page, and the once-a-second progress line.
 *
 * <p>Imports {@code config}, {@code metrics}, {@code player} and {@code attack}; only the
 * top package ({@code DummyClientMain}, {@code Swarm}) imports it.
 */
package io.servercore.dummyclient.report;
