package dev.emporium.customers.api;

import java.util.Map;

/**
 * A B2B company account.
 *
 * @param taxId   the VAT number as stored: upper case, without spaces, such as {@code FR40303265045}
 * @param members each member's customer id and role ({@code BUYER}, {@code APPROVER} or {@code ADMIN}), oldest first
 */
public record CompanyAccount(String id, String name, String taxId, String country, Map<String, String> members) {

    public CompanyAccount {
        members = members == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(members));
    }
}
