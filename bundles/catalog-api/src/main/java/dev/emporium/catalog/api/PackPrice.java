package dev.emporium.catalog.api;

import dev.emporium.platform.api.Money;

/** The price of a pack of {@code size} units, such as a box of 6 bottles. */
public record PackPrice(int size, Money price) {
}
