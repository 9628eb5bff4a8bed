package io.servercore.benchmarks.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the results file says about the machine: cores, CPU model, memory, kernel, JDK, the
 * garbage collector the JVM picks on one pinned core, and the load average (a busy machine
 * makes the figures worthless, and the reader should see it).
 *
 * <p>Stateless; the runner's thread.
 */
final class Machine {
    private Machine() {
    }

    /** One line: {@code 2 cores (AMD EPYC), 23.5 GiB, Linux 6.1.0 amd64, JDK 17.0.15+6}. */
    static String describe() {
        String model = firstMatch(Path.of("/proc/cpuinfo"), "^model name\\s*:\\s*(.*)$");
        String memKiB = firstMatch(Path.of("/proc/meminfo"), "^MemTotal:\\s*(\\d+)");
        String kernel = read(Path.of("/proc/sys/kernel/osrelease")).trim();
        return String.format(Locale.ROOT, "%d cores%s, %s memory, %s %s %s, JDK %s (%s)",
                Runtime.getRuntime().availableProcessors(), model.isEmpty() ? "" : " (" + model + ")",
                memKiB.isEmpty() ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(memKiB) / 1048576.0),
                System.getProperty("os.name"), kernel.isEmpty() ? System.getProperty("os.version") : kernel,
                System.getProperty("os.arch"), System.getProperty("java.vm.version"), System.getProperty("java.vm.name"));
    }

    /** The 1, 5 and 15 minute load averages, from /proc/loadavg. */
    static String loadAverage() {
        String[] f = read(Path.of("/proc/loadavg")).trim().split("\\s+");
        return f.length >= 3 ? f[0] + ", " + f[1] + ", " + f[2] : "unknown";
    }

    /** The collector a server JVM picks with the given launcher prefix (such as taskset), from -XX:+PrintCommandLineFlags. */
    static String collector(List<String> prefix, List<String> jvmOptions) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Harness.java());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-XX:+PrintCommandLineFlags", "-version"));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("-XX:\\+Use(\\w+)GC").matcher(text);
            return m.find() ? m.group(1) : "unknown";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String firstMatch(Path file, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(read(file));
        return m.find() ? m.group(1).trim() : "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
