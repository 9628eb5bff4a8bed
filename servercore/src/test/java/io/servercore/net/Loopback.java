package io.servercore.net;

import io.servercore.buffer.SendBuffer;
import io.servercore.buffer.SendBufferManager;
import io.servercore.packet.PacketHeader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/** An engine and a server on 127.0.0.1 with a system-picked port, for socket tests. */
final class Loopback implements AutoCloseable {
    final IoCore core;
    final ServerService server;

    private Loopback(IoCore core, ServerService server) {
        this.core = core;
        this.server = server;
    }

    static Loopback start(ServiceConfig.Builder config, Supplier<? extends Session> factory) throws IOException {
        return start(2, config, factory);
    }

    static Loopback start(int threads, ServiceConfig.Builder config, Supplier<? extends Session> factory)
            throws IOException {
        IoCore core = new IoCore("test-io", threads);
        try {
            return new Loopback(core, ServerService.start(core, config.host("127.0.0.1").port(0).build(), factory));
        } catch (IOException | RuntimeException e) {
            core.close();
            throw e;
        }
    }

    static Loopback start(Supplier<? extends Session> factory) throws IOException {
        return start(ServiceConfig.builder(), factory);
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.localAddress().getPort());
    }

    ClientService client(ServiceConfig.Builder config, Supplier<? extends Session> factory) {
        return ClientService.create(core, config.host("127.0.0.1").port(address().getPort()).build(), factory);
    }

    @Override
    public void close() {
        core.close();
    }

    /** Encodes one frame into a pooled slice. */
    static SendBuffer frame(int id, byte[] payload) {
        SendBufferManager pool = SendBufferManager.shared();
        ByteBuffer out = pool.open(PacketHeader.HEADER_LENGTH + payload.length);
        PacketHeader.write(out, 0, PacketHeader.HEADER_LENGTH + payload.length, id);
        out.position(PacketHeader.HEADER_LENGTH);
        out.put(payload);
        return pool.close(out.position());
    }

    /** Sends every frame back as it came. */
    static class EchoSession extends PacketSession {
        @Override
        protected void onRecvPacket(int id, ByteBuffer payload) {
            SendBufferManager pool = service().config().pool();
            int size = PacketHeader.HEADER_LENGTH + payload.remaining();
            ByteBuffer out = pool.open(size);
            PacketHeader.write(out, 0, size, id);
            out.position(PacketHeader.HEADER_LENGTH);
            out.put(payload);
            send(pool.close(size));
        }
    }
}
