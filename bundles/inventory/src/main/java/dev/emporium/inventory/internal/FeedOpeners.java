package dev.emporium.inventory.internal;

import dev.emporium.inventory.internal.stock.SupplierFeedSync;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Opens a source's feed from a file path, a {@code file:} URL or an {@code http(s):} URL. */
final class FeedOpeners {

    private static final int TIMEOUT_MILLIS = 60_000;

    private FeedOpeners() {
    }

    static SupplierFeedSync.FeedOpener of(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return () -> http(url);
        }
        return () -> Files.newInputStream(path(url));
    }

    private static Path path(String url) throws IOException {
        try {
            if (url.toLowerCase(Locale.ROOT).startsWith("file:")) {
                return Path.of(new URI(url));
            }
            Path p = Path.of(url);
            return p.isAbsolute() ? p : Path.of(System.getProperty("karaf.base", ".")).resolve(p);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("'" + url + "' is not a file path or URL: " + e.getMessage());
        }
    }

    private static InputStream http(String url) throws IOException {
        HttpURLConnection c;
        try {
            c = (HttpURLConnection) new URI(url).toURL().openConnection();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("'" + url + "' is not a URL: " + e.getMessage());
        }
        c.setConnectTimeout(TIMEOUT_MILLIS);
        c.setReadTimeout(TIMEOUT_MILLIS);
        c.setInstanceFollowRedirects(true);
        int status = c.getResponseCode();
        if (status >= 400) {
            c.disconnect();
            throw new IOException("HTTP " + status + " from " + url);
        }
        return new BufferedInputStream(c.getInputStream(), 1 << 16);
    }
}
