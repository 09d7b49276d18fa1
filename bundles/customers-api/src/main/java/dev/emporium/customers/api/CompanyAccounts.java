package dev.emporium.customers.api;

import java.util.List;
import java.util.Optional;

/**
 * B2B company accounts for other bundles (the demo store, integrations), under the same rules as the admin routes: a
 * well-formed European VAT number of the company's country, unique; members with a role (buyer, approver, admin).
 */
public interface CompanyAccounts {

    /**
     * Opens a company account.
     *
     * @throws dev.emporium.platform.api.ValidationException naming the invalid fields (name, taxId, country, addresses)
     * @throws dev.emporium.platform.api.ProblemException    409 naming {@code taxId} when another company has it
     */
    CompanyAccount open(String name, String taxId, String country, List<Address> addresses);

    /** The company with this VAT number, however spaced or cased. */
    Optional<CompanyAccount> byTaxId(String taxId);

    /**
     * Makes an active customer a member with a role (buyer, approver or admin), or changes their role.
     *
     * @throws dev.emporium.platform.api.ProblemException 409 when the customer belongs to another company, 404 when
     *                                                    the company or the active customer is unknown
     */
    CompanyAccount setMember(String companyId, String customerId, String role);

    /**
     * Closes a company account: the company, its addresses and memberships go, its members buy as consumers again (their
     * accounts and orders stay).
     *
     * @return false when there was no such company
     */
    boolean close(String companyId);
}
