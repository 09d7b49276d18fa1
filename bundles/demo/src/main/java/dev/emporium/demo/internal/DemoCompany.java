package dev.emporium.demo.internal;

import dev.emporium.customers.api.Address;
import dev.emporium.customers.api.CompanyAccount;
import dev.emporium.customers.api.CompanyAccounts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's B2B account: a wine bar in Lyon whose owner, sommelier and manager buy for it. It is the demo's own only
 * while it carries the demo's name and VAT number: a company the store registered under that number is never touched.
 */
final class DemoCompany {

    static final String NAME = "Le Comptoir des Vignes";
    /** A well-formed French VAT number (its key matches the SIREN), registered to nobody. */
    static final String TAX_ID = "FR60512345674";

    private DemoCompany() {
    }

    /** The members by email, with their role: the owner runs the account, the sommelier approves, the manager orders. */
    static Map<String, String> members() {
        List<String> emails = DemoBuyers.emails();
        Map<String, String> members = new LinkedHashMap<>();
        members.put(emails.get(1), "ADMIN");
        members.put(emails.get(2), "APPROVER");
        members.put(emails.get(5), "BUYER");
        return members;
    }

    /**
     * Opens the company unless it exists and makes the members it lacks members.
     *
     * @param customerIds the demo buyers' customer ids by email
     * @return the company, or empty when a company of the store's own holds the demo's VAT number
     */
    static Optional<CompanyAccount> open(CompanyAccounts companies, Map<String, String> customerIds) {
        CompanyAccount company = companies.byTaxId(TAX_ID).orElseGet(() -> companies.open(NAME, TAX_ID, "FR",
                List.of(new Address("bar", NAME, "12 rue Mercière", null, "69002", "Lyon", null, "FR"),
                        new Address("cellar", NAME, "3 quai Saint-Antoine", null, "69002", "Lyon", null, "FR"))));
        if (!ours(company)) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> m : members().entrySet()) {
            String id = customerIds.get(m.getKey());
            if (id != null && !m.getValue().equals(company.members().get(id))) {
                company = companies.setMember(company.id(), id, m.getValue());
            }
        }
        return Optional.of(company);
    }

    /** Closes the demo's company; true when it was there. */
    static boolean close(CompanyAccounts companies) {
        Optional<CompanyAccount> company = companies.byTaxId(TAX_ID).filter(DemoCompany::ours);
        return company.isPresent() && companies.close(company.get().id());
    }

    static boolean ours(CompanyAccount company) {
        return NAME.equals(company.name()) && TAX_ID.equals(company.taxId());
    }
}
