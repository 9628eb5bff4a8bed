package io.servercore.benchmarks.e2e;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What Compare can measure, each selectable with {@code --only} by its name or its group's:
 * {@code echo}, {@code chat} and {@code idle} name two each, {@code all} every one but
 * {@link #SYSCALLS}, which slows the server it watches and so runs only when asked for
 * ({@code --strace} or {@code --only syscalls}).
 *
 * <p>Immutable and thread-safe.
 */
enum Scenario {
    ECHO_16("echo-16", "echo"),
    ECHO_1("echo-1", "echo"),
    CHAT_CLIMB("chat-climb", "chat"),
    CHAT_LIGHT("chat-light", "chat"),
    IDLE_BARE("idle-bare", "idle"),
    IDLE_ROOMS("idle-rooms", "idle"),
    SYSCALLS("syscalls", "syscalls");

    final String flag;
    final String group;

    Scenario(String flag, String group) {
        this.flag = flag;
        this.group = group;
    }

    /** Every name {@code --only} accepts, separated by |, for the help and the error line. */
    static String allowed() {
        List<String> names = new ArrayList<>(List.of("all", "echo", "chat", "idle"));
        for (Scenario s : values()) {
            names.add(s.flag);
        }
        return String.join("|", names);
    }

    /**
     * The scenarios {@code --only} names (a comma-separated list), in the order they run.
     *
     * @throws IllegalArgumentException naming {@code --only}, the first unknown name and what is allowed
     */
    static Set<Scenario> parse(List<String> only) {
        Set<Scenario> out = EnumSet.noneOf(Scenario.class);
        for (String raw : only) {
            String name = raw.trim().toLowerCase(Locale.ROOT);
            boolean matched = false;
            for (Scenario s : values()) {
                if (name.equals("all") ? s != SYSCALLS : name.equals(s.flag) || name.equals(s.group)) {
                    out.add(s);
                    matched = true;
                }
            }
            if (!matched) {
                throw CompareFlags.ONLY.invalid(raw);
            }
        }
        return out;
    }
}
