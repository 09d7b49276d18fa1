package dev.emporium.inventory.internal.console;

import dev.emporium.inventory.internal.SupplierSources;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code inventory:sync SOURCE}: syncs a source now and prints its report. */
@Service
@Command(scope = "inventory", name = "sync", description = "Syncs a supplier or warehouse source now and shows its report")
public class SyncCommand implements Action {

    @Argument(index = 0, name = "source", description = "The source's name (see inventory:sources)", required = true)
    String source;

    @Reference
    SupplierSources sources;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            ReportsCommand.print(sources.sync(source, "console"), 50);
            return null;
        });
    }
}
