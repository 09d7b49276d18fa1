package dev.emporium.inventory.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One supplier or warehouse feed (factory PID {@code dev.emporium.inventory.source}: one configuration per source,
 * such as {@code etc/dev.emporium.inventory.source-acme.cfg}).
 */
@ObjectClassDefinition(name = "Emporium inventory source", description = "A supplier or warehouse feed of stock and costs")
public @interface SourceConfig {

    String FACTORY_PID = "dev.emporium.inventory.source";

    @AttributeDefinition(name = "Name", required = false,
            description = "The source's name in reports and commands; default: the configuration's name (acme for ...source-acme.cfg)")
    String name() default "";

    @AttributeDefinition(name = "Feed", description = "A file path (relative to the Karaf folder), a file: URL or an http(s) URL")
    String url();

    @AttributeDefinition(name = "Format", required = false, description = "csv or json; default: from the feed's extension")
    String format() default "";

    @AttributeDefinition(name = "CSV delimiter", required = false, description = "One character, or tab")
    String delimiter() default ",";

    @AttributeDefinition(name = "Location", description = "The stock location this feed reports (warehouse, dropship, ...)")
    String location() default "dropship";

    @AttributeDefinition(name = "SKU column")
    String skuColumn() default "sku";

    @AttributeDefinition(name = "Quantity column", description = "The on-hand quantity")
    String quantityColumn() default "quantity";

    @AttributeDefinition(name = "Cost column", required = false, description = "The supplier's unit cost; empty: the feed has none")
    String costColumn() default "cost";

    @AttributeDefinition(name = "Currency column", required = false, description = "The cost's currency; empty: the default currency")
    String currencyColumn() default "currency";

    @AttributeDefinition(name = "Default currency", required = false, description = "The currency of costs when the feed does not say")
    String currency() default "";

    @AttributeDefinition(name = "Discontinued column", required = false,
            description = "A yes/no, true/false or 1/0 flag: the supplier will never deliver the SKU again")
    String discontinuedColumn() default "discontinued";

    @AttributeDefinition(name = "Location column", required = false,
            description = "A location per row; empty: every row feeds the source's location")
    String locationColumn() default "";

    @AttributeDefinition(name = "Interval seconds", min = "0", description = "How often the source is synced; 0: only on demand")
    long intervalSeconds() default 0;

    @AttributeDefinition(name = "Missing runs before discontinued", min = "0",
            description = "A SKU absent from this many consecutive complete feeds is discontinued; 0: never")
    int missingRunsBeforeDiscontinued() default 3;

    @AttributeDefinition(name = "Accept partial feeds",
            description = "true: apply the good rows of a feed with bad rows; false: a bad row stops the whole feed")
    boolean acceptPartial() default false;
}
