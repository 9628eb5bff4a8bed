package io.servercore.net;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
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
