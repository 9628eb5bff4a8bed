package io.servercore.pdl;

import java.util.List;

/**
 * Generates one side's packet handler interface and packet manager.
 *
 * <p>The handler has one abstract {@code handle} overload per packet the side receives, so a
 * module that forgets one does not compile. The manager dispatches with a {@code switch} on
 * the id, which javac turns into a jump table: no map lookup, no reflection, no boxing. Only
 * parsing sits inside the {@code try}, so a {@code MalformedPacketException} thrown by a
 * handler propagates like any other handler exception instead of passing for the peer's fault.
 *
 * <p>Stateless; every method may be called from any thread.
 */
final class ManagerGenerator {
    private ManagerGenerator() {
    }

    /** The source of {@code side}'s handler interface. */
    static String handler(PdlDocument document, Side side, String javaPackage) {
        SourceWriter out = new SourceWriter().header(document.source(), javaPackage)
                .line("import io.servercore.net.PacketSession;")
                .line("")
                .line("/**")
                .line(" * The " + side.noun() + "'s handlers for the "
                        + side.direction + " packets of " + document.source() + ": one")
                .line(" * method per " + prefixes(document, side) + " packet, so a packet without a handler does not compile.")
                .line(" * {@link " + side.managerClass() + "} parses each frame and calls its method.")
                .line(" *")
                .line(" * <p>Threading: called on the thread that dispatches, one frame at a time per session.")
                .line(" *")
                .line(" * @param <S> the session type")
                .line(" */")
                .open("public interface " + side.handlerClass() + "<S extends PacketSession>");
        boolean first = true;
        for (PdlPacket packet : received(document, side)) {
            if (!first) {
                out.line("");
            }
            first = false;
            out.line("/** Handles {@link " + packet.name() + "}, id " + packet.id() + ". */")
                    .line("void handle(S session, " + packet.name() + " packet);");
        }
        return out.close().toString();
    }

    /** The source of {@code side}'s packet manager. */
    static String manager(PdlDocument document, Side side, String javaPackage) {
        String manager = side.managerClass();
        String handler = side.handlerClass() + "<S>";
        SourceWriter out = new SourceWriter().header(document.source(), javaPackage)
                .line("import io.servercore.net.PacketSession;")
                .line("import io.servercore.packet.MalformedPacketException;")
                .line("import io.servercore.packet.ViolationHandler;")
                .line("import java.nio.ByteBuffer;")
                .line("import java.util.Objects;")
                .line("")
                .line("/**")
                .line(" * Dispatches the frames the " + side.noun()
                        + " receives: parses each " + side.direction + " packet of")
                .line(" * " + document.source() + " and calls its {@link " + side.handlerClass() + "} method. An id of the other side,")
                .line(" * an unknown id or a malformed payload is reported as a violation instead, which by default")
                .line(" * closes the session.")
                .line(" *")
                .line(" * <p>Immutable and thread-safe: one manager may serve every session on every thread.")
                .line(" *")
                .line(" * @param <S> the session type")
                .line(" */")
                .open("public final class " + manager + "<S extends PacketSession>")
                .line("private final " + handler + " handler;")
                .line("private final ViolationHandler<? super S> violations;")
                .line("")
                .line("/** Reports violations with {@link PacketSession#violation(String)}, which closes the session. */")
                .open("public " + manager + "(" + handler + " handler)")
                .line("this(handler, PacketSession::violation);")
                .close()
                .line("")
                .line("/** Reports violations to {@code violations}, e.g. to count them before closing the session. */")
                .open("public " + manager + "(" + handler + " handler, ViolationHandler<? super S> violations)")
                .line("this.handler = Objects.requireNonNull(handler, \"handler\");")
                .line("this.violations = Objects.requireNonNull(violations, \"violations\");")
                .close()
                .line("")
                .line("/**")
                .line(" * Parses one frame's payload (as {@code PacketSession.onRecvPacket} gets it) and calls its")
                .line(" * handler, on this thread. Exceptions of the handler propagate.")
                .line(" */")
                .open("public void dispatch(S session, int id, ByteBuffer payload)")
                .open("switch (id)");
        for (PdlPacket packet : received(document, side)) {
            String name = packet.name();
            out.open("case " + name + ".ID ->")
                    .line(name + " packet;")
                    .open("try")
                    .line("packet = " + name + ".read(payload);")
                    .next("catch (MalformedPacketException e)")
                    .line("violations.violation(session, \"" + describe(packet) + ": \" + e.getMessage());")
                    .line("return;")
                    .close()
                    .line("handler.handle(session, packet);")
                    .close();
        }
        for (PdlPacket packet : received(document, side.other())) {
            out.line("case " + packet.name() + ".ID -> violations.violation(session,")
                    .line(SourceWriter.CONTINUATION + "\"" + describe(packet) + " is " + side.other().direction + "; "
                            + side.peer + " may not send it\");");
        }
        out.line("default -> violations.violation(session, \"unknown packet id \" + id);");
        return out.close().close().close().toString();
    }

    /** The name prefixes of the packets {@code side} receives in {@code document}, each as javadoc code. */
    private static String prefixes(PdlDocument document, Side side) {
        List<String> used = side.prefixes.stream()
                .filter(prefix -> received(document, side).stream().anyMatch(p -> side.prefixOf(p.name()).equals(prefix)))
                .map(prefix -> "{@code " + prefix + "}")
                .toList();
        return used.isEmpty() ? "{@code " + side.prefixes.get(0) + "}" : String.join(" or ", used);
    }

    private static List<PdlPacket> received(PdlDocument document, Side side) {
        return document.packets().stream().filter(side::receives).toList();
    }

    private static String describe(PdlPacket packet) {
        return "packet id " + packet.id() + " (" + packet.name() + ")";
    }
}
