package dev.emporium.bench.runner;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the store's JVM was doing during each measured phase, from the JFR recording the runner asks for
 * ({@code -Dbench.jfr=true}): CPU samples ({@code jdk.ExecutionSample}) counted by the frame on top of the stack
 * (where the time goes) and by the first Emporium frame under it (which of our code asked for it).
 */
final class Profile {

    private Profile() {
    }

    static Map<String, Object> summarize(List<Path> recordings, Map<String, Instant[]> phases, int top) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> topFrames = new HashMap<>();
        Map<String, Map<String, Integer>> ourFrames = new HashMap<>();
        Map<String, Map<String, Integer>> packages = new HashMap<>();
        Map<String, Integer> samples = new HashMap<>();
        for (Path jfr : recordings) {
            if (!Files.exists(jfr)) {
                out.put("missing", jfr.toString());
                continue;
            }
            try (RecordingFile file = new RecordingFile(jfr)) {
                while (file.hasMoreEvents()) {
                    RecordedEvent e = file.readEvent();
                    if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                        continue;
                    }
                    String phase = phaseOf(e.getStartTime(), phases);
                    RecordedStackTrace st = e.getStackTrace();
                    if (phase == null || st == null || st.getFrames().isEmpty()) {
                        continue;
                    }
                    samples.merge(phase, 1, Integer::sum);
                    RecordedFrame first = st.getFrames().get(0);
                    topFrames.computeIfAbsent(phase, k -> new HashMap<>()).merge(name(first), 1, Integer::sum);
                    String type = first.getMethod().getType().getName();
                    String pkg = type.contains(".") ? type.substring(0, type.lastIndexOf('.')) : type;
                    packages.computeIfAbsent(phase, k -> new HashMap<>()).merge(pkg, 1, Integer::sum);
                    for (RecordedFrame f : st.getFrames()) {
                        if (f.getMethod().getType().getName().startsWith("dev.emporium.")) {
                            ourFrames.computeIfAbsent(phase, k -> new HashMap<>()).merge(name(f), 1, Integer::sum);
                            break;
                        }
                    }
                }
            }
        }
        for (String phase : phases.keySet()) {
            Map<String, Object> p = new LinkedHashMap<>();
            int n = samples.getOrDefault(phase, 0);
            p.put("samples", n);
            p.put("topFrames", ranked(topFrames.get(phase), n, top));
            p.put("topPackages", ranked(packages.get(phase), n, top));
            p.put("firstEmporiumFrames", ranked(ourFrames.get(phase), n, top));
            out.put(phase, p);
        }
        return out;
    }

    private static String phaseOf(Instant t, Map<String, Instant[]> phases) {
        for (Map.Entry<String, Instant[]> e : phases.entrySet()) {
            if (!t.isBefore(e.getValue()[0]) && !t.isAfter(e.getValue()[1])) {
                return e.getKey();
            }
        }
        return null;
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static List<String> ranked(Map<String, Integer> counts, int total, int top) {
        List<String> out = new ArrayList<>();
        if (counts == null || total == 0) {
            return out;
        }
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.add(String.format(java.util.Locale.ROOT, "%5.1f%% %s", 100.0 * e.getValue() / total, e.getKey())));
        return out;
    }
}
