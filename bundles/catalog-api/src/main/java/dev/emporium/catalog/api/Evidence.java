package dev.emporium.catalog.api;

import java.util.List;

/** Everything that vouches for a product on its page: the buyers' aggregate, critics' ratings and press mentions. */
public record Evidence(String sku, RatingSummary buyers, List<ExpertRating> experts, List<PressMention> press) {

    public Evidence {
        experts = experts == null ? List.of() : List.copyOf(experts);
        press = press == null ? List.of() : List.copyOf(press);
    }
}
