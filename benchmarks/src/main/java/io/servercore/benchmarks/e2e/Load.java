package io.servercore.benchmarks.e2e;

/**
 * What a scenario asks of the load generator, whichever {@link Generator} runs it: an echo
 * window, or a chat rate in rooms.
 *
 * <p>Immutable and thread-safe.
 *
 * @param chat     chat if true, else echo
 * @param sessions sessions opened
 * @param window   echo: C_Ping in flight per session
 * @param rooms    chat: rooms the sessions are dealt into
 * @param roomSize chat: members per room
 * @param rate     chat: chats a second per session
 * @param payload  chat: bytes of each chat
 */
record Load(boolean chat, int sessions, int window, int rooms, int roomSize, double rate, int payload) {
    static Load echo(Plan plan, int window) {
        return new Load(false, plan.sessions(), window, 0, 0, 0, 0);
    }

    static Load chat(Plan plan, double rate) {
        return new Load(true, plan.sessions(), 0, plan.rooms(), plan.roomSize(), rate, plan.payload());
    }
}
