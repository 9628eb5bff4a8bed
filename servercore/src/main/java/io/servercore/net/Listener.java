package io.servercore.net;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accept loop of a {@link ServerService}: one accept outstanding at a time (NIO.2 allows
 * no more), re-armed when it completes. A failed accept never ends the loop: it is logged at
 * most once a second and the accept is re-armed after a short pause, so that running out of
 * file descriptors does not spin a core and the loop resumes when the cause passes.
 *
 * <p>Threading: completions run on I/O threads, one at a time since only one accept is
 * outstanding; {@link #close()} may be called from any thread.
 */
final class Listener implements CompletionHandler<AsynchronousSocketChannel, Void> {
    private static final Logger log = LoggerFactory.getLogger(Listener.class);
    private static final long RETRY_MILLIS = 50;

    private final ServerService service;
    private final AsynchronousServerSocketChannel channel;
    private final InetSocketAddress localAddress;
    private final LogLimiter failureLog = new LogLimiter(1, TimeUnit.SECONDS);

    private Listener(ServerService service, AsynchronousServerSocketChannel channel) throws IOException {
        this.service = service;
        this.channel = channel;
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
    }

    /** Binds with the configured backlog; a taken port fails here, naming the address. */
    static Listener open(ServerService service) throws IOException {
        ServiceConfig config = service.config();
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        if (address.isUnresolved()) {
            throw new IOException("cannot listen on " + config.host() + ":" + config.port() + ": unknown host");
        }
        AsynchronousServerSocketChannel channel = AsynchronousServerSocketChannel.open(service.core().group());
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, config.backlog());
            return new Listener(service, channel);
        } catch (BindException e) {
            Service.closeQuietly(channel);
            throw new BindException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            Service.closeQuietly(channel);
            throw e;
        }
    }

    InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * Starts the accept loop. Runs the retry path's scheduling once first: when descriptors run
     * out, a class loader reading from a directory cannot open class files either, and a retry
     * path that still had a class to load would end the loop for good.
     */
    void start() {
        service.core().timer().schedule(this::accept, 0, TimeUnit.MILLISECONDS).cancel();
        accept();
    }

    void accept() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.accept(null, this);
        } catch (RuntimeException e) {
            // The group shut down under us; nothing is left to accept for.
            log.debug("{}: accept loop stopped: {}", service, e.toString());
        }
    }

    @Override
    public void completed(AsynchronousSocketChannel accepted, Void unused) {
        try {
            service.accepted(accepted);
        } catch (Throwable t) {
            log.error("{}: handling an accepted connection failed", service, t);
            Service.closeQuietly(accepted);
        }
        accept();
    }

    @Override
    public void failed(Throwable cause, Void unused) {
        if (cause instanceof AsynchronousCloseException || !channel.isOpen()) {
            return;
        }
        long held = failureLog.tryAcquire();
        if (held >= 0) {
            log.warn("{}: accept failed: {}; retrying in {} ms{}", service, cause.toString(), RETRY_MILLIS,
                    held > 0 ? " (" + held + " more failures since the last line)" : "");
        }
        try {
            service.core().timer().schedule(this::accept, RETRY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RuntimeException | LinkageError e) {
            log.debug("{}: accept loop stopped: {}", service, e.toString());
        }
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("{}: closing the listener failed", service, e);
        }
    }
}
