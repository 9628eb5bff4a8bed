package io.servercore.benchmarks.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelMatchers;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.EventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A room as a competent Netty user writes one: its state lives on one {@link EventExecutor}
 * (every operation is {@code execute}d there, so it needs no lock), its members in a
 * {@link ChannelGroup}, and a broadcast is encoded once and written with
 * {@code group.writeAndFlush}, which hands a retained duplicate to each member's channel, with
 * void promises (no future per member and broadcast). The flush it asks for is each channel's
 * {@code FlushConsolidationHandler}'s to gather, in the consolidated variant.
 *
 * <p>Threading: every method runs on {@link #executor}.
 */
final class NettyRoom {
    private static final int ENTER_FIXED = NettyCodec.HEADER + 4 + 2 + 2;

    final String name;
    final EventExecutor executor;
    private final NettyChatServer server;
    private final ChannelGroup group;
    private final LinkedHashMap<Channel, Member> members = new LinkedHashMap<>();
    private final ByteBufAllocator alloc;

    private static final class Member {
        final int playerId;
        final String name;
        float x;
        float y;
        float z;

        Member(int playerId, String name) {
            this.playerId = playerId;
            this.name = name;
        }
    }

    NettyRoom(String name, EventExecutor executor, NettyChatServer server, ByteBufAllocator alloc) {
        this.name = name;
        this.executor = executor;
        this.server = server;
        this.alloc = alloc;
        this.group = new DefaultChannelGroup(name, executor);
    }

    /** Enters; false when full (the caller answers ROOM_FULL). */
    boolean enter(Channel ch, int playerId, String playerName) {
        if (members.size() >= server.roomCapacity) {
            return false;
        }
        sendMemberList(ch, playerId);
        broadcast(NettyCodec.broadcastEnter(alloc, playerId, playerName, 0, 0, 0));
        members.put(ch, new Member(playerId, playerName));
        group.add(ch);
        return true;
    }

    private void sendMemberList(Channel ch, int playerId) {
        int roomBytes = name.getBytes(StandardCharsets.UTF_8).length;
        List<Member> batch = new ArrayList<>();
        int size = ENTER_FIXED + roomBytes;
        for (Member m : members.values()) {
            int entry = 18 + m.name.getBytes(StandardCharsets.UTF_8).length;
            if (size + entry > 0xFFFF) {
                ch.write(enterRoom(playerId, batch));
                batch.clear();
                size = ENTER_FIXED + roomBytes;
            }
            batch.add(m);
            size += entry;
        }
        ch.writeAndFlush(enterRoom(playerId, batch));
    }

    private ByteBuf enterRoom(int playerId, List<Member> batch) {
        int payload = 4 + NettyCodec.stringSize(name) + 2;
        for (Member m : batch) {
            payload += 4 + NettyCodec.stringSize(m.name) + 12;
        }
        ByteBuf out = NettyCodec.frame(alloc, 2, payload).writeIntLE(playerId);
        NettyCodec.writeString(out, name);
        out.writeShortLE(batch.size());
        for (Member m : batch) {
            out.writeIntLE(m.playerId);
            NettyCodec.writeString(out, m.name);
            out.writeFloatLE(m.x).writeFloatLE(m.y).writeFloatLE(m.z);
        }
        return out;
    }

    /** Leaves; returns whether the channel was a member. Retires the room when it empties. */
    boolean leave(Channel ch) {
        Member gone = members.remove(ch);
        if (gone == null) {
            return false;
        }
        group.remove(ch);
        broadcast(NettyCodec.broadcastLeave(alloc, gone.playerId));
        if (members.isEmpty()) {
            server.retire(this);
        }
        return true;
    }

    boolean chat(Channel ch, String chat) {
        Member m = members.get(ch);
        if (m == null) {
            return false;
        }
        broadcast(NettyCodec.chat(alloc, m.playerId, chat));
        return true;
    }

    boolean move(Channel ch, float x, float y, float z) {
        Member m = members.get(ch);
        if (m == null) {
            return false;
        }
        m.x = x;
        m.y = y;
        m.z = z;
        broadcast(NettyCodec.broadcastMove(alloc, m.playerId, x, y, z));
        return true;
    }

    private void broadcast(ByteBuf msg) {
        group.writeAndFlush(msg, ChannelMatchers.all(), true);
    }

    boolean isEmpty() {
        return members.isEmpty();
    }
}
