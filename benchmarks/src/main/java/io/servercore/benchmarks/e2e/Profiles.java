package io.servercore.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * With {@code --jfr}: every measured server JVM records with JDK Flight Recorder (the
 * {@code profile} settings), each recording is dumped beside the results file when its
 * scenario ends, and the results file lists, per recording, where the execution samples were:
 * the hottest methods (top frame) and the threads. That is the first profile to read where a
 * goal is short; open the file in JDK Mission Control for the rest.
 *
 * <p>Not thread-safe; the runner's thread.
 */
final class Profiles {
    /** The recording's name in the server JVM, for {@code jcmd JFR.dump}. */
    static final String RECORDING = "compare";
    private static final int TOP = 12;

    /** One dumped recording and its hottest methods and threads. */
    record Profile(String server, String scenario, int round, Path file, long samples, List<String> methods,
                   List<String> threads) {
    }

    private final Path folder;
    private final List<Profile> profiles = new ArrayList<>();

    /** @param folder where the recordings go; made when the first is dumped */
    Profiles(Path folder) {
        this.folder = folder;
    }

    /** The server JVM's options that start the recording. */
    static String startOption() {
        return "-XX:StartFlightRecording=name=" + RECORDING + ",settings=profile";
    }

    boolean isEmpty() {
        return profiles.isEmpty();
    }

    /** Dumps the server's recording so far and reads it back. */
    void dump(ServerProcess s, String scenario, int round) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Path file = folder.resolve(s.name + "-" + scenario + "-round" + round + ".jfr").toAbsolutePath();
        s.jcmd("JFR.dump", "name=" + RECORDING, "filename=" + file);
        Map<String, Long> methods = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        long samples = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                samples++;
                RecordedThread thread = e.getThread("sampledThread");
                threads.merge(thread == null ? "?" : String.valueOf(thread.getJavaName()), 1L, Long::sum);
                RecordedStackTrace stack = e.getStackTrace();
                if (stack != null && !stack.getFrames().isEmpty()) {
                    RecordedFrame top = stack.getFrames().get(0);
                    RecordedMethod m = top.getMethod();
                    methods.merge(m.getType().getName() + "." + m.getName(), 1L, Long::sum);
                }
            }
        }
        profiles.add(new Profile(s.name, scenario, round, file, samples, top(methods, samples), top(threads, samples)));
    }

    private static List<String> top(Map<String, Long> counts, long samples) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
                .map(e -> String.format(Locale.ROOT, "%.1f%% %s", 100.0 * e.getValue() / samples, e.getKey()))
                .toList();
    }

    /** The results file's section: per recording, the file, the threads and the hottest methods. */
    String markdown() {
        StringBuilder md = new StringBuilder("JDK Flight Recorder, `settings=profile`, from the server JVM's start"
                + " (warm-up included) to the end of the scenario; execution samples by thread and by top frame.\n\n");
        for (Profile p : profiles) {
            md.append(String.format(Locale.ROOT, "- %s, %s, round %d (`%s`, %,d samples): threads %s; methods: %s%n",
                    p.server(), p.scenario(), p.round(), p.file().getFileName(), p.samples(),
                    String.join(", ", p.threads()), String.join(", ", p.methods())));
        }
        return md.toString();
    }
}
