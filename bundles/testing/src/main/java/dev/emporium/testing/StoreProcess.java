package dev.emporium.testing;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The built distribution, copied without its data and started as a process of its own on free ports, as a user
 * starts it ({@code bin/karaf server}): for what Pax Exam cannot do (kill the container, run several nodes, measure a
 * cold start). One instance is one store home; it can be started, killed and started again. The output of each start
 * goes to {@code karaf.out} in the home.
 */
public final class StoreProcess implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    private final Path home;
    private final int httpPort;
    private Process process;

    private StoreProcess(Path home, int httpPort) {
        this.home = home;
        this.httpPort = httpPort;
    }

    /** The assembly the build made: system property {@code emporium.assembly}, else the given path. */
    public static Path assembly(String fallback) {
        return Path.of(System.getProperty("emporium.assembly", fallback)).toAbsolutePath();
    }

    /**
     * Copies the assembly to {@code home} (deleted first: a fresh store, without the assembly's data folder) and gives
     * it free HTTP, ssh and JMX ports. Nothing is started.
     */
    public static StoreProcess copy(Path assembly, Path home) throws IOException {
        if (!Files.isExecutable(assembly.resolve("bin/karaf"))) {
            throw new IllegalStateException("no distribution at " + assembly + ": build the distribution module first");
        }
        home = home.toAbsolutePath();
        delete(home);
        copyTree(assembly, home);
        int http = freePort();
        StoreProcess store = new StoreProcess(home, http);
        store.configure("org.ops4j.pax.web", Map.of("org.osgi.service.http.port", String.valueOf(http)));
        store.configure("org.apache.karaf.shell", Map.of("sshPort", String.valueOf(freePort())));
        store.configure("org.apache.karaf.management", Map.of("rmiRegistryPort", String.valueOf(freePort()),
                "rmiServerPort", String.valueOf(freePort())));
        return store;
    }

    /** Sets {@code key = value} lines of {@code etc/<pid>.cfg} (creating the file, adding the keys it lacks). */
    public StoreProcess configure(String pid, Map<String, String> values) throws IOException {
        Path cfg = home.resolve("etc/" + pid + ".cfg");
        if (!Files.exists(cfg)) {
            Files.writeString(cfg, "");
        }
        set(cfg, values);
        return this;
    }

    /** Points the store's datasource at a PostgreSQL database instead of the embedded H2 (the pool settings stay). */
    public StoreProcess usePostgreSql(String jdbcUrl, String user, String password) throws IOException {
        return configure("org.ops4j.datasource-emporium", Map.of("osgi.jdbc.driver.class", "org.postgresql.Driver",
                "url", jdbcUrl, "user", user, "password", password));
    }

    /** Starts the store; {@code extraJavaOpts} (may be null) are added to Karaf's own JVM options. */
    public StoreProcess start(String extraJavaOpts) throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the store at " + home + " is running");
        }
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("karaf.out").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        if (extraJavaOpts != null && !extraJavaOpts.isBlank()) {
            builder.environment().put("EXTRA_JAVA_OPTS", extraJavaOpts);
        }
        process = builder.start();
        return this;
    }

    public StoreProcess start() throws IOException {
        return start(null);
    }

    public Path home() {
        return home;
    }

    public int httpPort() {
        return httpPort;
    }

    public String base() {
        return "http://127.0.0.1:" + httpPort;
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /**
     * Waits until {@code /api/health} says UP with each named department UP; answers the health document.
     * Fails at once if the process ends.
     */
    public String awaitHealth(Duration atMost, String... departments) throws InterruptedException {
        return awaitGet("/api/health", body -> body.contains("\"status\":\"UP\"") && Stream.of(departments)
                .allMatch(d -> body.contains("\"name\":\"" + d + "\",\"state\":\"UP\"")), atMost);
    }

    /** Waits until a GET of {@code path} answers 200 with a body the predicate accepts; answers that body. */
    public String awaitGet(String path, Predicate<String> until, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!alive()) {
                throw new IllegalStateException("the store process is not running; see " + home.resolve("karaf.out"));
            }
            try {
                HttpResponse<String> r = send("GET", path, null, null, null);
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && until.test(r.body())) {
                    return r.body();
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " did not answer as expected within " + atMost + "; last: "
                + last.substring(0, Math.min(last.length(), 500)));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null, null);
    }

    /** One request; {@code json} (may be null) is sent as application/json, the key as {@code Idempotency-Key}. */
    public HttpResponse<String> send(String method, String path, String authorization, String idempotencyKey, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60));
        Optional.ofNullable(authorization).ifPresent(a -> b.header("Authorization", a));
        Optional.ofNullable(idempotencyKey).ifPresent(k -> b.header("Idempotency-Key", k));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Signs in as the first admin, whose one-time password was set with {@code initialAdminPassword} in
     * {@code etc/dev.emporium.security.cfg}: changes it to {@code password} on first use; answers
     * {@code "Bearer <token>"}.
     */
    public String adminAuthorization(String firstPassword, String password) throws IOException, InterruptedException {
        String signIn = "{\"username\":\"admin\",\"password\":\"%s\"}";
        HttpResponse<String> r = send("POST", "/api/admin/security/sessions", null, null, signIn.formatted(password));
        if (r.statusCode() != 201) {
            HttpResponse<String> change = send("POST", "/api/admin/security/password", null, null,
                    "{\"username\":\"admin\",\"currentPassword\":\"%s\",\"newPassword\":\"%s\"}".formatted(firstPassword, password));
            if (change.statusCode() != 200) {
                throw new IllegalStateException("the first admin's password could not be changed: " + change.statusCode() + " " + change.body());
            }
            r = send("POST", "/api/admin/security/sessions", null, null, signIn.formatted(password));
        }
        Matcher m = TOKEN.matcher(r.body());
        if (r.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("admin sign-in answered " + r.statusCode() + " " + r.body());
        }
        return "Bearer " + m.group(1);
    }

    /** The Karaf JVM: bin/karaf runs Java as a child of its shell. */
    public Optional<ProcessHandle> jvm() {
        if (process == null) {
            return Optional.empty();
        }
        return Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst();
    }

    /** VmRSS and VmHWM of the Karaf JVM in MB, from /proc/&lt;pid&gt;/status (empty off Linux). */
    public Map<String, Double> memory() throws IOException {
        Optional<ProcessHandle> jvm = jvm();
        Path status = Path.of("/proc/" + jvm.map(ProcessHandle::pid).orElse(-1L) + "/status");
        if (jvm.isEmpty() || !Files.exists(status)) {
            return Map.of();
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                String[] parts = line.split("\\s+");
                m.put(parts[0].substring(0, parts[0].length() - 1), Long.parseLong(parts[1]) / 1024.0);
            }
        }
        return m;
    }

    /** User and system CPU time of the Karaf JVM so far, in clock ticks (/proc/&lt;pid&gt;/stat); 0 off Linux. */
    public long cpuTicks() throws IOException {
        Optional<ProcessHandle> jvm = jvm();
        Path stat = Path.of("/proc/" + jvm.map(ProcessHandle::pid).orElse(-1L) + "/stat");
        if (jvm.isEmpty() || !Files.exists(stat)) {
            return 0;
        }
        String line = Files.readString(stat);
        String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Runs {@code jcmd <karaf pid> args} (JFR.start, JFR.dump, Thread.print). */
    public String jcmd(String... args) throws IOException, InterruptedException {
        long pid = jvm().orElseThrow(() -> new IllegalStateException("no Karaf JVM")).pid();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
        return out;
    }

    /** SIGKILL to the store's JVM, then to bin/karaf's shell: a crash, nothing flushed, no shutdown hook. */
    public void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> jvms = Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false)).toList();
        jvms.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : jvms) {
            p.onExit().join();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
        process = null;
    }

    /** Stops the store the way a service manager does (SIGTERM to the whole tree), forcibly after 90 s. */
    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(90, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                p.destroyForcibly();
            }
        }
        process = null;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The value of {@code key} in a Karaf .cfg file. */
    public static String read(Path cfg, String key) throws IOException {
        for (String line : Files.readAllLines(cfg)) {
            if (key.equals(keyOf(line))) {
                return line.substring(line.indexOf('=') + 1).strip();
            }
        }
        throw new IllegalStateException("no " + key + " in " + cfg);
    }

    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String keyOf(String line) {
        return line.contains("=") && !line.stripLeading().startsWith("#") ? line.substring(0, line.indexOf('=')).strip() : null;
    }

    /** Replaces {@code key = value} lines of a Karaf .cfg file (adds the keys it lacks). */
    private static void set(Path cfg, Map<String, String> values) throws IOException {
        StringBuilder out = new StringBuilder();
        Set<String> done = new HashSet<>();
        for (String line : Files.readAllLines(cfg)) {
            String key = keyOf(line);
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

    private static void copyTree(Path from, Path to) throws IOException {
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
}
