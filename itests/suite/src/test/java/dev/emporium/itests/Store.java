package dev.emporium.itests;

import org.apache.karaf.features.FeaturesService;

import java.net.URI;

/** The integrator's steps on a stock Karaf: add the Emporium features repository and install a feature. */
final class Store {

    private Store() {
    }

    /** Installs {@code feature} (once per Karaf) and waits until the store's health answers 200. */
    static void install(FeaturesService features, String feature) throws Exception {
        URI repo = URI.create("mvn:dev.emporium/emporium-features/" + System.getProperty("emporium.version") + "/xml/features");
        if (features.getRepository(repo) == null) {
            features.addRepository(repo);
        }
        if (!features.isInstalled(features.getFeature(feature))) {
            features.installFeature(feature);
        }
        Http.awaitOk("/api/health", 120);
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
