package io.servercore.cli;

/**
 * What a command line came to ({@link Flags#parse}): the settings the command runs with, or,
 * when it asked for {@code --help} or {@code --version} or was not understood, the exit status
 * it was answered with.
 *
 * <p>Immutable and thread-safe.
 *
 * @param settings what the command runs with, or null once it was answered
 * @param status   the exit status of the answer (0, or {@link Flags#USAGE}); meaningless with settings
 * @param <T>      the command's settings
 */
public record Parsed<T>(T settings, int status) {

    /** True when the command should run with {@link #settings()}. */
    public boolean runs() {
        return settings != null;
    }
}
