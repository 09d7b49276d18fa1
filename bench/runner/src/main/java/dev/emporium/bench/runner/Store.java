package dev.emporium.bench.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The built distribution, copied without its data and started as a process of its own on free ports, as a user
 * starts it ({@code bin/karaf server}); as itests/browser's StoreProcess does. Its output goes to {@code karaf.out}.
 */
final class Store implements AutoCloseable {

    final Path home;
    final int httpPort;
    private final Process process;

    private Store(Path home, int httpPort, Process process) {
        this.home = home;
        this.httpPort = httpPort;
        this.process = process;
    }

    /** Copies the assembly to {@code home} (a fresh store, no data) and writes the given settings into its etc/. */
    static void prepare(Path assembly, Path home, Map<String, Map<String, String>> settings) throws IOException {
        if (!Files.isExecutable(assembly.resolve("bin/karaf"))) {
            throw new IllegalStateException("no distribution at " + assembly + ": build the distribution module first");
        }
        delete(home);
        copy(assembly, home);
        set(home.resolve("etc/org.ops4j.pax.web.cfg"), Map.of("org.osgi.service.http.port", String.valueOf(freePort())));
        set(home.resolve("etc/org.apache.karaf.shell.cfg"), Map.of("sshPort", String.valueOf(freePort())));
        set(home.resolve("etc/org.apache.karaf.management.cfg"), Map.of("rmiRegistryPort", String.valueOf(freePort()),
                "rmiServerPort", String.valueOf(freePort())));
        for (Map.Entry<String, Map<String, String>> e : settings.entrySet()) {
            Path cfg = home.resolve("etc/" + e.getKey() + ".cfg");
            if (!Files.exists(cfg)) {
                Files.writeString(cfg, "");
            }
            set(cfg, e.getValue());
        }
    }

    /** Starts the prepared copy with JVM options added to Karaf's own (EXTRA_JAVA_OPTS: bin/inc sets no heap). */
    static Store start(Path home, String extraJavaOpts) throws IOException {
        int http = Integer.parseInt(read(home.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port"));
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(home.resolve("karaf.out").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        if (extraJavaOpts != null && !extraJavaOpts.isBlank()) {
            builder.environment().put("EXTRA_JAVA_OPTS", extraJavaOpts);
        }
        return new Store(home, http, builder.start());
    }

    String base() {
        return "http://127.0.0.1:" + httpPort;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The Karaf JVM: bin/karaf runs Java as a child of its shell. */
    Optional<ProcessHandle> jvm() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst();
    }

    /** VmRSS and VmHWM of the Karaf JVM in MB, from /proc/&lt;pid&gt;/status (empty off Linux). */
    Map<String, Double> memory() throws IOException {
        Optional<ProcessHandle> jvm = jvm();
        if (jvm.isEmpty()) {
            return Map.of();
        }
        Path status = Path.of("/proc/" + jvm.get().pid() + "/status");
        if (!Files.exists(status)) {
            return Map.of();
        }
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                String[] parts = line.split("\\s+");
                m.put(parts[0].substring(0, parts[0].length() - 1), Long.parseLong(parts[1]) / 1024.0);
            }
        }
        return m;
    }

    /** User and system CPU time of the Karaf JVM so far, in clock ticks (/proc/&lt;pid&gt;/stat); 0 off Linux. */
    long cpuTicks() throws IOException {
        Optional<ProcessHandle> jvm = jvm();
        Path stat = Path.of("/proc/" + jvm.map(ProcessHandle::pid).orElse(-1L) + "/stat");
        if (jvm.isEmpty() || !Files.exists(stat)) {
            return 0;
        }
        String line = Files.readString(stat);
        String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Runs {@code jcmd <karaf pid> args} (JFR.start, JFR.dump): a profile that does not slow the start it would measure. */
    void jcmd(String... args) throws IOException, InterruptedException {
        long pid = jvm().orElseThrow(() -> new IllegalStateException("no Karaf JVM")).pid();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
    }

    @Override
    public void close() throws InterruptedException {
        // stop the whole tree, or a store outlives its bench
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(90, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                p.destroyForcibly();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String read(Path cfg, String key) throws IOException {
        for (String line : Files.readAllLines(cfg)) {
            if (line.contains("=") && line.substring(0, line.indexOf('=')).strip().equals(key)) {
                return line.substring(line.indexOf('=') + 1).strip();
            }
        }
        throw new IllegalStateException("no " + key + " in " + cfg);
    }

    /** Replaces {@code key = value} lines of a Karaf .cfg file (adds the keys it lacks). */
    private static void set(Path cfg, Map<String, String> values) throws IOException {
        StringBuilder out = new StringBuilder();
        Set<String> done = new HashSet<>();
        for (String line : Files.readAllLines(cfg)) {
            String key = line.contains("=") && !line.stripLeading().startsWith("#") ? line.substring(0, line.indexOf('=')).strip() : null;
            if (key != null && values.containsKey(key)) {
                out.append(key).append(" = ").append(values.get(key)).append('\n');
                done.add(key);
            } else {
                out.append(line).append('\n');
            }
        }
        values.forEach((k, v) -> {
            if (!done.contains(k)) {
                out.append(k).append(" = ").append(v).append('\n');
            }
        });
        Files.writeString(cfg, out);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            // the assembly's data folder is a store that ran: a fresh store starts without one
            all.filter(source -> !from.relativize(source).startsWith("data")).forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
