package dev.emporium.customers.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A customer as the store knows them. An erased customer keeps only its id, status and dates. */
public record CustomerProfile(String id, CustomerStatus status, String email, String givenName, String familyName,
                              String placeOfOrigin, LocalDate birthday, String language, String phone, Messaging messaging,
                              List<Address> addresses, Instant createdAt, Instant updatedAt) {

    public CustomerProfile {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }
}
