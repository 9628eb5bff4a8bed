package io.servercore.dummyclient;

import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Function;

/** The hostile clients {@code --attack} can add beside the players, and the class that plays each. */
enum AttackMode {
    MALFORMED("malformed", MalformedAttack::new),
    DRIP("drip", DripAttack::new),
    FLOOD("flood", FloodAttack::new),
    NEVER_READ("never-read", NeverReadAttack::new),
    RESET("reset", ResetAttack::new),
    CHURN("churn", ChurnAttack::new);

    /** The flag value, e.g. {@code never-read}. */
    final String flag;
    private final Function<SwarmState, Attack> factory;

    AttackMode(String flag, Function<SwarmState, Attack> factory) {
        this.flag = flag;
        this.factory = factory;
    }

    Attack create(SwarmState state) {
        return factory.apply(state);
    }

    /** The JSON key of its report section, e.g. {@code attackNeverRead}. */
    String key() {
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
