package dev.emporium.jetty.errors;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

public class ProblemErrorHandlerTest {

    private final ProblemErrorHandler handler = new ProblemErrorHandler();

    @Test
    public void aRefusalOfTheParserIsAProblemWithJettysReason() {
        HttpFields fields = new HttpFields();
        ByteBuffer body = handler.badMessageError(400, "Ambiguous path parameters", fields);
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"Ambiguous path parameters\"}",
                StandardCharsets.UTF_8.decode(body).toString());
        assertEquals(ProblemErrorHandler.PROBLEM_JSON, fields.get(HttpHeader.CONTENT_TYPE));
        assertEquals("nosniff", fields.get("X-Content-Type-Options"));
    }

    @Test
    public void theTitleIsTheStatusAndARepeatedTitleIsNoDetail() {
        assertEquals("{\"type\":\"about:blank\",\"title\":\"URI Too Long\",\"status\":414}",
                ProblemErrorHandler.problem(414, "URI Too Long", null));
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Request Header Fields Too Large\",\"status\":431}",
                ProblemErrorHandler.problem(431, null, null));
    }

    @Test
    public void aServerErrorOrAnExceptionNeverShowsItsMessage() {
        String p = ProblemErrorHandler.problem(500, "java.lang.IllegalStateException: secret at line 3", "/x");
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Server Error\",\"status\":500,\"instance\":\"/x\"}", p);
        assertFalse(ProblemErrorHandler.problem(400, "org.foo.BarException: boom", null).contains("boom"));
        assertFalse(ProblemErrorHandler.problem(400, "line one\n\tat org.foo.Bar", null).contains("org.foo"));
    }

    @Test
    public void quotesAndControlAndNonAsciiCharactersAreEscaped() {
        StringBuilder json = new StringBuilder();
        ProblemErrorHandler.quote(json, "a\"b\\c\u0000d</script>é\uD83C\uDF77");
        assertEquals("\"a\\\"b\\\\c\\u0000d</script>\\u00e9\\ud83c\\udf77\"", json.toString());
    }

    @Test
    public void aResponseWithoutBodyStaysWithoutBody() {
        assertEquals(0, handler.badMessageError(304, "Not Modified", new HttpFields()).remaining());
    }

    @Test
    public void everyMethodGetsABody() {
        assertEquals(true, handler.errorPageForMethod("BREW"));
        assertEquals(true, handler.errorPageForMethod("PUT"));
    }
}
