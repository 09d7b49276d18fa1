package dev.emporium.platform.internal.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.emporium.platform.api.BadRequestException;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ServletRouteRequestTest {

    @Test
    public void noQueryIsEmpty() {
        assertEquals(Map.of(), ServletRouteRequest.parseQuery(null));
        assertEquals(Map.of(), ServletRouteRequest.parseQuery(""));
        assertEquals(Map.of(), ServletRouteRequest.parseQuery("&&"));
    }

    @Test
    public void repeatedParametersKeepEveryValueInOrder() {
        var q = ServletRouteRequest.parseQuery("tag=red&size=m&tag=blue&tag=red");
        assertEquals(List.of("red", "blue", "red"), q.get("tag"));
        assertEquals(List.of("m"), q.get("size"));
        assertEquals(List.of("tag", "size"), List.copyOf(q.keySet()));
    }

    @Test
    public void plusAndPercentTwentyAreSpaces() {
        var q = ServletRouteRequest.parseQuery("q=red+shoe&r=a%20b&s=%2B1&t=caf%C3%A9");
        assertEquals(List.of("red shoe"), q.get("q"));
        assertEquals(List.of("a b"), q.get("r"));
        assertEquals(List.of("+1"), q.get("s"));
        assertEquals(List.of("caf\u00e9"), q.get("t"));
    }

    @Test
    public void namesAreDecodedToo() {
        assertEquals(List.of("1"), ServletRouteRequest.parseQuery("sort%20by=1").get("sort by"));
    }

    @Test
    public void emptyValues() {
        var q = ServletRouteRequest.parseQuery("a=&b&c=1=2");
        assertEquals(List.of(""), q.get("a"));
        assertEquals(List.of(""), q.get("b"));
        assertEquals(List.of("1=2"), q.get("c"));
    }

    @Test
    public void badPercentEncodingIsABadRequest() {
        for (String bad : new String[] {"q=%zz", "q=100%", "q=%4", "%G1=x"}) {
            var e = assertThrows(bad, BadRequestException.class, () -> ServletRouteRequest.parseQuery(bad));
            assertEquals(400, e.status());
            assertTrue(e.detail(), e.detail().startsWith("bad percent-encoding in '"));
        }
    }

    @Test
    public void decodeQuotesAtMostSixtyCharactersOfTheBadInput() {
        String bad = "x".repeat(100) + "%zz";
        var e = assertThrows(BadRequestException.class, () -> ServletRouteRequest.decode(bad));
        assertEquals("bad percent-encoding in '" + "x".repeat(60) + "'", e.detail());
        assertEquals("a/b c", ServletRouteRequest.decode("a%2Fb+c"));
    }
}
