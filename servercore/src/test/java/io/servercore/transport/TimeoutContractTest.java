package io.servercore.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.InterruptedByTimeoutException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Operation timeouts: the operation fails once with InterruptedByTimeoutException. */
@Timeout(30)
class TimeoutContractTest {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aReadThatGetsNothingFailsOnceWithInterruptedByTimeout(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2); Sockets.Peered peered = Sockets.peered(io.group)) {
            ByteBuffer buffer = ByteBuffer.allocate(16);
            Recorder<Integer> read = new Recorder<>();
            peered.channel().read(buffer, 100, TimeUnit.MILLISECONDS, "att", read);
            read.awaitFailure(InterruptedByTimeoutException.class);
            assertEquals("att", read.attachment());
            assertEquals(0, buffer.position());
            io.group.shutdownNow();
            assertTrue(io.group.awaitTermination(10, TimeUnit.SECONDS));
            read.assertCalledOnce();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aWriteIntoAFullSocketFailsOnceWithInterruptedByTimeout(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2); Sockets.Peered peered = Sockets.peered(io.group, 4096)) {
            peered.channel().setOption(StandardSocketOptions.SO_SNDBUF, 4096);
            // every write of the chain may take 300 ms; the peer never reads, so one write waits longer
            WriteChain chain = new WriteChain(peered.channel(), ByteBuffer.wrap(new byte[8 << 20]), 300).start();
            assertTrue(chain.done.await(20, TimeUnit.SECONDS), "the chain ended");
            assertTrue(chain.failure instanceof InterruptedByTimeoutException, () -> "ended with " + chain.failure
                    + " after " + chain.written + " bytes");
            io.group.shutdownNow();
            assertTrue(io.group.awaitTermination(10, TimeUnit.SECONDS));
            assertEquals(chain.issued.get(), chain.calls.get(), "every issued write completed exactly once");
            assertTrue(chain.errors.isEmpty(), chain.errors::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aReadThatGetsBytesInTimeCompletesWithThem(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2); Sockets.Peered peered = Sockets.peered(io.group)) {
            Recorder<Integer> read = new Recorder<>();
            peered.channel().read(ByteBuffer.allocate(16), 10, TimeUnit.SECONDS, null, read);
            peered.peerWrites(new byte[] {1, 2, 3});
            assertEquals(3, read.awaitResult());
        }
    }
}
