/**
 * The swarm's players: their connections to the targets
 * ({@link io.servercore.dummyclient.player.Targets}, opened at the connect rate by
 * {@link io.servercore.dummyclient.player.Connector}), what each sends and when
 * ({@link io.servercore.dummyclient.player.Pacer}), and how each checks and counts what arrives
 * ({@link io.servercore.dummyclient.player.PlayerSession}: latency, deliveries, order).
 *
 * <p>Imports {@code config} and {@code metrics}, never {@code attack} or {@code report}: players
 * know attackers only by the name rule of {@link io.servercore.dummyclient.config.AttackMode}.
 */
package io.servercore.dummyclient.player;
