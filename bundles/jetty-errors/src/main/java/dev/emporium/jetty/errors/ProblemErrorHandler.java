package dev.emporium.jetty.errors;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Jetty's answer to what it refuses itself, before any servlet sees the request (a path with {@code %00} or a bad
 * encoding, ambiguous path parameters, a bad or missing Host, a URI or headers too long, an unknown HTTP version) and
 * to an error no context handles: a Problem (RFC 9457, {@code application/problem+json}) like every other answer of
 * the store, whatever the request accepts, instead of Jetty's HTML page. No stack trace, no server name or version,
 * and no detail for a 5xx. Installed as the server's error handler by this fragment's {@code /jetty.xml}.
 *
 * <p>The body is written by hand: the class runs inside Pax Web's Jetty bundle, which sees no JSON library.
 */
public class ProblemErrorHandler extends ErrorHandler {

    static final String PROBLEM_JSON = "application/problem+json;charset=utf-8";
    private static final int MAX_DETAIL = 200;

    public ProblemErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
        setShowMessageInTitle(false);
    }

    /** Every method gets a body, not only GET, POST and HEAD: a client reads the Problem whatever it sent. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    /** Refusals of the HTTP parser (400, 414, 431, 505...): the connection closes after this body. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
        if (HttpStatus.hasNoBody(status)) {
            return ByteBuffer.allocate(0);
        }
        fields.put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        fields.put("X-Content-Type-Options", "nosniff");
        return ByteBuffer.wrap(problem(status, reason, null).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
                                              int code, String message) throws IOException {
        byte[] body = problem(code, message, baseRequest.getRequestURI()).getBytes(StandardCharsets.UTF_8);
        baseRequest.setHandled(true);
        response.setHeader(HttpHeader.CACHE_CONTROL.asString(), "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentType(PROBLEM_JSON);
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    /**
     * A Problem document: the status's title; Jetty's reason as the detail for a client error when it is a short line
     * (never for a server error, whose message may come from an exception).
     */
    static String problem(int status, String reason, String instance) {
        String title = HttpStatus.getMessage(status);
        StringBuilder json = new StringBuilder(160).append("{\"type\":\"about:blank\",\"title\":");
        quote(json, title == null ? "Error" : title);
        json.append(",\"status\":").append(status);
        String detail = detail(status, reason, title);
        if (detail != null) {
            json.append(",\"detail\":");
            quote(json, detail);
        }
        if (instance != null && !instance.isEmpty()) {
            json.append(",\"instance\":");
            quote(json, instance.length() > MAX_DETAIL ? instance.substring(0, MAX_DETAIL) + "…" : instance);
        }
        return json.append('}').toString();
    }

    private static String detail(int status, String reason, String title) {
        if (status >= 500 || reason == null || reason.isBlank() || reason.equals(title) || reason.length() > MAX_DETAIL
                || reason.contains("\n") || reason.contains("Exception") || reason.contains("\tat ")) {
            return null;
        }
        return reason;
    }

    /** Appends {@code s} as a JSON string; everything outside printable ASCII is escaped. */
    static void quote(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
