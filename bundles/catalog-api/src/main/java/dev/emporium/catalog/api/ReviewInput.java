package dev.emporium.catalog.api;

/**
 * What a signed-in customer writes about a product.
 *
 * @param rating from 1 to 5 stars
 * @param title  a short headline (optional)
 * @param text   the review itself (optional)
 * @param author the display name shown with it
 */
public record ReviewInput(Integer rating, String title, String text, String author) {
}
