package io.servercore.net;

import io.servercore.testing.Await;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicInteger;

/** A server-side session that records what the engine did to it and when. */
class Probe extends PacketSession {
    final CountDownLatch connected = new CountDownLatch(1);
    final CountDownLatch reported = new CountDownLatch(1);
    final AtomicInteger disconnects = new AtomicInteger();
    final AtomicInteger framesReceived = new AtomicInteger();
    final AtomicInteger hooksAfterReport = new AtomicInteger();
    volatile Thread reportThread;
    volatile boolean ioIdleAtReport;
    volatile long queuedAtReport = -1;
    volatile DisconnectReason reason;

    /** A session factory that makes plain probes and records each in {@code probes}. */
    static Supplier<Probe> into(List<Probe> probes) {
        return () -> {
            Probe probe = new Probe();
            probes.add(probe);
            return probe;
        };
    }

    /** Waits until the {@code index}-th probe made exists and ran onConnected; returns it. */
    static Probe connected(List<Probe> probes, int index) {
        Await.until("session " + index + " connected",
                () -> probes.size() > index && probes.get(index).connected.getCount() == 0);
        return probes.get(index);
    }

    @Override
    protected void onConnected() {
        connected.countDown();
    }

    @Override
    protected void onRecvPacket(int id, ByteBuffer payload) {
        if (reported.getCount() == 0) {
            hooksAfterReport.incrementAndGet();
        }
        framesReceived.incrementAndGet();
    }

    @Override
    protected void onSend(long bytes) {
        if (reported.getCount() == 0) {
            hooksAfterReport.incrementAndGet();
        }
    }

    @Override
    protected void onDisconnected(DisconnectReason why) {
        reportThread = Thread.currentThread();
        ioIdleAtReport = ioIdle();
        queuedAtReport = queuedBytes();
        reason = why;
        disconnects.incrementAndGet();
        reported.countDown();
    }
}
