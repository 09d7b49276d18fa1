package dev.emporium.inventory.internal;

import com.sun.net.httpserver.HttpServer;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

/** Feeds from files and from HTTP: an HTTP error is an unreadable feed, not an empty one. */
public class FeedOpenersTest {

    private HttpServer server;
    private String base;

    @Before
    public void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/feed.csv", exchange -> {
            byte[] body = "sku,quantity\nW-1,3\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/gone.csv", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @After
    public void stop() {
        server.stop(0);
    }

    private static String read(String url) throws IOException {
        try (InputStream in = FeedOpeners.of(url).open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    public void readsHttpAndFiles() throws Exception {
        assertEquals("sku,quantity\nW-1,3\n", read(base + "/feed.csv"));
        Path file = Files.createTempFile("feed", ".csv");
        Files.writeString(file, "sku,quantity\n");
        assertEquals("sku,quantity\n", read(file.toString()));
        assertEquals("sku,quantity\n", read(file.toUri().toString()));
        Files.delete(file);
    }

    @Test
    public void anHttpErrorOrAMissingFileCannotBeRead() throws Exception {
        try {
            read(base + "/gone.csv");
            fail("read a 404");
        } catch (IOException e) {
            assertEquals("HTTP 404 from " + base + "/gone.csv", e.getMessage());
        }
        try {
            read("/nowhere/feed.csv");
            fail("read a missing file");
        } catch (NoSuchFileException e) {
            assertEquals("/nowhere/feed.csv", e.getMessage());
        }
    }
}
