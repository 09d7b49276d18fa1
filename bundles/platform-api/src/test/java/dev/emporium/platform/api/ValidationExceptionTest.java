package dev.emporium.platform.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

public class ValidationExceptionTest {

    @Test
    public void namesAtLeastOneField() {
        var empty = assertThrows(IllegalArgumentException.class, () -> new ValidationException(List.of()));
        assertEquals("a validation problem names at least one field", empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ValidationException((List<FieldError>) null));
    }

    @Test
    public void oneFieldIsSummedUpInTheDetail() {
        var e = new ValidationException("sku", "is required");
        assertEquals(400, e.status());
        assertEquals("Invalid request", e.title());
        assertEquals("sku: is required", e.detail());
        assertEquals(List.of(new FieldError("sku", "is required")), e.errors());
    }

    @Test
    public void severalFieldsAreCounted() {
        var errors = List.of(new FieldError("sku", "is required"), new FieldError("price", "must be positive"));
        var e = new ValidationException(errors);
        assertEquals("2 fields are invalid", e.detail());
        assertEquals(errors, e.errors());
    }
}
