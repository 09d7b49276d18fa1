package dev.emporium.platform.internal.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.platform.api.BadRequestException;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.platform.internal.json.JsonMapping;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class JsonBodiesTest {

    private static final ObjectMapper MAPPER = JsonMapping.create();
    private static final String JSON = "application/json";

    public record Line(String sku, int quantity) {
    }

    public record Order(String customer, List<Line> lines) {
    }

    public record Attributes(Map<String, Object> attributes) {
    }

    /** Refuses with a field error of its own, as a record may. */
    public record Coupon(String code) {
        public static final ValidationException REFUSAL = new ValidationException("code", "is not a coupon we know");

        public Coupon {
            if (code.startsWith("X")) {
                throw REFUSAL;
            }
        }
    }

    /** Refuses with a plain IllegalArgumentException. */
    public record Quantity(int value) {
        public Quantity {
            if (value < 1) {
                throw new IllegalArgumentException("must be at least 1");
            }
        }
    }

    public record Basket(List<Quantity> quantities) {
    }

    private static <T> T read(String body, String contentType, Class<T> type) {
        return JsonBodies.read(MAPPER, body.getBytes(StandardCharsets.UTF_8), contentType, type);
    }

    private static <T> T read(String body, Class<T> type) {
        return read(body, JSON, type);
    }

    private static FieldError onlyError(ValidationException e) {
        assertEquals(e.errors().toString(), 1, e.errors().size());
        return e.errors().get(0);
    }

    @Test
    public void readsAValidBody() {
        Order order = read("{\"customer\":\"c-1\",\"lines\":[{\"sku\":\"W-1\",\"quantity\":2}]}", Order.class);
        assertEquals(new Order("c-1", List.of(new Line("W-1", 2))), order);
    }

    @Test
    public void anEmptyBodyIsABadRequest() {
        var e = assertThrows(BadRequestException.class, () -> JsonBodies.read(MAPPER, new byte[0], JSON, Line.class));
        assertEquals(400, e.status());
        assertEquals("a JSON request body is required", e.detail());
    }

    @Test
    public void aMissingContentTypeIsUnsupported() {
        var e = assertThrows(ProblemException.class, () -> read("{}", null, Line.class));
        assertEquals(415, e.status());
        assertEquals("send the body as application/json, not without a Content-Type", e.detail());
    }

    @Test
    public void aNonJsonContentTypeIsUnsupported() {
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "text/json", "application/jsonp"}) {
            var e = assertThrows(type, ProblemException.class, () -> read("{\"sku\":\"a\",\"quantity\":1}", type, Line.class));
            assertEquals(type, 415, e.status());
            assertEquals("send the body as application/json, not " + type, e.detail());
        }
    }

    @Test
    public void jsonContentTypesAreAcceptedWithSuffixAndParameters() {
        String body = "{\"sku\":\"a\",\"quantity\":1}";
        assertEquals(new Line("a", 1), read(body, "application/merchant+json", Line.class));
        assertEquals(new Line("a", 1), read(body, "application/json; charset=utf-8", Line.class));
        assertEquals(new Line("a", 1), read(body, "Application/JSON", Line.class));
    }

    @Test
    public void malformedJsonNamesLineAndColumn() {
        var e = assertThrows(BadRequestException.class, () -> read("{\n  \"sku\": tru\n}", Line.class));
        assertEquals(400, e.status());
        assertTrue(e.detail(), e.detail().startsWith("malformed JSON at line 2, column "));
        assertTrue(e.detail(), e.detail().contains("'tru'"));
        assertTrue("only the first line of Jackson's message: " + e.detail(), !e.detail().contains("\n"));
    }

    @Test
    public void anUnfinishedDocumentIsMalformed() {
        var e = assertThrows(BadRequestException.class, () -> read("{\"sku\":\"a\"", Line.class));
        assertTrue(e.detail(), e.detail().startsWith("malformed JSON at line 1, column "));
    }

    @Test
    public void malformedJsonInsideAnArrayIsStillMalformed() {
        var e = assertThrows(BadRequestException.class,
                () -> read("{\"customer\":\"c\",\"lines\":[{\"sku\":\"a\",\"quantity\":1},]}", Order.class));
        assertTrue(e.detail(), e.detail().startsWith("malformed JSON at line 1, column "));
    }

    @Test
    public void anUnknownFieldIsNamed() {
        var e = assertThrows(ValidationException.class, () -> read("{\"sku\":\"a\",\"quantity\":1,\"colour\":\"red\"}", Line.class));
        assertEquals(new FieldError("colour", "unknown field"), onlyError(e));
        assertEquals(400, e.status());
    }

    @Test
    public void aWrongTypeNamesTheField() {
        var e = assertThrows(ValidationException.class, () -> read("{\"sku\":\"a\",\"quantity\":\"many\"}", Line.class));
        FieldError error = onlyError(e);
        assertEquals("quantity", error.field());
        assertEquals("wrong JSON type, expected int", error.message());
    }

    @Test
    public void anObjectWhereAStringBelongsNamesTheField() {
        var e = assertThrows(ValidationException.class, () -> read("{\"sku\":{},\"quantity\":1}", Line.class));
        FieldError error = onlyError(e);
        assertEquals("sku", error.field());
        assertEquals("wrong JSON type, expected String", error.message());
    }

    @Test
    public void aMissingPrimitiveIsRequired() {
        var e = assertThrows(ValidationException.class, () -> read("{\"sku\":\"a\"}", Line.class));
        assertEquals(new FieldError("quantity", "is required"), onlyError(e));
    }

    @Test
    public void aNullPrimitiveIsRequired() {
        var e = assertThrows(ValidationException.class, () -> read("{\"sku\":\"a\",\"quantity\":null}", Line.class));
        assertEquals(new FieldError("quantity", "is required"), onlyError(e));
    }

    @Test
    public void nestedErrorsCarryTheirJsonPath() {
        var e = assertThrows(ValidationException.class, () -> read(
                "{\"customer\":\"c\",\"lines\":[{\"sku\":\"a\",\"quantity\":1},{\"sku\":5,\"quantity\":1}]}", Order.class));
        FieldError error = onlyError(e);
        assertEquals("lines[1].sku", error.field());
        assertEquals("cannot read '5' as String", error.message());

        var unknown = assertThrows(ValidationException.class, () -> read(
                "{\"customer\":\"c\",\"lines\":[{\"sku\":\"a\",\"quantity\":1,\"colour\":\"red\"}]}", Order.class));
        assertEquals(new FieldError("lines[0].colour", "unknown field"), onlyError(unknown));

        var missing = assertThrows(ValidationException.class, () -> read(
                "{\"customer\":\"c\",\"lines\":[{\"sku\":\"a\",\"quantity\":1},{\"sku\":\"b\"}]}", Order.class));
        assertEquals(new FieldError("lines[1].quantity", "is required"), onlyError(missing));
    }

    @Test
    public void aValidationExceptionFromTheConstructorPassesThroughUnchanged() {
        var e = assertThrows(ValidationException.class, () -> read("{\"code\":\"XMAS\"}", Coupon.class));
        assertSame(Coupon.REFUSAL, e);
        assertEquals(new FieldError("code", "is not a coupon we know"), onlyError(e));
    }

    @Test
    public void anIllegalArgumentFromTheConstructorBecomesAFieldError() {
        var e = assertThrows(ValidationException.class, () -> read("{\"value\":0}", Quantity.class));
        assertEquals(new FieldError("body", "must be at least 1"), onlyError(e));

        var nested = assertThrows(ValidationException.class, () -> read("{\"quantities\":[{\"value\":2},{\"value\":0}]}", Basket.class));
        assertEquals(new FieldError("quantities[1]", "must be at least 1"), onlyError(nested));
    }

    @Test
    public void aJsonNullBodyIsABadRequest() {
        var e = assertThrows(BadRequestException.class, () -> read("null", Line.class));
        assertEquals(400, e.status());
        assertEquals("the request body is JSON null; a JSON object is required", e.detail());
    }

    @Test
    public void aBodyOfTheWrongShapeIsABadRequest() {
        var e = assertThrows(BadRequestException.class, () -> read("[1,2]", Line.class));
        assertEquals(400, e.status());
        assertTrue(e.detail(), e.detail().startsWith("the request body must be a JSON object of the expected shape"));
    }

    @Test
    public void trailingTokensAreABadRequest() {
        var e = assertThrows(ProblemException.class, () -> read("{} {}", Attributes.class));
        assertEquals(400, e.status());
        var after = assertThrows(ProblemException.class, () -> read("{\"sku\":\"a\",\"quantity\":1} 5", Line.class));
        assertEquals(400, after.status());
    }

    @Test
    public void tooDeepNestingIsABadRequest() {
        String deep = "{\"attributes\":" + "{\"a\":".repeat(70) + "1" + "}".repeat(70) + "}";
        var e = assertThrows(ProblemException.class, () -> read(deep, Attributes.class));
        assertEquals(400, e.status());
        assertTrue(e.getMessage(), e.getMessage().contains("nesting depth"));
    }

    @Test
    public void tooDeepArraysAreABadRequest() {
        String deep = "[".repeat(70) + "]".repeat(70);
        var e = assertThrows(ProblemException.class, () -> read(deep, Object.class));
        assertEquals(400, e.status());
    }

    @Test
    public void tooDeepNestingIsReportedAsTooDeep() {
        String deep = "{\"attributes\":" + "{\"a\":".repeat(70) + "1" + "}".repeat(70) + "}";
        var e = assertThrows(BadRequestException.class, () -> read(deep, Attributes.class));
        assertTrue(e.detail(), e.detail().startsWith("the request body is too deep or has a too long value"));
    }

    @Test
    public void aTooLongNumberIsABadRequest() {
        var e = assertThrows(BadRequestException.class, () -> read("{\"sku\":\"a\",\"quantity\":1" + "2".repeat(80) + "}", Line.class));
        assertTrue(e.detail(), e.detail().startsWith("the request body is too deep or has a too long value: Number value length"));
    }

    @Test
    public void nestingWithinTheLimitIsRead() {
        String ok = "{\"attributes\":" + "{\"a\":".repeat(60) + "1" + "}".repeat(60) + "}";
        Attributes a = read(ok, Attributes.class);
        assertEquals(1, a.attributes().size());
    }
}
