/**
 * The hostile connections of {@code --attack}: one {@link io.servercore.dummyclient.attack.Attack}
 * per mode, each driving its {@link io.servercore.dummyclient.attack.Attacker}s over plain
 * non-blocking sockets ({@link io.servercore.dummyclient.attack.RawConnection}) and judging the
 * server's answers into an {@link io.servercore.dummyclient.attack.AttackResult}.
 *
 * <p>Imports {@code config} and {@code metrics}, never {@code player} or {@code report}.
 */
package io.servercore.dummyclient.attack;
