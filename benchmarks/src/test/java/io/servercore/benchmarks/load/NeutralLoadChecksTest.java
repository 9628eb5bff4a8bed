package io.servercore.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's checks can fail: against a fake server that answers each pair of a session's
 * chats in swapped order, the run reports the chats out of order, in words and in the JSON, and
 * exits 1. (A check that only ever sees a correct server proves nothing.)
 */
class NeutralLoadChecksTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void chatsAnsweredOutOfOrderAreReported() throws Exception {
        AtomicReference<Throwable> serverFailure = new AtomicReference<>();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket s = listener.accept()) {
                    swapPairs(s.getInputStream(), s.getOutputStream());
                } catch (Throwable t) {
                    serverFailure.set(t);
                }
            }, "swapping-server");
            server.start();
            Path json = dir.resolve("swapped.json");
            StringWriter out = new StringWriter();

            int status = NeutralLoad.run(new String[] {"chat", "--port", String.valueOf(listener.getLocalPort()),
                "--sessions", "1", "--room-size", "1", "--rate", "50", "--payload", "32", "--seconds", "1",
                "--warm-up", "0", "--drain", "1", "--json", json.toString()}, new PrintWriter(out, true),
                    new PrintWriter(new StringWriter(), true));

            server.join(TimeUnit.SECONDS.toMillis(20));
            assertNull(serverFailure.get(), "the fake server failed: " + serverFailure.get());
            assertEquals(NeutralLoad.FAILED, status, out.toString());
            Report r = Report.parse(Files.readString(json, StandardCharsets.UTF_8));
            long pairs = r.totals().sent() / 2;
            assertTrue(pairs > 0, r.totals().toString());
            assertEquals(pairs, r.totals().outOfOrder(), "the first of every pair came after the second");
            assertTrue(r.failures().contains(pairs + " chats out of their sender's order"), r.failures().toString());
            assertTrue(out.toString().contains("went wrong: "), out.toString());
        }
    }

    /**
     * A one-session server by hand: C_EnterRoom is answered with S_EnterRoom(player 1, room "r",
     * no members); chats are echoed to their sender as S_Chat, each pair in swapped order; the odd
     * last one is never answered. Returns when the client closes.
     */
    private static void swapPairs(InputStream in, OutputStream out) throws IOException {
        DataInputStream frames = new DataInputStream(in);
        byte[] held = null;
        while (true) {
            int size;
            try {
                size = Short.reverseBytes(frames.readShort()) & 0xFFFF;
            } catch (EOFException closed) {
                return;
            }
            int id = Short.reverseBytes(frames.readShort()) & 0xFFFF;
            byte[] payload = new byte[size - 4];
            frames.readFully(payload);
            if (id == 1) {
                out.write(new byte[] {13, 0, 2, 0, 1, 0, 0, 0, 1, 0, 'r', 0, 0}); // 4 + 4 + (2 + 1) + 2
            } else if (id == 6) {
                byte[] chat = sChat(payload);
                if (held == null) {
                    held = chat;
                } else {
                    out.write(chat);
                    out.write(held);
                    held = null;
                }
            } else {
                throw new IOException("unexpected frame id " + id);
            }
        }
    }

    /** S_Chat(player 1, the C_Chat's string): the C_Chat payload is already u16 length + bytes. */
    private static byte[] sChat(byte[] cChatPayload) {
        int size = 4 + 4 + cChatPayload.length;
        byte[] f = new byte[size];
        f[0] = (byte) size;
        f[1] = (byte) (size >> 8);
        f[2] = 7;
        f[4] = 1; // playerId 1, little-endian
        System.arraycopy(cChatPayload, 0, f, 8, cChatPayload.length);
        return f;
    }
}
