package dev.emporium.platform.internal.json;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.emporium.platform.api.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.Test;

public class JsonMappingTest {

    private final ObjectMapper mapper = JsonMapping.create();

    public record Price(BigDecimal value) {
    }

    public record Count(int count) {
    }

    public record Name(String name) {
    }

    public record Flag(boolean on) {
    }

    public record Stamps(Instant at, OffsetDateTime local) {
    }

    public record Partial(String a, String b) {
    }

    @Test
    public void bigDecimalsAreWrittenAsStrings() throws Exception {
        assertEquals("{\"value\":\"12.50\"}", mapper.writeValueAsString(new Price(new BigDecimal("12.50"))));
        assertEquals("\"0.10\"", mapper.writeValueAsString(new BigDecimal("0.10")));
    }

    @Test
    public void moneyIsWrittenWithItsAmountAsAString() throws Exception {
        JsonNode json = mapper.readTree(mapper.writeValueAsString(Money.of("12.5", "EUR")));
        assertTrue(json.get("amount").isTextual());
        assertEquals("12.50", json.get("amount").textValue());
        assertEquals("EUR", json.get("currency").textValue());
    }

    @Test
    public void moneyIsReadFromAmountStringAndCurrency() throws Exception {
        assertEquals(Money.of("12.50", "EUR"), mapper.readValue("{\"amount\":\"12.50\",\"currency\":\"EUR\"}", Money.class));
    }

    @Test
    public void moneyRoundTripsAsAmountStringAndCurrency() throws Exception {
        Money price = Money.of("12.5", "EUR");
        String json = mapper.writeValueAsString(price);
        assertEquals("{\"amount\":\"12.50\",\"currency\":\"EUR\"}", json);
        assertEquals(price, mapper.readValue(json, Money.class));
    }

    @Test
    public void moneyReadFromJsonIsScaledAndChecked() throws Exception {
        assertEquals(new BigDecimal("3.00"), mapper.readValue("{\"amount\":\"3\",\"currency\":\"EUR\"}", Money.class).amount());
        assertThrows(ValueInstantiationException.class, () -> mapper.readValue("{\"amount\":\"3.001\",\"currency\":\"EUR\"}", Money.class));
    }

    @Test
    public void datesAreIso8601Strings() throws Exception {
        Instant at = Instant.parse("2024-05-01T10:15:30Z");
        OffsetDateTime local = OffsetDateTime.of(2024, 5, 1, 12, 15, 30, 0, ZoneOffset.ofHours(2));
        assertEquals("{\"at\":\"2024-05-01T10:15:30Z\",\"local\":\"2024-05-01T12:15:30+02:00\"}",
                mapper.writeValueAsString(new Stamps(at, local)));
        Stamps back = mapper.readValue("{\"at\":\"2024-05-01T10:15:30Z\",\"local\":\"2024-05-01T12:15:30+02:00\"}", Stamps.class);
        assertEquals(at, back.at());
        assertEquals(local.toInstant(), back.local().toInstant());
    }

    @Test
    public void aStringIsNotAnInt() {
        var e = assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"count\":\"12\"}", Count.class));
        assertEquals("count", e.getPath().get(0).getFieldName());
    }

    @Test
    public void aFloatIsNotAnInt() {
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"count\":12.5}", Count.class));
    }

    @Test
    public void anIntIsAnInt() throws Exception {
        assertEquals(new Count(12), mapper.readValue("{\"count\":12}", Count.class));
    }

    @Test
    public void aNumberIsNotAString() {
        var e = assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"name\":12}", Name.class));
        assertEquals("name", e.getPath().get(0).getFieldName());
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"name\":true}", Name.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"name\":1.5}", Name.class));
    }

    @Test
    public void booleansAreNotStringsOrNumbers() throws Exception {
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"on\":\"true\"}", Flag.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"on\":1}", Flag.class));
        assertEquals(new Flag(true), mapper.readValue("{\"on\":true}", Flag.class));
    }

    @Test
    public void aDecimalStringIsABigDecimal() throws Exception {
        Price p = mapper.readValue("{\"value\":\"12.5\"}", Price.class);
        assertEquals(new BigDecimal("12.5"), p.value());
        assertEquals(new BigDecimal("12.50"), mapper.readValue("{\"value\":12.50}", Price.class).value());
    }

    @Test
    public void nullsAreLeftOut() throws Exception {
        assertEquals("{\"a\":\"x\"}", mapper.writeValueAsString(new Partial("x", null)));
        assertEquals("{}", mapper.writeValueAsString(new Partial(null, null)));
    }

    @Test
    public void unknownFieldsAndDuplicateKeysAreRefused() {
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"a\":\"x\",\"c\":\"y\"}", Partial.class));
        assertThrows(Exception.class, () -> mapper.readValue("{\"a\":\"x\",\"a\":\"y\"}", Partial.class));
    }

    @Test
    public void theSharedMapperHasTheSameSettings() throws Exception {
        ObjectMapper shared = new SharedObjectMapper();
        assertEquals("{\"value\":\"12.50\"}", shared.writeValueAsString(new Price(new BigDecimal("12.50"))));
        assertThrows(MismatchedInputException.class, () -> shared.readValue("{\"count\":\"12\"}", Count.class));
    }
}
