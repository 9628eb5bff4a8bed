package io.servercore.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.servercore.testing.Await;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Closing a channel with operations pending: each completes exactly once, with
 * AsynchronousCloseException, on an I/O thread, never inside the caller's close().
 */
@Timeout(30)
class CloseContractTest {

    private static void terminate(TestGroup io) throws Exception {
        io.group.shutdownNow();
        assertTrue(io.group.awaitTermination(10, TimeUnit.SECONDS), "group terminates");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void closeWhileAReadAndAWriteArePendingFailsEachOnceAfterCloseReturned(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2); Sockets.Peered peered = Sockets.peered(io.group)) {
            AsynchronousSocketChannel channel = peered.channel();
            CountDownLatch release = io.blockIoThreads(); // neither operation can complete before the close
            Recorder<Integer> read = new Recorder<>();
            channel.read(ByteBuffer.allocate(16), null, read);
            Recorder<Integer> write = new Recorder<>();
            channel.write(ByteBuffer.wrap(Sockets.pattern(1, 100)), null, write);

            channel.close();
            assertFalse(channel.isOpen());
            assertEquals(0, read.calls(), "no handler ran inside close()");
            assertEquals(0, write.calls(), "no handler ran inside close()");
            release.countDown();

            read.awaitFailure(AsynchronousCloseException.class);
            write.awaitFailure(AsynchronousCloseException.class);
            terminate(io);
            read.assertCalledOnce();
            write.assertCalledOnce();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void closeFromAHandlerFailsTheOtherPendingOperationOutsideThatClose(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2); Sockets.Pair pair = Sockets.pair(io.group)) {
            AsynchronousSocketChannel channel = pair.server();
            ThreadLocal<Boolean> insideClose = ThreadLocal.withInitial(() -> false);
            CountDownLatch readDone = new CountDownLatch(1);
            boolean[] readRanInsideClose = new boolean[1];
            Recorder<Integer> read = new Recorder<>() {
                @Override
                public void failed(Throwable cause, Object att) {
                    readRanInsideClose[0] = insideClose.get();
                    super.failed(cause, att);
                    readDone.countDown();
                }
            };
            channel.read(ByteBuffer.allocate(16), null, read);
            Recorder<Integer> write = new Recorder<>() {
                @Override
                public void completed(Integer n, Object att) {
                    insideClose.set(true);
                    try {
                        channel.close();
                    } catch (java.io.IOException e) {
                        io.fail("close threw " + e);
                    } finally {
                        insideClose.set(false);
                    }
                    super.completed(n, att);
                }
            };
            channel.write(ByteBuffer.wrap(Sockets.pattern(2, 10)), null, write);

            read.awaitFailure(AsynchronousCloseException.class);
            assertTrue(readDone.await(10, TimeUnit.SECONDS));
            assertFalse(readRanInsideClose[0], "the read's handler ran inside the close() of another handler");
            terminate(io);
            read.assertCalledOnce();
            write.assertCalledOnce();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void closingMidStreamCompletesEveryIssuedWriteExactlyOnce(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2); Sockets.Peered peered = Sockets.peered(io.group, 4096)) {
            peered.channel().setOption(StandardSocketOptions.SO_SNDBUF, 4096);
            WriteChain chain = new WriteChain(peered.channel(), ByteBuffer.wrap(new byte[8 << 20]), 0).start();
            // the peer never reads: the send buffer fills, writes start to come back short
            Await.until("a write came back short", () -> chain.partial.get() > 0 || chain.ended(),
                    () -> chain.issued + " issued, " + chain.calls + " completed");
            peered.channel().close();

            assertTrue(chain.done.await(10, TimeUnit.SECONDS), "the chain ended");
            terminate(io);
            assertEquals(chain.issued.get(), chain.calls.get(), "every issued write completed exactly once");
            assertTrue(chain.failure instanceof AsynchronousCloseException
                    || chain.failure instanceof ClosedChannelException, () -> "chain ended with " + chain.failure);
            assertTrue(chain.errors.isEmpty(), chain.errors::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void closingAListenerFailsItsPendingAcceptOnce(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2)) {
            AsynchronousServerSocketChannel listener = AsynchronousServerSocketChannel.open(io.group)
                    .bind(Sockets.ANY_LOOPBACK);
            Recorder<AsynchronousSocketChannel> accept = new Recorder<>();
            listener.accept(null, accept);
            listener.close();
            accept.awaitFailure(AsynchronousCloseException.class);
            Recorder<AsynchronousSocketChannel> late = new Recorder<>();
            listener.accept(null, late);
            late.awaitFailure(ClosedChannelException.class);
            terminate(io);
            accept.assertCalledOnce();
        }
    }
}
