package io.servercore.net;

import io.servercore.buffer.SendBufferManager;
import io.servercore.packet.PacketHeader;

/**
 * The settings of one {@link Service}, checked when built: a value out of range fails with a
 * message that names the setting, the value and what is allowed.
 *
 * <p>Immutable and thread-safe once built. Make one with {@link #builder()}.
 */
public final class ServiceConfig {
    /** Accept backlog passed to {@code bind}; the JDK's own default of 50 drops bursts of connects. */
    public static final int DEFAULT_BACKLOG = 1024;
    public static final int DEFAULT_MAX_SESSIONS = 10_000;
    /** The inbound frame limit of the protocol, header included. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 4096;
    public static final long DEFAULT_OUTBOUND_LIMIT = 4L * 1024 * 1024;
    /**
     * Slices one session may have queued. The byte limit is the one that normally trips; this
     * one bounds the queue's own memory, and at a million slices it is not reached before 4 MiB
     * of the smallest (4-byte) frames.
     */
    public static final int DEFAULT_SEND_QUEUE_CAPACITY = 1 << 20;
    /**
     * The receive buffer a session starts with. NIO.2 keeps a buffer in every pending read, so
     * an idle session holds this much direct memory; it grows when frames need more.
     */
    public static final int DEFAULT_RECV_BUFFER_SIZE = 256;
    /** Queued bytes above which a session reports itself unwritable; Netty's default. */
    public static final long DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK = 64 * 1024;
    /** Queued bytes below which an unwritable session reports itself writable again; Netty's default. */
    public static final long DEFAULT_WRITE_BUFFER_LOW_WATER_MARK = 32 * 1024;

    private final String host;
    private final int port;
    private final int backlog;
    private final int maxSessions;
    private final int maxFrameSize;
    private final int recvBufferSize;
    private final int maxRecvBufferSize;
    private final long outboundLimit;
    private final int sendQueueCapacity;
    private final long writeBufferHighWaterMark;
    private final long writeBufferLowWaterMark;
    private final long idleTimeoutMillis;
    private final SendBufferManager pool;

    private ServiceConfig(Builder b) {
        host = b.host;
        port = b.port;
        backlog = b.backlog;
        maxSessions = b.maxSessions;
        maxFrameSize = b.maxFrameSize;
        recvBufferSize = b.recvBufferSize;
        maxRecvBufferSize = Math.max(b.recvBufferSize, Math.max(2 * b.maxFrameSize, 8192));
        outboundLimit = b.outboundLimit;
        sendQueueCapacity = b.sendQueueCapacity;
        writeBufferHighWaterMark = b.writeBufferHighWaterMark;
        writeBufferLowWaterMark = b.writeBufferLowWaterMark;
        idleTimeoutMillis = b.idleTimeoutMillis;
        pool = b.pool;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Address to listen on (server) or connect to (client). */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int backlog() {
        return backlog;
    }

    public int maxSessions() {
        return maxSessions;
    }

    /** Largest frame a {@link PacketSession} accepts, header included. */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /** The receive buffer a session starts with; it grows on demand to {@link #maxRecvBufferSize()}. */
    public int recvBufferSize() {
        return recvBufferSize;
    }

    /** What a receive buffer may grow to: twice the frame limit, at least 8 KiB. */
    public int maxRecvBufferSize() {
        return maxRecvBufferSize;
    }

    /** Bytes queued for one session beyond which it is cut. */
    public long outboundLimit() {
        return outboundLimit;
    }

    /** Slices queued for one session beyond which it is cut. */
    public int sendQueueCapacity() {
        return sendQueueCapacity;
    }

    /** Queued bytes above which {@link Session#isWritable()} turns false. */
    public long writeBufferHighWaterMark() {
        return writeBufferHighWaterMark;
    }

    /** Queued bytes below which {@link Session#isWritable()} turns true again. */
    public long writeBufferLowWaterMark() {
        return writeBufferLowWaterMark;
    }

    /** Time without a complete frame (or, for a plain {@link Session}, any byte) before a session is cut; 0 = never. */
    public long idleTimeoutMillis() {
        return idleTimeoutMillis;
    }

    public SendBufferManager pool() {
        return pool;
    }

    public Builder toBuilder() {
        return new Builder().host(host).port(port).backlog(backlog).maxSessions(maxSessions)
                .maxFrameSize(maxFrameSize).recvBufferSize(recvBufferSize).outboundLimit(outboundLimit)
                .sendQueueCapacity(sendQueueCapacity).writeBufferWaterMark(writeBufferLowWaterMark, writeBufferHighWaterMark)
                .idleTimeoutMillis(idleTimeoutMillis).pool(pool);
    }

    /** Collects settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port;
        private int backlog = DEFAULT_BACKLOG;
        private int maxSessions = DEFAULT_MAX_SESSIONS;
        private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
        private int recvBufferSize = DEFAULT_RECV_BUFFER_SIZE;
        private long outboundLimit = DEFAULT_OUTBOUND_LIMIT;
        private int sendQueueCapacity = DEFAULT_SEND_QUEUE_CAPACITY;
        private long writeBufferHighWaterMark = DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK;
        private long writeBufferLowWaterMark = DEFAULT_WRITE_BUFFER_LOW_WATER_MARK;
        private long idleTimeoutMillis;
        private SendBufferManager pool = SendBufferManager.shared();

        private Builder() {
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        /** 0 to 65,535; 0 lets the system pick a free port (server side). */
        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder backlog(int value) {
            backlog = value;
            return this;
        }

        public Builder maxSessions(int value) {
            maxSessions = value;
            return this;
        }

        /** 4 to 65,535 bytes, header included. */
        public Builder maxFrameSize(int value) {
            maxFrameSize = value;
            return this;
        }

        /** Bytes a session's receive buffer starts with, 64 to 2^26; it grows on demand. */
        public Builder recvBufferSize(int value) {
            recvBufferSize = value;
            return this;
        }

        public Builder outboundLimit(long value) {
            outboundLimit = value;
            return this;
        }

        public Builder sendQueueCapacity(int value) {
            sendQueueCapacity = value;
            return this;
        }

        /**
         * Queued bytes at which a session turns unwritable ({@code high}, 1 or more) and writable
         * again ({@code low}, 0 to {@code high}), as Netty's {@code WriteBufferWaterMark}.
         */
        public Builder writeBufferWaterMark(long low, long high) {
            writeBufferLowWaterMark = low;
            writeBufferHighWaterMark = high;
            return this;
        }

        public Builder idleTimeoutMillis(long value) {
            idleTimeoutMillis = value;
            return this;
        }

        public Builder pool(SendBufferManager value) {
            pool = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting out of range */
        public ServiceConfig build() {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host='" + host + "': must be a host name or address");
            }
            range("port", port, 0, 0xFFFF);
            range("backlog", backlog, 1, Integer.MAX_VALUE);
            range("maxSessions", maxSessions, 1, Integer.MAX_VALUE);
            range("maxFrameSize", maxFrameSize, PacketHeader.HEADER_LENGTH, PacketHeader.MAX_FRAME_SIZE);
            range("recvBufferSize", recvBufferSize, 64, 1 << 26);
            range("outboundLimit", outboundLimit, 1, Long.MAX_VALUE);
            range("sendQueueCapacity", sendQueueCapacity, 32, 1 << 30);
            range("writeBufferHighWaterMark", writeBufferHighWaterMark, 1, Long.MAX_VALUE);
            range("writeBufferLowWaterMark", writeBufferLowWaterMark, 0, writeBufferHighWaterMark);
            range("idleTimeoutMillis", idleTimeoutMillis, 0, Long.MAX_VALUE);
            if (pool == null) {
                throw new IllegalArgumentException("pool=null: a SendBufferManager is required");
            }
            return new ServiceConfig(this);
        }

        private static void range(String name, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + "=" + value + " is out of range, min=" + min + ", max=" + max);
            }
        }
    }
}
