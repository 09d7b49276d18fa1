package dev.emporium.platform.internal.console;

import dev.emporium.platform.api.DepartmentRoutes;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/**
 * Swaps a department's implementation bundle in place ({@link Bundle#update(InputStream)}) while the store serves:
 * the gateway drains the old version's requests and holds new ones until the new version's routes are in. The
 * implementation exports nothing (DESIGN rule 1), so no other bundle is refreshed. Each department's earlier versions
 * are remembered (the URLs they came from, in the platform bundle's data folder) for {@link #rollback}.
 */
final class DepartmentSwaps {

    /** What a swap did. */
    record Swap(String department, String from, String to, String url, long millis) {
        @Override
        public String toString() {
            return department + " " + from + " -> " + to + " in " + millis + " ms (" + url + ")";
        }
    }

    static final String HEADER = "Emporium-Department";
    private static final String FILE = "department-versions.properties";
    private static final long ROUTES_WAIT_MILLIS = 120_000;

    private final BundleContext context;

    DepartmentSwaps(BundleContext context) {
        this.context = context;
    }

    /** Replaces the department's implementation by the bundle at {@code url}; remembers the current one. */
    synchronized Swap upgrade(String department, String url) throws Exception {
        Bundle bundle = implementationOf(department);
        Properties history = history();
        String current = history.getProperty(department + ".current", bundle.getLocation());
        Swap swap = swap(bundle, department, url);
        List<String> earlier = earlier(history, department);
        earlier.add(current);
        history.setProperty(department + ".earlier", String.join(" ", earlier));
        history.setProperty(department + ".current", url);
        save(history);
        return swap;
    }

    /** Puts back the version the department ran before its last upgrade. */
    synchronized Swap rollback(String department) throws Exception {
        Bundle bundle = implementationOf(department);
        Properties history = history();
        List<String> earlier = earlier(history, department);
        if (earlier.isEmpty()) {
            throw new IllegalStateException("department " + department + " was not upgraded with emporium:upgrade here: nothing to roll back to");
        }
        String url = earlier.remove(earlier.size() - 1);
        Swap swap = swap(bundle, department, url);
        history.setProperty(department + ".earlier", String.join(" ", earlier));
        history.setProperty(department + ".current", url);
        save(history);
        return swap;
    }

    /** The versions the department ran before its current one, oldest first. */
    synchronized List<String> earlier(String department) throws IOException {
        return earlier(history(), department);
    }

    Bundle implementationOf(String department) {
        List<Bundle> found = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            String d = b.getHeaders("").get(HEADER);
            if (d != null && d.trim().equals(department) && b.getState() != Bundle.UNINSTALLED) {
                found.add(b);
            }
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException(found.isEmpty() ? "no installed bundle is department " + department
                    : found.size() + " bundles are department " + department + ": " + found);
        }
        if ("platform".equals(department)) {
            throw new IllegalArgumentException("the platform holds the gateway itself: it is not swapped under load");
        }
        return found.get(0);
    }

    private Swap swap(Bundle bundle, String department, String url) throws Exception {
        byte[] jar;
        try (InputStream in = new URL(url).openStream()) {
            jar = in.readAllBytes();
        }
        Manifest manifest;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            manifest = in.getManifest();
        }
        String declared = manifest == null ? null : manifest.getMainAttributes().getValue(HEADER);
        if (declared == null || !declared.trim().equals(department)) {
            throw new IllegalArgumentException(url + " is not a bundle of department " + department + " (its " + HEADER + " is " + declared + ")");
        }
        String exports = manifest.getMainAttributes().getValue("Export-Package");
        if (exports != null && !exports.isBlank()) {
            // another bundle would wire to it, and replacing it would refresh that bundle too (DESIGN rule 1)
            throw new IllegalArgumentException(url + " exports packages (" + exports + "): a department implementation exports nothing");
        }
        String from = bundle.getVersion().toString();
        long start = System.nanoTime();
        bundle.update(new ByteArrayInputStream(jar));
        refreshIfPending(bundle);
        if (bundle.getState() != Bundle.ACTIVE) {
            bundle.start();
        }
        awaitRoutes(bundle, department);
        return new Swap(department, from, bundle.getVersion().toString(), url, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** An old revision still wired (nothing should wire to an implementation) is refreshed, alone. */
    private void refreshIfPending(Bundle bundle) throws InterruptedException {
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        if (!wiring.getRemovalPendingBundles().contains(bundle)) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(List.of(bundle), (FrameworkEvent e) -> done.countDown());
        done.await(60, TimeUnit.SECONDS);
    }

    private void awaitRoutes(Bundle bundle, String department) throws InterruptedException, BundleException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ROUTES_WAIT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (bundle.getState() == Bundle.ACTIVE && registersRoutes(bundle)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new BundleException(department + " " + bundle.getVersion() + " is " + bundle.getState()
                + " but registered no routes within " + ROUTES_WAIT_MILLIS / 1000 + " s: see its health and the log");
    }

    private static boolean registersRoutes(Bundle bundle) {
        ServiceReference<?>[] services = bundle.getRegisteredServices();
        if (services == null) {
            return false;
        }
        for (ServiceReference<?> s : services) {
            if (Arrays.asList((String[]) s.getProperty("objectClass")).contains(DepartmentRoutes.class.getName())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> earlier(Properties history, String department) {
        String list = history.getProperty(department + ".earlier", "").trim();
        return list.isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(list.split(" ")));
    }

    private Properties history() throws IOException {
        Properties p = new Properties();
        File f = context.getDataFile(FILE);
        if (f != null && f.exists()) {
            try (InputStream in = Files.newInputStream(f.toPath())) {
                p.load(in);
            }
        }
        return p;
    }

    private void save(Properties history) throws IOException {
        File f = context.getDataFile(FILE);
        if (f == null) {
            return;
        }
        try (OutputStream out = Files.newOutputStream(f.toPath())) {
            history.store(out, "Emporium: the bundle URLs each department ran before, for emporium:rollback");
        }
    }
}
