package io.servercore.gameserver.cluster;

/**
 * One member of a room as a node's snapshot lists it: what S_EnterRoom tells a joiner about it.
 *
 * @param playerId its id, unique across the cluster
 * @param name     its name, 1 to 32 bytes of UTF-8
 */
public record MemberState(int playerId, String name, float x, float y, float z) {
}
