package io.servercore.transport;

/**
 * A channel of a {@link LoopGroup}, as its loop and group see it: the attachment of its
 * selection key, and a member of the group's set of open channels.
 */
interface LoopChannel {
    /** Loop thread: the selector reports {@code readyOps} for this channel. */
    void onReady(int readyOps);

    /** Any thread: closes the channel, for shutdownNow and failed connects; never throws. */
    void closeQuietly();
}
