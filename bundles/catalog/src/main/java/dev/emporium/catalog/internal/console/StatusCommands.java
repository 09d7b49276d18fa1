package dev.emporium.catalog.internal.console;

import dev.emporium.catalog.api.Catalog;
import dev.emporium.catalog.api.Product;
import dev.emporium.platform.api.ProblemException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code catalog:publish} and {@code catalog:archive}: put a product on the storefront or take it off. */
public final class StatusCommands {

    private StatusCommands() {
    }

    @Service
    @Command(scope = "catalog", name = "publish", description = "Puts a product on the storefront")
    public static class Publish implements Action {

        @Reference
        private Catalog catalog;

        @Argument(index = 0, name = "sku", required = true, description = "The product's SKU")
        @Completion(SkuCompleter.class)
        private String sku;

        @Override
        public Object execute() {
            return report(() -> catalog.publish(sku));
        }
    }

    @Service
    @Command(scope = "catalog", name = "archive", description = "Takes a product off the storefront")
    public static class Archive implements Action {

        @Reference
        private Catalog catalog;

        @Argument(index = 0, name = "sku", required = true, description = "The product's SKU")
        @Completion(SkuCompleter.class)
        private String sku;

        @Override
        public Object execute() {
            return report(() -> catalog.archive(sku));
        }
    }

    static Object report(java.util.function.Supplier<Product> change) {
        try {
            Product p = change.get();
            System.out.println(p.sku() + " is now " + p.status());
        } catch (ProblemException e) {
            System.out.println(e.asText());
        }
        return null;
    }
}
