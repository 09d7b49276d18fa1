package dev.emporium.customers.api;

import java.time.LocalDate;
import java.util.List;

/**
 * What a customer (or an agent for them) says about themselves. Every field but {@code email} and {@code givenName} is
 * optional; an update replaces the whole profile.
 *
 * @param language a BCP 47 tag, such as {@code fr} or {@code pt-BR}
 * @param phone    international form, such as {@code +33 6 12 34 56 78} (kept as {@code +33612345678})
 */
public record ProfileInput(String email, String givenName, String familyName, String placeOfOrigin, LocalDate birthday,
                           String language, String phone, Messaging messaging, List<Address> addresses) {

    public ProfileInput {
        addresses = addresses == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(addresses));
    }
}
