package dev.emporium.support.internal.community;

import java.time.Instant;

/** One entry of the watch list: {@code kind} KEYWORD, CUSTOMER (a customer id) or HANDLE (a social handle). */
public record Watch(long id, String kind, String term, Instant createdAt) {
}
