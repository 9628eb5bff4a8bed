package io.servercore.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.ReadPendingException;
import java.nio.channels.WritePendingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** NIO.2's read and write contract, on the JDK's provider and on ours. */
@Timeout(30)
class ReadWriteContractTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] filled(ByteBuffer buffer) {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void bytesWrittenOnOneSideArriveOnTheOtherAndHandlersGetTheirAttachment(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2); Sockets.Pair pair = Sockets.pair(io.group)) {
            ByteBuffer in = ByteBuffer.allocate(64);
            Recorder<Integer> read = new Recorder<>();
            pair.server().read(in, "read-attachment", read);
            Recorder<Integer> wrote = new Recorder<>();
            pair.client().write(ByteBuffer.wrap(ascii("hello")), "write-attachment", wrote);

            assertEquals(5, wrote.awaitResult());
            assertEquals(5, read.awaitResult());
            assertArrayEquals(ascii("hello"), filled(in));
            assertEquals("read-attachment", read.attachment());
            assertEquals("write-attachment", wrote.attachment());
            read.assertCalledOnce();
            wrote.assertCalledOnce();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aGatheringWriteAndAScatteringReadMoveEveryByteInOrder(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2); Sockets.Pair pair = Sockets.pair(io.group)) {
            byte[] all = Sockets.pattern(7, 3000);
            ByteBuffer[] out = {
                ByteBuffer.wrap(all, 0, 1000).slice(), ByteBuffer.wrap(all, 1000, 1500).slice(),
                ByteBuffer.wrap(all, 2500, 500).slice(),
            };
            // offset 1, length 2 of a 4-element array: the unused slots must stay untouched
            ByteBuffer[] in = {ByteBuffer.allocate(10), ByteBuffer.allocate(1200), ByteBuffer.allocate(1800),
                ByteBuffer.allocate(10)};

            long written = 0;
            while (written < all.length) {
                Recorder<Long> wrote = new Recorder<>();
                pair.client().write(out, 0, 3, 0, TimeUnit.SECONDS, null, wrote);
                written += wrote.awaitResult();
            }
            long read = 0;
            while (read < all.length) {
                Recorder<Long> got = new Recorder<>();
                pair.server().read(in, 1, 2, 0, TimeUnit.SECONDS, null, got);
                long n = got.awaitResult();
                assertTrue(n > 0, "a scattering read with room reads something, got " + n);
                read += n;
            }
            assertEquals(all.length, written);
            assertEquals(all.length, read);
            assertArrayEquals(Arrays.copyOfRange(all, 0, 1200), in[1].array());
            assertArrayEquals(Arrays.copyOfRange(all, 1200, 3000), in[2].array());
            assertEquals(0, in[0].position());
            assertEquals(0, in[3].position());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aSecondReadThrowsReadPendingAndChangesNothing(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2); Sockets.Peered peered = Sockets.peered(io.group)) {
            AsynchronousSocketChannel channel = peered.channel();
            ByteBuffer first = ByteBuffer.allocate(16);
            Recorder<Integer> firstRead = new Recorder<>();
            channel.read(first, null, firstRead); // the peer has sent nothing: pending

            ByteBuffer second = ByteBuffer.allocate(16);
            Recorder<Integer> secondRead = new Recorder<>();
            assertThrows(ReadPendingException.class, () -> channel.read(second, null, secondRead));

            peered.peerWrites(ascii("abc"));
            assertEquals(3, firstRead.awaitResult());
            assertArrayEquals(ascii("abc"), filled(first));

            // the refused read took nothing: the next read gets the next bytes
            ByteBuffer third = ByteBuffer.allocate(16);
            Recorder<Integer> thirdRead = new Recorder<>();
            channel.read(third, null, thirdRead);
            peered.peerWrites(ascii("def"));
            assertEquals(3, thirdRead.awaitResult());
            assertArrayEquals(ascii("def"), filled(third));
            assertEquals(0, second.position());
            assertEquals(0, secondRead.calls());
            firstRead.assertCalledOnce();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aSecondWriteThrowsWritePendingAndChangesNothing(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2); Sockets.Peered peered = Sockets.peered(io.group)) {
            AsynchronousSocketChannel channel = peered.channel();
            CountDownLatch release = io.blockIoThreads(); // the first write cannot complete yet
            Recorder<Integer> firstWrite = new Recorder<>();
            channel.write(ByteBuffer.wrap(ascii("first")), null, firstWrite);

            ByteBuffer refused = ByteBuffer.wrap(ascii("REFUSED"));
            Recorder<Integer> secondWrite = new Recorder<>();
            assertThrows(WritePendingException.class, () -> channel.write(refused, null, secondWrite));
            assertEquals(0, refused.position());
            release.countDown();

            assertEquals(5, firstWrite.awaitResult());
            Recorder<Integer> thirdWrite = new Recorder<>();
            channel.write(ByteBuffer.wrap(ascii("+third")), null, thirdWrite);
            assertEquals(6, thirdWrite.awaitResult());
            assertArrayEquals(ascii("first+third"), peered.peerReads(11));
            assertEquals(0, secondWrite.calls());
            firstWrite.assertCalledOnce();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void readingIntoAFullBufferAndWritingAnEmptyOneCompleteWithZero(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2); Sockets.Pair pair = Sockets.pair(io.group)) {
            Recorder<Integer> read = new Recorder<>();
            pair.server().read(ByteBuffer.allocate(0), null, read);
            assertEquals(0, read.awaitResult());
            Recorder<Integer> wrote = new Recorder<>();
            pair.client().write(ByteBuffer.allocate(0), null, wrote);
            assertEquals(0, wrote.awaitResult());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aReadAfterShutdownInputOrThePeersCloseSeesEndOfStream(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2); Sockets.Pair pair = Sockets.pair(io.group)) {
            pair.server().shutdownInput();
            Recorder<Integer> shutRead = new Recorder<>();
            pair.server().read(ByteBuffer.allocate(8), null, shutRead);
            assertEquals(-1, shutRead.awaitResult());

            Recorder<Integer> pendingRead = new Recorder<>();
            pair.client().read(ByteBuffer.allocate(8), null, pendingRead);
            pair.server().close();
            assertEquals(-1, pendingRead.awaitResult());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aWriteAfterShutdownOutputFailsAndThePeerSeesEndOfStream(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2); Sockets.Peered peered = Sockets.peered(io.group)) {
            peered.channel().shutdownOutput();
            assertEquals(-1, peered.peer().read(ByteBuffer.allocate(8)));
            Recorder<Integer> wrote = new Recorder<>();
            peered.channel().write(ByteBuffer.wrap(ascii("late")), null, wrote);
            wrote.awaitFailure(ClosedChannelException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void operationsOnAClosedChannelFailWithClosedChannelOnAnIoThread(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2); Sockets.Pair pair = Sockets.pair(io.group)) {
            pair.client().close();
            assertTrue(!pair.client().isOpen());
            Recorder<Integer> read = new Recorder<>();
            pair.client().read(ByteBuffer.allocate(8), null, read);
            read.awaitFailure(ClosedChannelException.class);
            Recorder<Integer> wrote = new Recorder<>();
            pair.client().write(ByteBuffer.wrap(ascii("x")), null, wrote);
            wrote.awaitFailure(ClosedChannelException.class);
            pair.client().close(); // closing twice is harmless
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void readsAndWritesOfAnUnconnectedChannelThrowNotYetConnected(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 1);
             AsynchronousSocketChannel channel = AsynchronousSocketChannel.open(io.group)) {
            Recorder<Integer> never = new Recorder<>();
            assertThrows(NotYetConnectedException.class, () -> channel.read(ByteBuffer.allocate(1), null, never));
            assertThrows(NotYetConnectedException.class, () -> channel.write(ByteBuffer.allocate(1), null, never));
            assertEquals(0, never.calls());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aReadOnlyBufferOrANullHandlerIsRejectedAtOnce(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 1); Sockets.Pair pair = Sockets.pair(io.group)) {
            Recorder<Integer> never = new Recorder<>();
            ByteBuffer readOnly = ByteBuffer.allocate(8).asReadOnlyBuffer();
            assertThrows(IllegalArgumentException.class, () -> pair.client().read(readOnly, null, never));
            assertThrows(NullPointerException.class,
                    () -> pair.client().read(ByteBuffer.allocate(8), null, (Recorder<Integer>) null));
            assertThrows(IndexOutOfBoundsException.class, () -> pair.client().write(new ByteBuffer[2], 1, 2, 0,
                    TimeUnit.SECONDS, null, new Recorder<Long>()));
            // nothing was left pending by the refusals
            Recorder<Integer> read = new Recorder<>();
            pair.client().read(ByteBuffer.allocate(8), null, read);
            pair.server().write(ByteBuffer.wrap(ascii("ok")), null, new Recorder<>());
            assertEquals(2, read.awaitResult());
            assertEquals(0, never.calls());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theFutureVariantsCompleteWithTheCount(Transport transport) throws Exception {
        try (TestGroup io = new TestGroup(transport, 2); Sockets.Pair pair = Sockets.pair(io.group)) {
            ByteBuffer in = ByteBuffer.allocate(16);
            var read = pair.server().read(in);
            assertEquals(4, pair.client().write(ByteBuffer.wrap(ascii("ping"))).get(10, TimeUnit.SECONDS));
            assertEquals(4, read.get(10, TimeUnit.SECONDS));
            assertTrue(read.isDone());
            assertArrayEquals(ascii("ping"), filled(in));
            assertSame(Boolean.FALSE, read.cancel(false)); // done: cannot be cancelled
        }
    }
}
