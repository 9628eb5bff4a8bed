package io.servercore.pdl;

import static io.servercore.packet.PacketBytes.encode;
import static io.servercore.packet.PacketBytes.payload;
import static io.servercore.packet.PacketBytes.payloadBytes;
import static io.servercore.packet.PacketBytes.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.servercore.packet.MalformedPacketException;
import io.servercore.packet.Packet;
import io.servercore.pdl.ProtocolFiles.GeneratedPacket;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random and mutated payloads for every packet of both PDL files: the parser either returns a
 * packet or throws {@link MalformedPacketException}, never anything else. A payload it accepts
 * must also be the packet's one encoding: writing the parsed packet gives the same bytes.
 *
 * <p>The seed is printed in every failure; {@code -Dpdl.fuzz.seed=N} replays it.
 * Single-threaded.
 */
class PayloadFuzzTest {
    private static final int ROUNDS = 100_000;

    static Stream<GeneratedPacket> packets() throws Exception {
        return Stream.concat(
                ProtocolFiles.packets(ProtocolFiles.CHAT, ProtocolFiles.CHAT_PACKAGE).stream(),
                ProtocolFiles.packets(ProtocolFiles.TEST_TYPES, ProtocolFiles.TEST_TYPES_PACKAGE).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packets")
    void randomPayloadsParseOrAreRejectedAsMalformed(GeneratedPacket packet) {
        long seed = seed();
        Random random = new Random(seed);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] payload = new byte[random.nextInt(random.nextInt(8) == 0 ? 300 : 40)];
            for (int i = 0; i < payload.length; i++) {
                // Small numbers make plausible counts and lengths; the rest is noise.
                payload[i] = random.nextInt(3) == 0 ? (byte) random.nextInt(4) : (byte) random.nextInt();
            }
            check(packet, payload, seed, round);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packets")
    void mutatedValidPayloadsParseOrAreRejectedAsMalformed(GeneratedPacket packet) throws Throwable {
        long seed = seed();
        Random random = new Random(seed);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] valid = validPayload(packet.model().fields(), random);
            if (round % 16 == 0) {
                // Now and then make sure the generator's idea of valid is the parser's.
                assertEquals(toHex(valid), toHex(payloadBytes(encode(packet.parse(payload(valid))))),
                        "seed=" + seed + " round=" + round);
            }
            check(packet, mutate(valid, random), seed, round);
        }
    }

    private static void check(GeneratedPacket packet, byte[] payload, long seed, int round) {
        Packet parsed;
        try {
            parsed = packet.parse(payload(payload));
        } catch (MalformedPacketException e) {
            return;
        } catch (Throwable t) {
            throw new AssertionError(packet + " threw " + t + " for payload " + toHex(payload) + " (seed=" + seed
                    + " round=" + round + "; replay with -Dpdl.fuzz.seed=" + seed + ")", t);
        }
        byte[] again = payloadBytes(encode(parsed));
        if (!Arrays.equals(payload, again)) {
            fail(packet + " accepted " + toHex(payload) + " but writes it as " + toHex(again) + " (seed=" + seed
                    + " round=" + round + ")");
        }
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] bytes = valid.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(3); flips > 0 && bytes.length > 0; flips--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> bytes = Arrays.copyOf(bytes, bytes.length == 0 ? 0 : random.nextInt(bytes.length));
            case 2 -> {
                bytes = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(4));
                bytes[bytes.length - 1] = (byte) random.nextInt();
            }
            case 3 -> {
                if (bytes.length > 0) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt();
                }
            }
            default -> {
                if (bytes.length > 1) {
                    // A huge count or length in the middle of the payload.
                    int at = random.nextInt(bytes.length - 1);
                    bytes[at] = (byte) 0xff;
                    bytes[at + 1] = (byte) 0xff;
                }
            }
        }
        return bytes;
    }

    /** A random payload that follows docs/protocol.md section 2 for {@code fields}. */
    private static byte[] validPayload(List<PdlField> fields, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeFields(fields, random, out);
        return out.toByteArray();
    }

    private static void writeFields(List<PdlField> fields, Random random, ByteArrayOutputStream out) {
        for (PdlField field : fields) {
            switch (field.type()) {
                case BOOL -> out.write(random.nextInt(2));
                case BYTE -> randomBytes(out, random, 1);
                case SHORT, USHORT -> randomBytes(out, random, 2);
                case INT, UINT, FLOAT -> randomBytes(out, random, 4);
                case LONG, DOUBLE -> randomBytes(out, random, 8);
                case STRING -> {
                    byte[] utf8 = randomString(random).getBytes(StandardCharsets.UTF_8);
                    u16(out, utf8.length);
                    out.writeBytes(utf8);
                }
                case LIST -> {
                    int count = random.nextInt(4);
                    u16(out, count);
                    for (int i = 0; i < count; i++) {
                        writeFields(field.fields(), random, out);
                    }
                }
            }
        }
    }

    private static String randomString(Random random) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(6); n > 0; n--) {
            int[] starts = {0x20, 0x80, 0x800, 0xE000, 0x10000};
            int cp = starts[random.nextInt(starts.length)] + random.nextInt(0x80);
            s.appendCodePoint(cp);
        }
        return s.toString();
    }

    private static void randomBytes(ByteArrayOutputStream out, Random random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        out.writeBytes(bytes);
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value);
        out.write(value >>> 8);
    }

    private static long seed() {
        return Long.getLong("pdl.fuzz.seed", System.nanoTime());
    }
}
