package io.servercore.dummyclient.config;

import java.util.List;
import java.util.StringJoiner;

/**
 * The attacks of one run, checked against {@link SwarmFlags}: every value is allowed once an
 * instance exists. No modes means no attack.
 *
 * <p>Immutable and thread-safe.
 *
 * @param modes               the attacks, each at most once, in the order given
 * @param attackers           hostile connections per attack, open at once
 * @param cycleRate           malformed, reset, churn: connections a second per attacker
 * @param floodRate           flood: packets a second per attacker
 * @param dripIntervalSeconds drip: seconds between two bytes
 */
public record AttackConfig(List<AttackMode> modes, int attackers, double cycleRate, double floodRate,
                    double dripIntervalSeconds) {
    static final AttackConfig NONE = new AttackConfig(List.of(), 10, 2, 2000, 1);

    public AttackConfig {
        modes = List.copyOf(modes);
        if (modes.stream().distinct().count() != modes.size()) {
            StringJoiner given = new StringJoiner(",");
            modes.forEach(m -> given.add(m.flag));
            throw SwarmFlags.ATTACK.allowing("each attack at most once").invalid(given);
        }
        SwarmFlags.ATTACKERS.check(attackers);
        SwarmFlags.CYCLE_RATE.check(cycleRate);
        SwarmFlags.FLOOD_RATE.check(floodRate);
        SwarmFlags.DRIP_INTERVAL.check(dripIntervalSeconds);
    }

    public boolean any() {
        return !modes.isEmpty();
    }
}
