package dev.emporium.platform.api;

import org.junit.Test;

import java.util.List;

import static org.junit.Assert.assertEquals;

public class ProblemTextTest {

    @Test
    public void oneFieldIsTheDetailAlone() {
        assertEquals("Refused: sku: is required", new ValidationException("sku", "is required").asText());
    }

    @Test
    public void severalFieldsAreListedOneALine() {
        String nl = System.lineSeparator();
        assertEquals("Refused: 2 fields are invalid" + nl + "  sku: is required" + nl + "  price: must not be negative",
                new ValidationException(List.of(new FieldError("sku", "is required"), new FieldError("price", "must not be negative"))).asText());
    }

    @Test
    public void otherProblemsShowTheirDetail() {
        assertEquals("Refused: no product W-1", new NotFoundException("no product W-1").asText());
    }
}
