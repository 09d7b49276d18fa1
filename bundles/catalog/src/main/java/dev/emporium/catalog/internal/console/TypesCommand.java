package dev.emporium.catalog.internal.console;

import dev.emporium.catalog.api.AttributeDefinition;
import dev.emporium.catalog.api.Catalog;
import dev.emporium.catalog.api.ProductType;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code catalog:types}: the product types and their attributes. */
@Service
@Command(scope = "catalog", name = "types", description = "Lists product types and their attributes")
public class TypesCommand implements Action {

    @Reference
    private Catalog catalog;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Type");
        table.column("Attribute");
        table.column("Kind");
        table.column("Required");
        table.column("Facet");
        for (ProductType t : catalog.types()) {
            for (AttributeDefinition a : t.attributes()) {
                table.addRow().addContent(t.code(), a.code(), a.type() + (a.unit() == null ? "" : " (" + a.unit() + ")"),
                        a.required() ? "yes" : "", a.facetable() ? "yes" : "");
            }
        }
        table.print(System.out);
        return null;
    }
}
