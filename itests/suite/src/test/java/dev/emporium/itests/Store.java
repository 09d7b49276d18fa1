package dev.emporium.itests;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.features.Repository;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/** The integrator's steps on a stock Karaf: add the Emporium features repository and install a feature. */
final class Store {

    private Store() {
    }

    /** Installs {@code feature} (once per Karaf) and waits until the store's health answers 200. */
    static void install(FeaturesService features, String feature) throws Exception {
        awaitBootFeatures(features, 180);
        URI repo = URI.create("mvn:dev.emporium/emporium-features/" + System.getProperty("emporium.version") + "/xml/features");
        if (features.getRepository(repo) == null) {
            features.addRepository(repo);
        }
        if (!features.isInstalled(features.getFeature(feature))) {
            BundleContext context = FrameworkUtil.getBundle(Store.class).getBundleContext();
            AtomicLong lastChange = new AtomicLong(System.nanoTime());
            ServiceListener changes = event -> lastChange.set(System.nanoTime());
            context.addServiceListener(changes, EMPORIUM_DATASOURCE);
            try {
                features.installFeature(feature);
                awaitDataSourceSettled(context, lastChange, 90);
            } finally {
                context.removeServiceListener(changes);
            }
        }
        Http.awaitOk("/api/health", 120);
    }

    private static final String EMPORIUM_DATASOURCE = "(&(objectClass=javax.sql.DataSource)(dataSourceName=emporium))";

    /**
     * The feature writes the DataSource's configuration to etc/ and File Install reads it back about a second later,
     * which rebuilds the DataSource and restarts every department once. Health can answer UP before that, so a test
     * started then met the restart (a console command gone, a servlet not yet served again, a service object
     * deactivated). Wait until File Install has read the configuration and the DataSource has stayed registered,
     * unchanged, for two seconds.
     */
    private static void awaitDataSourceSettled(BundleContext context, AtomicLong lastChange, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        // a factory configuration (factory PID org.ops4j.datasource): found by the file it was read from
        fileInstalled(context, "(felix.fileinstall.filename=*org.ops4j.datasource-emporium.cfg)", "org.ops4j.datasource-emporium", seconds);
        while (true) {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null, EMPORIUM_DATASOURCE);
            long quiet = System.nanoTime() - lastChange.get();
            if (refs != null && refs.length > 0 && quiet > 2_000_000_000L) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the emporium DataSource did not settle within " + seconds + " s (registered: "
                        + (refs != null) + "; see data/log/karaf.log)");
            }
            Thread.sleep(100);
        }
    }

    /**
     * A configuration once Felix File Install has read it from etc/ (it carries {@code felix.fileinstall.filename}
     * then): a feature writes its configurations there and File Install reads them back a moment later, replacing
     * whatever was set in between, so a test's own change must wait for that.
     */
    static Configuration fileInstalled(BundleContext context, String pid, int seconds) throws Exception {
        return fileInstalled(context, "(service.pid=" + pid + ")", pid, seconds);
    }

    private static Configuration fileInstalled(BundleContext context, String filter, String name, int seconds) throws Exception {
        ServiceReference<ConfigurationAdmin> ref = context.getServiceReference(ConfigurationAdmin.class);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            ConfigurationAdmin configAdmin = ref == null ? null : context.getService(ref);
            Configuration[] found = configAdmin == null ? null : configAdmin.listConfigurations(filter);
            if (found != null && found.length > 0 && found[0].getProperties() != null
                    && found[0].getProperties().get("felix.fileinstall.filename") != null) {
                return found[0];
            }
            Thread.sleep(100);
            if (ref == null) {
                ref = context.getServiceReference(ConfigurationAdmin.class);
            }
        }
        ConfigurationAdmin configAdmin = ref == null ? null : context.getService(ref);
        Configuration[] all = configAdmin == null ? null : configAdmin.listConfigurations(null);
        throw new AssertionError("configuration " + name + " was not read from etc/ within " + seconds + " s; configurations: "
                + (all == null ? "none" : Arrays.stream(all).map(c -> c.getPid() + "=" + c.getProperties()).toList()));
    }

    /**
     * Waits until Karaf has added its own features repositories and installed its boot features. The features service
     * is registered before that, so a test injected with it could otherwise add Emporium's repository and resolve a
     * feature while {@code standard} (which holds {@code scr}) is not there yet, or race Karaf's own repository adds.
     */
    static void awaitBootFeatures(FeaturesService features, int seconds) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(Store.class).getBundleContext();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (context.getServiceReference(BootFinished.class) == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Karaf did not finish installing its boot features within " + seconds
                        + " s (see data/log/karaf.log); repositories so far: "
                        + Arrays.stream(features.listRepositories()).map(Repository::getURI).toList());
            }
            Thread.sleep(100);
        }
    }

    /** Waits until {@code /api/health} contains {@code fragment}, such as {@code "name":"catalog","state":"UP"}. */
    static void awaitHealth(String fragment, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            last = Http.get("/api/health").body();
            if (last.contains(fragment)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("health never showed " + fragment + " within " + seconds + " s: " + last);
    }
}
