package io.servercore.pdl;

import io.servercore.packet.Packet;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PDL files the build generates test sources from, and their generated packet classes
 * found through the parsed model, so that a test covers every packet the file has, including
 * ones added later.
 *
 * <p>Stateless; any thread.
 */
final class ProtocolFiles {
    /** The project's protocol, generated into {@code io.servercore.chat}. Tests run in the module's folder. */
    static final Path CHAT = Path.of("../protocol/chat.pdl.xml");
    static final String CHAT_PACKAGE = "io.servercore.chat";
    /** Every type and nested lists, generated into {@code io.servercore.pdl.testtypes}. */
    static final Path TEST_TYPES = Path.of("src/test/resources/pdl/testtypes.pdl.xml");
    static final String TEST_TYPES_PACKAGE = "io.servercore.pdl.testtypes";

    private ProtocolFiles() {
    }

    static PdlDocument parse(Path pdl) throws IOException, PdlException {
        try (InputStream in = Files.newInputStream(pdl)) {
            return PdlParser.read(pdl.toString(), in);
        }
    }

    /** Every packet of {@code pdl} with its generated class's {@code read}. */
    static List<GeneratedPacket> packets(Path pdl, String javaPackage) throws Exception {
        List<GeneratedPacket> packets = new ArrayList<>();
        for (PdlPacket packet : parse(pdl).packets()) {
            Class<?> type = Class.forName(javaPackage + "." + packet.name());
            MethodHandle read = MethodHandles.publicLookup()
                    .findStatic(type, "read", MethodType.methodType(type, ByteBuffer.class))
                    .asType(MethodType.methodType(Packet.class, ByteBuffer.class));
            packets.add(new GeneratedPacket(packet, read));
        }
        return packets;
    }

    /** A packet's model and its generated parser. */
    record GeneratedPacket(PdlPacket model, MethodHandle read) {
        Packet parse(ByteBuffer payload) throws Throwable {
            return (Packet) read.invokeExact(payload);
        }

        @Override
        public String toString() {
            return model.name();
        }
    }
}
