package dev.emporium.platform.api;

import java.util.Objects;

/**
 * A response body a department already rendered as UTF-8 JSON with the shared mapper (a cached page, say): the gateway
 * writes these bytes as they are instead of serializing an object. The array must not change once handed over.
 */
public record RenderedJson(byte[] utf8) {

    public RenderedJson {
        Objects.requireNonNull(utf8, "utf8");
    }
}
