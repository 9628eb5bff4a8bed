package io.servercore.dummyclient.config;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * The hostile clients {@code --attack} can add beside the players, by the names the flag takes,
 * and how their connections are named in a room: {@value #NAME_PREFIX}, the attack, the
 * attacker's number. Players leave such names out of their room sizes ({@link #isAttacker}).
 *
 * <p>Immutable and thread-safe.
 */
public enum AttackMode {
    MALFORMED("malformed"),
    DRIP("drip"),
    FLOOD("flood"),
    NEVER_READ("never-read"),
    RESET("reset"),
    CHURN("churn");

    /** What every attacker's name in a room starts with. */
    static final String NAME_PREFIX = "atk-";

    /** The flag value, e.g. {@code never-read}. */
    public final String flag;

    AttackMode(String flag) {
        this.flag = flag;
    }

    /** The name the {@code index}-th attacker of this attack enters its room under. */
    public String attackerName(int index) {
        return NAME_PREFIX + flag + "-" + index;
    }

    /** Whether a player name is an attacker's. */
    public static boolean isAttacker(String name) {
        return name.startsWith(NAME_PREFIX);
    }

    /** The JSON key of its report section, e.g. {@code attackNeverRead}. */
    public String key() {
        StringBuilder key = new StringBuilder("attack");
        for (String word : flag.split("-")) {
            key.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
        }
        return key.toString();
    }

    /** @throws IllegalArgumentException naming {@code --attack}, the value and what is allowed */
    static AttackMode parse(String value) {
        for (AttackMode mode : values()) {
            if (mode.flag.equals(value)) {
                return mode;
            }
        }
        throw SwarmFlags.ATTACK.invalid(value);
    }

    /** {@code malformed|drip|...}. */
    static String allowed() {
        StringJoiner out = new StringJoiner("|");
        for (AttackMode mode : values()) {
            out.add(mode.flag);
        }
        return out.toString();
    }
}
