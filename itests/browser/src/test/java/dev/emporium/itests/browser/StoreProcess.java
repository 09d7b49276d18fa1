package dev.emporium.itests.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The built distribution, copied without its data and started as a process of its own on free ports, as a user
 * starts it: {@code bin/karaf server}. Its output goes to {@code karaf.out} beside the copy.
 */
final class StoreProcess implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path home;
    private final int httpPort;
    private final Process process;

    private StoreProcess(Path home, int httpPort, Process process) {
        this.home = home;
        this.httpPort = httpPort;
        this.process = process;
    }

    /** Copies the assembly to {@code work} (a fresh store: no data) and starts it. */
    static StoreProcess start(Path assembly, Path work) throws IOException {
        if (!Files.isExecutable(assembly.resolve("bin/karaf"))) {
            throw new IllegalStateException("no distribution at " + assembly + ": build the distribution module first");
        }
        delete(work);
        copy(assembly, work);
        int http = freePort();
        set(work.resolve("etc/org.ops4j.pax.web.cfg"), Map.of("org.osgi.service.http.port", String.valueOf(http)));
        set(work.resolve("etc/org.apache.karaf.shell.cfg"), Map.of("sshPort", String.valueOf(freePort())));
        set(work.resolve("etc/org.apache.karaf.management.cfg"), Map.of("rmiRegistryPort", String.valueOf(freePort()),
                "rmiServerPort", String.valueOf(freePort())));
        ProcessBuilder builder = new ProcessBuilder(work.resolve("bin/karaf").toString(), "server")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("karaf.out").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return new StoreProcess(work, http, builder.start());
    }

    String base() {
        return "http://localhost:" + httpPort;
    }

    /** Waits until a GET of {@code path} answers 200 with a body the predicate accepts; the last body. */
    String awaitGet(String path, Predicate<String> until, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the store process ended with " + process.exitValue() + "; see " + home.resolve("karaf.out"));
            }
            try {
                HttpResponse<String> r = get(path);
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && until.test(r.body())) {
                    return r.body();
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(path + " did not answer as expected within " + atMost + "; last: "
                + last.substring(0, Math.min(last.length(), 500)));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        // bin/karaf may run Java as a child of its shell: stop the whole tree, or a store outlives its test
        List<ProcessHandle> tree = new java.util.ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                p.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Replaces {@code key = value} lines of a Karaf .cfg file (adds the keys it lacks). */
    private static void set(Path cfg, Map<String, String> values) throws IOException {
        StringBuilder out = new StringBuilder();
        java.util.Set<String> done = new java.util.HashSet<>();
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

    private static void delete(Path dir) throws IOException {
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
