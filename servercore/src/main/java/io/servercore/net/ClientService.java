package io.servercore.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A service that connects sessions to a server (the course's Connector): each
 * {@link #connect()} opens a channel, connects it asynchronously and, once connected, gives
 * the session the same life a server-side session has.
 *
 * <p>Thread safety: as {@link Service}. Connects that are still pending when the service
 * closes are abandoned and their futures fail.
 */
public final class ClientService extends Service {
    private final InetSocketAddress remote;
    private final Set<AsynchronousSocketChannel> connecting = ConcurrentHashMap.newKeySet();

    private ClientService(IoCore core, ServiceConfig config, Supplier<? extends Session> factory) {
        super(core, config, factory);
        this.remote = new InetSocketAddress(config.host(), config.port());
    }

    /** A client service that connects to the config's {@code host:port}. */
    public static ClientService create(IoCore core, ServiceConfig config, Supplier<? extends Session> factory) {
        if (config.port() == 0) {
            throw new IllegalArgumentException("port=0: a client needs the server's port, min=1, max=65535");
        }
        ClientService service = new ClientService(core, config, factory);
        service.startIdleSweep();
        return service;
    }

    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** Starts {@code count} connects; see {@link #connect()}. */
    public List<CompletableFuture<Session>> connect(int count) {
        List<CompletableFuture<Session>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            futures.add(connect());
        }
        return futures;
    }

    /**
     * Connects one session. The future completes with the session after its
     * {@code onConnected} ran, or fails with the reason the connect did not happen
     * (refused, unreachable, service closed or at {@code maxSessions}).
     */
    public CompletableFuture<Session> connect() {
        CompletableFuture<Session> result = new CompletableFuture<>();
        if (!reserveSlot(remote.toString())) {
            result.completeExceptionally(new ConnectException("cannot connect to " + remote + ": "
                    + (isClosed() ? "service closed" : "maxSessions=" + config().maxSessions() + " reached")));
            return result;
        }
        AsynchronousSocketChannel channel;
        try {
            channel = AsynchronousSocketChannel.open(core().group());
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException | RuntimeException e) {
            releaseSlot();
            result.completeExceptionally(e);
            return result;
        }
        connecting.add(channel);
        try {
            channel.connect(remote, result, new ConnectHandler(channel));
        } catch (RuntimeException e) {
            new ConnectHandler(channel).failed(e, result);
        }
        return result;
    }

    /** Stops connecting, abandons pending connects, disconnects every session. */
    @Override
    public void close() {
        super.close();
        for (AsynchronousSocketChannel channel : connecting) {
            closeQuietly(channel);
        }
    }

    @Override
    public String toString() {
        return "ClientService(" + remote + ")";
    }

    private final class ConnectHandler implements CompletionHandler<Void, CompletableFuture<Session>> {
        private final AsynchronousSocketChannel channel;

        ConnectHandler(AsynchronousSocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public void completed(Void unused, CompletableFuture<Session> result) {
            connecting.remove(channel);
            Session session = startSession(channel);
            if (session == null) {
                result.completeExceptionally(new ConnectException("session factory failed for " + remote));
            } else {
                result.complete(session);
            }
        }

        @Override
        public void failed(Throwable cause, CompletableFuture<Session> result) {
            connecting.remove(channel);
            closeQuietly(channel);
            releaseSlot();
            ConnectException failure = new ConnectException("cannot connect to " + remote + ": " + cause.getMessage());
            failure.initCause(cause);
            result.completeExceptionally(failure);
        }
    }
}
