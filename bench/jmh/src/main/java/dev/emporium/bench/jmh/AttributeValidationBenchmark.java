package dev.emporium.bench.jmh;

import dev.emporium.catalog.api.ProductType;
import dev.emporium.catalog.internal.model.AttributeValues;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** The wine type's rules over one wine's ten attributes, as every import row and editor's write runs them. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AttributeValidationBenchmark {

    private ProductType type;
    private Map<String, Object> attributes;

    @Setup
    public void setUp() {
        type = Wines.type();
        attributes = Wines.attributes(new Random(7));
    }

    @Benchmark
    public AttributeValues.Checked checkWine() {
        return AttributeValues.check(type, attributes);
    }
}
