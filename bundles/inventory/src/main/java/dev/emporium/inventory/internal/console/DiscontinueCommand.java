package dev.emporium.inventory.internal.console;

import dev.emporium.inventory.api.StockAdjustments;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code inventory:discontinue SKU --reason ...}: the SKU is never sold again. */
@Service
@Command(scope = "inventory", name = "discontinue", description = "Marks a SKU as no longer sold; reservations of it are refused")
public class DiscontinueCommand implements Action {

    @Argument(index = 0, name = "sku", description = "The SKU", required = true)
    String sku;

    @Option(name = "--reason", aliases = "-r", description = "Why (kept with the SKU and sent in the DISCONTINUED event)", required = true)
    String reason;

    @Reference
    StockAdjustments adjustments;

    @Reference
    Session session;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            adjustments.discontinue(sku, reason, Console.actor(session));
            System.out.println(sku + " is discontinued: it is no longer sold");
            return null;
        });
    }
}
