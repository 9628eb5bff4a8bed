/**
 * servercore's own {@link java.nio.channels.spi.AsynchronousChannelProvider} for Linux: NIO.2's
 * asynchronous socket channels and completion handlers over one selector event loop per I/O
 * thread. Start at {@link io.servercore.transport.LoopChannelProvider} and
 * {@link io.servercore.transport.LoopGroup}.
 */
package io.servercore.transport;
