package io.servercore.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousSocketChannel;
import java.util.function.Supplier;

/**
 * A service that accepts connections on {@code host:port} and makes a session for each,
 * up to {@code maxSessions}; a connection beyond that is closed at once.
 *
 * <pre>{@code
 * try (IoCore core = new IoCore(2);
 *      ServerService server = ServerService.start(core, ServiceConfig.builder().port(7777).build(), EchoSession::new)) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread safety: as {@link Service}.
 */
public final class ServerService extends Service {
    private final Listener listener;

    private ServerService(IoCore core, ServiceConfig config, Supplier<? extends Session> factory) throws IOException {
        super(core, config, factory);
        this.listener = Listener.open(this);
    }

    /**
     * Binds and starts accepting.
     *
     * @throws java.net.BindException naming the address when it cannot be bound (in use, not local)
     */
    public static ServerService start(IoCore core, ServiceConfig config, Supplier<? extends Session> factory)
            throws IOException {
        ServerService service = new ServerService(core, config, factory);
        service.startIdleSweep();
        service.listener.start();
        return service;
    }

    /** The bound address; with port 0 in the config, this tells which port the system picked. */
    public InetSocketAddress localAddress() {
        return listener.localAddress();
    }

    void accepted(AsynchronousSocketChannel channel) {
        String peer = "?";
        try {
            peer = String.valueOf(channel.getRemoteAddress());
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            closeQuietly(channel); // reset before we got to it
            return;
        }
        if (!reserveSlot(peer)) {
            closeQuietly(channel);
            return;
        }
        startSession(channel);
    }

    /**
     * Stops accepting new connections and leaves the open sessions be: the first step of a
     * graceful shutdown, before the sessions are told and closed.
     */
    public void stopAccepting() {
        listener.close();
    }

    /** Stops accepting, then disconnects every session. */
    @Override
    public void close() {
        listener.close();
        super.close();
    }

    @Override
    public String toString() {
        return "ServerService(" + listener.localAddress() + ")";
    }
}
