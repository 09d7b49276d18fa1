package dev.emporium.platform.api;

import java.util.List;
import java.util.Map;

/**
 * A refusal the gateway renders as RFC 9457 Problem Details. Throw one of the subclasses from route handlers and
 * services; never build error JSON by hand.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of(), Map.of());
    }

    public ProblemException(int status, String title, String detail, List<FieldError> errors, Map<String, String> headers) {
        super(detail);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem has a 4xx or 5xx status, not " + status);
        }
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** Field-level errors, for validation problems. */
    public List<FieldError> errors() {
        return errors;
    }

    /** Extra response headers, such as {@code Retry-After} or {@code Allow}. */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * The refusal as a console shows it: {@code Refused: <detail>}, then one indented {@code field: message} line per
     * field when there are several.
     */
    public String asText() {
        StringBuilder text = new StringBuilder("Refused: ").append(detail());
        if (errors.size() > 1) {
            for (FieldError e : errors) {
                text.append(System.lineSeparator()).append("  ").append(e.field()).append(": ").append(e.message());
            }
        }
        return text.toString();
    }

    /** Problems are expected outcomes: no stack trace is worth its cost. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
