/**
 * The load swarm: its command line ({@link io.servercore.dummyclient.DummyClientMain}) and one
 * run of it ({@link io.servercore.dummyclient.Swarm}), on top of the packages below.
 *
 * <p>Packages by concern, imports running one way, from the bottom up:
 * <pre>
 *   config    what a run does: flags, their allowed values, checked settings
 *   metrics   what a run counts and shares while it runs, and the figures it reports   (config)
 *   player    the players: connecting, pacing, sending, checking what arrives           (config, metrics)
 *   attack    the hostile connections of --attack and their verdicts                   (config, metrics)
 *   report    the frozen result, its verdict, the table, JSON, HTML, progress line     (all of the above)
 *   (this)    DummyClientMain and Swarm                                                 (all of the above)
 * </pre>
 * A package imports only from those named beside it; player and attack do not know each other.
 * {@code PackageLayersTest} holds the sources to this. The packet classes of
 * {@code io.servercore.dummyclient.protocol} are generated from {@code protocol/chat.pdl.xml}.
 */
package io.servercore.dummyclient;
