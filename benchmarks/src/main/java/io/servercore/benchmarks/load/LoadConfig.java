package io.servercore.benchmarks.load;

import java.nio.file.Path;

/**
 * One run of the neutral generator, checked by {@link LoadOptions}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param mode         chat or echo
 * @param host         the server's address
 * @param port         the server's port
 * @param sessions     sessions opened
 * @param roomSize     chat: members per room; session i goes to room i mod (sessions / roomSize)
 * @param rate         chat: chats a second each session sends
 * @param payload      chat: bytes of each chat's text
 * @param window       echo: C_Pings each session keeps in flight
 * @param seconds      seconds of load
 * @param warmUp       first seconds of load left out of the steady figures
 * @param drainSeconds after the load, how long to wait for what is still on its way
 * @param readySeconds how long connecting and entering the rooms may take
 * @param pollMicros   chat: how close to a due send the loop polls instead of sleeping in select
 * @param json         where the summary goes; null for nowhere
 */
record LoadConfig(Mode mode, String host, int port, int sessions, int roomSize, double rate, int payload, int window,
                  int seconds, int warmUp, int drainSeconds, int readySeconds, int pollMicros, Path json) {

    enum Mode {
        CHAT,
        ECHO
    }

    /** Rooms of a chat run; 0 for echo. */
    int rooms() {
        return mode == Mode.CHAT ? Math.max(1, sessions / roomSize) : 0;
    }

    /** The room of session {@code i}: dealt like cards. */
    int roomOf(int session) {
        return session % rooms();
    }

    /** Members of room {@code room}. */
    int members(int room) {
        int rooms = rooms();
        return sessions / rooms + (room < sessions % rooms ? 1 : 0);
    }

    /** The largest room's members. */
    int largestRoom() {
        return members(0);
    }

    /** Deliveries a second asked: each chat reaches every member of its room, the sender included. */
    double deliveriesAsked() {
        double squares = 0;
        for (int r = 0; r < rooms(); r++) {
            squares += (double) members(r) * members(r);
        }
        return rate * squares;
    }
}
