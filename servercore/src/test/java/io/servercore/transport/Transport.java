package io.servercore.transport;

import java.io.IOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.util.concurrent.ThreadFactory;

/**
 * The two providers the contract tests run against. A test that passes on both tests NIO.2's
 * contract, not an implementation's habits.
 */
enum Transport {
    /** The JDK's own provider (sun.nio.ch.EPollPort on Linux). */
    JDK {
        @Override
        AsynchronousChannelGroup open(int threads, ThreadFactory factory) throws IOException {
            return AsynchronousChannelGroup.withFixedThreadPool(threads, factory);
        }
    },
    /** servercore's LoopChannelProvider. */
    LOOP {
        @Override
        AsynchronousChannelGroup open(int threads, ThreadFactory factory) throws IOException {
            return new LoopChannelProvider().openAsynchronousChannelGroup(threads, factory);
        }
    };

    abstract AsynchronousChannelGroup open(int threads, ThreadFactory factory) throws IOException;
}
