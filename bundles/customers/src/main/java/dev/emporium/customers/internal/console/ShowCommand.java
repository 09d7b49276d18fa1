package dev.emporium.customers.internal.console;

import dev.emporium.customers.api.Address;
import dev.emporium.customers.api.BuyingHabits;
import dev.emporium.customers.api.ConsentState;
import dev.emporium.customers.api.CustomerProfile;
import dev.emporium.customers.internal.CustomersService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.util.List;
import java.util.Optional;

/** {@code customers:show ID}: a customer's 360 view (profile, addresses, company, habits, reach, consents). */
@Service
@Command(scope = "customers", name = "show",
        description = "Shows a customer's 360 view: profile, addresses, B2B or B2C, buying habits, reach and consents")
public class ShowCommand implements Action {

    @Argument(index = 0, name = "id", description = "The customer id", required = true)
    String id;

    @Reference
    CustomersService customers;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            Optional<CustomerProfile> found = customers.find(id);
            if (found.isEmpty()) {
                System.out.println("No customer " + id);
                return null;
            }
            CustomerProfile p = found.get();
            ShellTable profile = new ShellTable();
            profile.column("Field");
            profile.column("Value");
            profile.addRow().addContent("id", p.id());
            profile.addRow().addContent("status", p.status());
            profile.addRow().addContent("email", Console.orDash(p.email()));
            profile.addRow().addContent("name", Console.name(p));
            profile.addRow().addContent("place of origin", Console.orDash(p.placeOfOrigin()));
            profile.addRow().addContent("birthday", p.birthday() == null ? "-" : p.birthday());
            profile.addRow().addContent("language", Console.orDash(p.language()));
            profile.addRow().addContent("phone", Console.orDash(p.phone()));
            profile.addRow().addContent("messaging", p.messaging() == null ? "-" : p.messaging().network() + " " + p.messaging().handle());
            profile.addRow().addContent("created", p.createdAt());
            profile.addRow().addContent("updated", p.updatedAt());
            profile.print(System.out);
            if (!p.addresses().isEmpty()) {
                ShellTable addresses = new ShellTable();
                addresses.column("Label");
                addresses.column("Address");
                addresses.column("Country");
                for (Address a : p.addresses()) {
                    addresses.addRow().addContent(Console.orDash(a.label()), String.join(", ", List.of(a.line1(),
                            a.postalCode() == null ? "" : a.postalCode(), a.city()).stream().filter(s -> !s.isEmpty()).toList()), a.country());
                }
                addresses.print(System.out);
            }
            System.out.println(customers.companies().membership(id)
                    .map(m -> "B2B: " + m.role() + " of " + m.companyName() + " (" + m.companyId() + ")")
                    .orElse("B2C: buys as a consumer"));
            customers.habits(id).ifPresent(h -> {
                ShellTable habits = new ShellTable();
                habits.column("Habit");
                habits.column("Value");
                habits.addRow().addContent("orders", h.orderCount());
                habits.addRow().addContent("first order", h.firstOrderAt() == null ? "-" : h.firstOrderAt());
                habits.addRow().addContent("last order", h.lastOrderAt() == null ? "-" : h.lastOrderAt());
                habits.addRow().addContent("total spent", h.totalSpent().isEmpty() ? "-"
                        : String.join(", ", h.totalSpent().stream().map(Object::toString).toList()));
                habits.addRow().addContent("frequency", h.frequency() + (h.averageDaysBetweenOrders() == null ? ""
                        : " (every " + h.averageDaysBetweenOrders() + " days)"));
                habits.addRow().addContent("price range", h.priceRange() == null ? "-" : h.priceRange().lowest() + " to "
                        + h.priceRange().highest() + ", " + h.priceRange().averagePerUnit() + " a unit on average");
                habits.addRow().addContent("brands", preferences(h.favouriteBrands()));
                habits.addRow().addContent("product types", preferences(h.preferredProductTypes()));
                habits.addRow().addContent("attributes", preferences(h.preferredAttributes()));
                habits.print(System.out);
            });
            customers.reach(id).ifPresent(r -> {
                System.out.println("Influence " + r.influence() + "/100, " + r.totalFollowers() + " follower(s)");
                if (!r.profiles().isEmpty()) {
                    ShellTable social = new ShellTable();
                    social.column("Network");
                    social.column("Handle");
                    social.column("Followers");
                    r.profiles().forEach(sp -> social.addRow().addContent(sp.network(), sp.handle(), sp.followers()));
                    social.print(System.out);
                }
            });
            List<ConsentState> consents = customers.current(id);
            if (consents.isEmpty()) {
                System.out.println("No consent decisions");
            } else {
                ShellTable table = new ShellTable();
                table.column("Purpose");
                table.column("Channel");
                table.column("Granted");
                table.column("Since");
                for (ConsentState s : consents) {
                    table.addRow().addContent(s.purpose(), s.channel(), s.granted() ? "yes" : "no", s.since());
                }
                table.print(System.out);
            }
            return null;
        });
    }

    private static String preferences(List<BuyingHabits.Preference> list) {
        return list.isEmpty() ? "-" : String.join(", ", list.stream().map(p -> p.name() + " (" + p.units() + ")").toList());
    }
}
