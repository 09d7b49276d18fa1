package dev.emporium.customers.api;

import java.util.List;

/**
 * How many people will hear what the buyer says of the store.
 *
 * @param influence      0 (no known audience) to 100; the formula is documented by the customers department
 * @param totalFollowers the followers summed over every social profile
 */
public record CustomerReach(String customerId, int influence, long totalFollowers, List<SocialProfile> profiles) {

    public CustomerReach {
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
    }
}
