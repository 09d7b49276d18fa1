package dev.emporium.catalog.api;

import java.time.LocalDate;

/** A publication that featured a product. */
public record PressMention(long id, String sku, String publication, String title, LocalDate date, String url) {
}
