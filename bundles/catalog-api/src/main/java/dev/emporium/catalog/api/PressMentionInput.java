package dev.emporium.catalog.api;

import java.time.LocalDate;

/** What an editor records of a publication that featured a product; the link is optional. */
public record PressMentionInput(String publication, String title, LocalDate date, String url) {
}
