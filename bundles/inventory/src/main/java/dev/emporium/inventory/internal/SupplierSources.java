package dev.emporium.inventory.internal;

import dev.emporium.inventory.internal.feed.SourceSettings;
import dev.emporium.inventory.internal.stock.SyncReport;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.NotFoundException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every configured source, for the admin routes and commands: list them with their last report, sync one now. */
@Component(service = SupplierSources.class)
public class SupplierSources {

    /** A source as an admin sees it. */
    public record SourceView(String name, String url, String format, String location, long intervalSeconds,
                             int missingRunsBeforeDiscontinued, boolean acceptPartial, List<String> configurationErrors,
                             SyncReport lastReport) {
    }

    private final InventoryService inventory;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<SupplierSource> sources;

    @Activate
    public SupplierSources(@Reference InventoryService inventory) {
        this.inventory = inventory;
    }

    public List<SourceView> list() {
        List<SourceView> views = new ArrayList<>();
        for (SupplierSource source : current()) {
            SourceSettings s = source.settings();
            List<SyncReport> last = inventory.reports(s.name(), 1);
            List<String> errors = new ArrayList<>(s.errors());
            if (named(s.name()).size() > 1) {
                errors.add("name: " + named(s.name()).size() + " configurations name this source; rename all but one");
            }
            views.add(new SourceView(s.name(), s.url(), s.format().name().toLowerCase(), s.location(), s.intervalSeconds(),
                    s.missingRunsBeforeDiscontinued(), s.acceptPartial(), errors, last.isEmpty() ? null : last.get(0)));
        }
        views.sort(Comparator.comparing(SourceView::name));
        return views;
    }

    /** Syncs the named source now and returns its report. */
    public SyncReport sync(String name, String trigger) {
        List<SupplierSource> named = named(name);
        if (named.size() > 1) {
            throw new ConflictException(named.size() + " configurations name the inventory source " + name + "; rename all but one");
        }
        if (named.size() == 1) {
            return named.get(0).sync(trigger);
        }
        throw new NotFoundException("no inventory source " + name + "; configured sources: "
                + (current().isEmpty() ? "none" : String.join(", ", current().stream().map(s -> s.settings().name()).sorted().toList())));
    }

    private List<SupplierSource> named(String name) {
        return current().stream().filter(s -> s.settings().name().equals(name)).toList();
    }

    private List<SupplierSource> current() {
        List<SupplierSource> s = sources;
        return s == null ? List.of() : s;
    }
}
