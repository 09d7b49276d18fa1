package dev.emporium.platform.api;

import java.util.List;

/** One page of a collection; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }
}
