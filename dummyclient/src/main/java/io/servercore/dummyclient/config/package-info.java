/**
 * What a swarm run does: the command line ({@link io.servercore.dummyclient.config.SwarmOptions}),
 * what each flag allows ({@link io.servercore.dummyclient.config.SwarmFlags}), and the settings
 * they make, checked once built ({@link io.servercore.dummyclient.config.SwarmConfig},
 * {@link io.servercore.dummyclient.config.AttackConfig}, the modes and targets).
 *
 * <p>The bottom of the dummyclient's packages: it imports none of them. Everything here is
 * immutable once built.
 */
package io.servercore.dummyclient.config;
