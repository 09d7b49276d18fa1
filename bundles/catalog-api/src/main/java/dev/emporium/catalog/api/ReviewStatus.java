package dev.emporium.catalog.api;

/** Whether a buyer review is shown: published at once, hidden by an editor (and shown again). */
public enum ReviewStatus {
    PUBLISHED, HIDDEN
}
