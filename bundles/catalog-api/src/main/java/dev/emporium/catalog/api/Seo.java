package dev.emporium.catalog.api;

import java.util.List;

/** What search engines read: keywords, the page title and its description. */
public record Seo(List<String> keywords, String metaTitle, String metaDescription) {

    public Seo {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }
}
