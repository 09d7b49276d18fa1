package dev.emporium.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductInput;
import dev.emporium.platform.internal.json.JsonMapping;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * What a product read cost before the rendered page was kept: the stored JSON column parsed (CatalogStore) and the
 * product written as the answer's JSON (the gateway), with the shared mapper. A kept page costs neither.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProductJsonBenchmark {

    private final ObjectMapper mapper = JsonMapping.create();
    private Product product;
    private String stored;

    @Setup
    public void setUp() throws Exception {
        Random r = new Random(7);
        product = Wines.product(1, r, dev.emporium.catalog.internal.model.AttributeValues.check(Wines.type(),
                Wines.attributes(r)).values());
        stored = mapper.writeValueAsString(new ProductInput(product.sku(), product.slug(), product.name(),
                product.shortDescription(), product.longDescription(), product.brand(), product.type(),
                product.attributes(), product.categories(), product.price(), product.packPrices(), product.shipping(),
                product.media(), product.seo()));
    }

    /** The answer's bytes from the product object. */
    @Benchmark
    public byte[] renderProduct() throws Exception {
        return mapper.writeValueAsBytes(product);
    }

    /** The stored data column back into a product input. */
    @Benchmark
    public ProductInput parseStored() throws Exception {
        return mapper.readValue(stored, ProductInput.class);
    }
}
