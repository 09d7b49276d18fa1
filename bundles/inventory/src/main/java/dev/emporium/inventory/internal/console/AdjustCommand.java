package dev.emporium.inventory.internal.console;

import dev.emporium.inventory.api.AdjustmentRecord;
import dev.emporium.inventory.api.StockAdjustment;
import dev.emporium.inventory.api.StockAdjustments;
import dev.emporium.inventory.api.StockLevels;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code inventory:adjust SKU LOCATION DELTA --reason ...}: adds to (or, negative, removes from) on hand. */
@Service
@Command(scope = "inventory", name = "adjust", description = "Adjusts the on-hand stock of a SKU at a location, with a reason",
        detailedDescription = "DELTA is added to on hand; a negative DELTA removes units. Options come before the arguments "
                + "(Karaf reads everything after the first argument as arguments, so a negative DELTA is never taken for an option):\n"
                + "  inventory:adjust --reason 'broken bottle' W-1 warehouse -1")
public class AdjustCommand implements Action {

    @Argument(index = 0, name = "sku", description = "The SKU", required = true)
    String sku;

    @Argument(index = 1, name = "location", description = "The location, such as warehouse or dropship", required = true)
    String location;

    @Argument(index = 2, name = "delta", description = "Units to add (negative: to remove)", required = true)
    String delta;

    @Option(name = "--reason", aliases = "-r", description = "Why (kept in the audit trail)", required = true)
    String reason;

    @Reference
    StockAdjustments adjustments;

    @Reference
    StockLevels levels;

    @Reference
    Session session;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            long units;
            try {
                units = Long.parseLong(delta.startsWith("+") ? delta.substring(1) : delta);
            } catch (NumberFormatException e) {
                System.out.println("Refused: delta must be a whole number, not " + delta);
                return null;
            }
            AdjustmentRecord r = adjustments.adjust(new StockAdjustment(sku, location, units, null, null, reason, Console.actor(session)));
            System.out.println("Adjustment " + r.id() + ": " + sku + " at " + location + " on hand " + r.onHandBefore() + " -> " + r.onHandAfter());
            levels.stock(sku).ifPresent(StockCommand::print);
            return null;
        });
    }
}
