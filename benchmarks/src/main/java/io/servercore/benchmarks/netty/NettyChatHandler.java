package io.servercore.benchmarks.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel's end of the chat protocol: checks each frame (cut by the
 * {@code LengthFieldBasedFrameDecoder} in front of it), applies the rate limit and the argument
 * rules of docs/protocol.md section 4, and hands room work to the room's executor.
 *
 * <p>Answers to a read (S_Pong, the rate limit's S_Error) go out once per read burst either
 * way, as the variant wants it written: with a {@code FlushConsolidationHandler} in front, each
 * is written and flushed and the handler holds the flushes until {@code channelReadComplete}
 * (a flush of our own there would come after the handler's and cost it a task); without one,
 * each is only written and this handler flushes at {@code channelReadComplete}.
 *
 * <p>Threading: one instance per channel, called on the channel's event loop; {@link #room}
 * and the token bucket are touched only there.
 */
final class NettyChatHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(NettyChatHandler.class);
    private static final AtomicInteger NEXT_PLAYER_ID = new AtomicInteger();

    private final NettyChatServer server;
    private final boolean consolidated;
    private final int playerId = NEXT_PLAYER_ID.incrementAndGet();
    private NettyRoom room;
    private double tokens;
    private long lastRefill = System.nanoTime();

    NettyChatHandler(NettyChatServer server) {
        this.server = server;
        this.consolidated = server.variant == NettyChatServer.Variant.CONSOLIDATED;
        this.tokens = server.packetBurst;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            if (frame.readableBytes() < NettyCodec.HEADER) {
                throw new NettyCodec.Malformed("invalid frame: size=" + frame.readableBytes() + ", min=4");
            }
            frame.skipBytes(2);
            int id = frame.readUnsignedShortLE();
            if (!admit()) {
                answer(ctx, NettyCodec.error(ctx.alloc(), 3, "rate limited; packet " + id + " dropped"));
                return;
            }
            dispatch(ctx, id, frame);
        } catch (NettyCodec.Malformed e) {
            violation(ctx, e.getMessage());
        } finally {
            frame.release();
        }
    }

    private void dispatch(ChannelHandlerContext ctx, int id, ByteBuf in) {
        Channel ch = ctx.channel();
        switch (id) {
            case 1: {
                String roomName = NettyCodec.readString(in, "C_EnterRoom.room");
                String name = NettyCodec.readString(in, "C_EnterRoom.name");
                NettyCodec.end(in, "C_EnterRoom");
                if (!validName(roomName) || !validName(name)) {
                    error(ch, 1, "room and name must be 1 to 32 bytes of UTF-8 without control characters");
                    return;
                }
                leaveRoom(ch);
                room = server.enter(ch, roomName, playerId, name);
                return;
            }
            case 4:
                NettyCodec.end(in, "C_LeaveRoom");
                NettyRoom current = room;
                if (current == null) {
                    error(ch, 2, "not in a room");
                } else {
                    room = null;
                    current.executor.execute(() -> {
                        if (!current.leave(ch)) {
                            error(ch, 2, "not in a room");
                        }
                    });
                }
                return;
            case 6: {
                String chat = NettyCodec.readString(in, "C_Chat.chat");
                NettyCodec.end(in, "C_Chat");
                NettyRoom r = room;
                if (r == null) {
                    error(ch, 2, "not in a room");
                } else if (chat.getBytes(StandardCharsets.UTF_8).length > server.chatLimit) {
                    error(ch, 1, "chat too long");
                } else {
                    r.executor.execute(() -> {
                        if (!r.chat(ch, chat)) {
                            error(ch, 2, "not in a room");
                        }
                    });
                }
                return;
            }
            case 8: {
                float x = NettyCodec.readFloat(in, "C_Move.x");
                float y = NettyCodec.readFloat(in, "C_Move.y");
                float z = NettyCodec.readFloat(in, "C_Move.z");
                NettyCodec.end(in, "C_Move");
                NettyRoom r = room;
                if (r == null) {
                    error(ch, 2, "not in a room");
                } else if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z)) {
                    error(ch, 1, "position must be finite");
                } else {
                    r.executor.execute(() -> {
                        if (!r.move(ch, x, y, z)) {
                            error(ch, 2, "not in a room");
                        }
                    });
                }
                return;
            }
            case 10: {
                long time = NettyCodec.readLong(in, "C_Ping.time");
                NettyCodec.end(in, "C_Ping");
                answer(ctx, NettyCodec.pong(ctx.alloc(), time));
                return;
            }
            default:
                throw new NettyCodec.Malformed("packet id " + id + " is not a client packet");
        }
    }

    /** An answer to the frame being read: flushed once per read burst (see the class comment). */
    private void answer(ChannelHandlerContext ctx, ByteBuf msg) {
        if (consolidated) {
            ctx.writeAndFlush(msg, ctx.voidPromise());
        } else {
            ctx.write(msg, ctx.voidPromise());
        }
    }

    private void leaveRoom(Channel ch) {
        NettyRoom r = room;
        if (r != null) {
            room = null;
            r.executor.execute(() -> r.leave(ch));
        }
    }

    private boolean admit() {
        if (server.packetRate == 0) {
            return true;
        }
        long now = System.nanoTime();
        tokens = Math.min(server.packetBurst, tokens + (now - lastRefill) * server.packetRate / 1e9);
        lastRefill = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    private static void error(Channel ch, int code, String message) {
        ch.writeAndFlush(NettyCodec.error(ch.alloc(), code, message));
    }

    static boolean validName(String s) {
        if (s.isEmpty() || s.getBytes(StandardCharsets.UTF_8).length > 32) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!consolidated) {
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        leaveRoom(ctx.channel());
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // The high water mark is the outbound limit: a peer that does not read is cut.
        if (!ctx.channel().isWritable()) {
            log.warn("{} closed: outbound limit exceeded", ctx.channel().remoteAddress());
            ctx.close();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            log.warn("{} closed: idle timeout", ctx.channel().remoteAddress());
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            violation(ctx, String.valueOf(cause.getMessage()));
        } else {
            log.debug("{} closed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    private static void violation(ChannelHandlerContext ctx, String detail) {
        log.warn("{} closed: protocol violation: {}", ctx.channel().remoteAddress(), detail);
        ctx.close();
    }
}
