package dev.emporium.catalog.internal.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.catalog.api.Media;
import dev.emporium.catalog.api.PackPrice;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductStatus;
import dev.emporium.catalog.api.ProductType;
import dev.emporium.catalog.api.Seo;
import dev.emporium.catalog.api.Shipping;
import dev.emporium.catalog.internal.CatalogService;
import dev.emporium.platform.api.Money;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Product data for other channels (marketplaces, feeds, a spreadsheet), channel-neutral: every field, attributes in
 * their typed form, money as decimal strings with their currency. JSON is an array of products in the admin API's
 * shape; CSV has one column per field and {@code attr.<code>} per attribute, lists joined with {@code |}. Both read
 * back through the import unchanged, so an export re-imported is a no-op.
 */
@Component(service = CatalogExport.class)
public class CatalogExport {

    /** The columns before the attributes, in the order a CSV export writes them. */
    static final List<String> COLUMNS = List.of("sku", "slug", "name", "shortDescription", "longDescription", "brand", "type",
            "categories", "price", "currency", "packPrices", "shipping.weightGrams", "shipping.lengthMm", "shipping.widthMm",
            "shipping.heightMm", "media", "seo.keywords", "seo.metaTitle", "seo.metaDescription", "status", "sellable",
            "version", "updatedAt");

    private static final String SEPARATOR = "|";

    /** One product as exported: what an editor writes of it, then what the catalog decides (ignored on import). */
    public record ExportedProduct(String sku, String slug, String name, String shortDescription, String longDescription,
                                  String brand, String type, Map<String, Object> attributes, List<String> categories,
                                  Money price, List<PackPrice> packPrices, Shipping shipping, List<Media> media, Seo seo,
                                  ProductStatus status, boolean sellable, long version, Instant updatedAt) {

        static ExportedProduct of(Product p) {
            return new ExportedProduct(p.sku(), p.slug(), p.name(), p.shortDescription(), p.longDescription(), p.brand(),
                    p.type(), p.attributes(), p.categories(), p.price(), p.packPrices(), p.shipping(), p.media(), p.seo(),
                    p.status(), p.sellable(), p.version(), p.updatedAt());
        }
    }

    private final CatalogService catalog;
    private final ObjectMapper mapper;

    @Activate
    public CatalogExport(@Reference CatalogService catalog, @Reference ObjectMapper mapper) {
        this.catalog = catalog;
        this.mapper = mapper;
    }

    /**
     * Writes every product (or those of one status) to {@code out}, streaming, and returns how many.
     */
    public int export(Writer out, BatchFormat format, ProductStatus status) {
        int[] count = {0};
        try {
            List<ProductType> types = catalog.types();
            List<String> attributes = attributeColumns(types);
            if (format == BatchFormat.CSV) {
                List<String> header = new ArrayList<>(COLUMNS);
                attributes.forEach(a -> header.add("attr." + a));
                CsvCells.writeRecord(out, header);
            } else {
                out.write("[");
            }
            catalog.forEachProduct((p, type) -> {
                if (status != null && p.status() != status) {
                    return;
                }
                try {
                    if (format == BatchFormat.CSV) {
                        CsvCells.writeRecord(out, cells(p, attributes));
                    } else {
                        out.write(count[0] == 0 ? "\n" : ",\n");
                        out.write(mapper.writeValueAsString(ExportedProduct.of(p)));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count[0]++;
            });
            if (format == BatchFormat.JSON) {
                out.write("\n]\n");
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export: " + e.getMessage(), e);
        }
        return count[0];
    }

    static List<String> attributeColumns(List<ProductType> types) {
        Set<String> codes = new LinkedHashSet<>();
        types.forEach(t -> t.attributes().forEach(a -> codes.add(a.code())));
        return List.copyOf(codes);
    }

    private List<String> cells(Product p, List<String> attributes) throws JsonProcessingException {
        List<String> cells = new ArrayList<>(COLUMNS.size() + attributes.size());
        cells.add(p.sku());
        cells.add(p.slug());
        cells.add(p.name());
        cells.add(p.shortDescription());
        cells.add(p.longDescription());
        cells.add(p.brand());
        cells.add(p.type());
        cells.add(CsvCells.join(p.categories(), SEPARATOR));
        cells.add(p.price().amount().toPlainString());
        cells.add(p.price().currency());
        cells.add(CsvCells.join(p.packPrices().stream().map(x -> x.size() + "=" + x.price().amount().toPlainString()).toList(), SEPARATOR));
        Shipping s = p.shipping();
        cells.add(s == null ? null : String.valueOf(s.weightGrams()));
        cells.add(s == null ? null : String.valueOf(s.lengthMm()));
        cells.add(s == null ? null : String.valueOf(s.widthMm()));
        cells.add(s == null ? null : String.valueOf(s.heightMm()));
        cells.add(CsvCells.join(p.media().stream().map(m -> m.alt() == null ? m.url() : m.url() + " " + m.alt()).toList(), SEPARATOR));
        cells.add(CsvCells.join(p.seo().keywords(), SEPARATOR));
        cells.add(p.seo().metaTitle());
        cells.add(p.seo().metaDescription());
        cells.add(p.status().name());
        cells.add(String.valueOf(p.sellable()));
        cells.add(String.valueOf(p.version()));
        cells.add(p.updatedAt().toString());
        for (String code : attributes) {
            cells.add(cell(p.attributes().get(code)));
        }
        return cells;
    }

    private String cell(Object value) throws JsonProcessingException {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> items) {
            return CsvCells.join(items.stream().map(String::valueOf).toList(), SEPARATOR);
        }
        if (value instanceof Map<?, ?>) {
            return mapper.writeValueAsString(value);
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value.toString();
    }
}
