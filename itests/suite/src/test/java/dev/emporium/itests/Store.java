package dev.emporium.itests;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.features.Repository;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

import java.net.URI;
import java.util.Arrays;

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
            features.installFeature(feature);
        }
        Http.awaitOk("/api/health", 120);
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
