package dev.emporium.platform.api;

import java.util.List;
import java.util.Optional;

/** What a route handler sees of an HTTP request. */
public interface RouteRequest {

    HttpMethod method();

    /** The request path, such as {@code /api/catalog/products/W-1}. */
    String path();

    /** A path parameter of the route's template; never null for a name the template declares. */
    String pathParam(String name);

    /** The first value of a query parameter. */
    Optional<String> query(String name);

    /** Every value of a query parameter. */
    List<String> queryAll(String name);

    /** The first value of a request header. */
    Optional<String> header(String name);

    /**
     * The JSON body read as {@code type} with the shared mapper.
     *
     * @throws ProblemException 400 when the body is missing, malformed or does not fit the type, 415 when it is not JSON
     */
    <T> T body(Class<T> type);

    /** The raw body bytes (empty when there is none). */
    byte[] rawBody();

    /** The authenticated caller; empty on public routes called anonymously. */
    Optional<Caller> caller();

    /** The client's address. */
    String remoteAddress();

    /** The {@code Idempotency-Key} header, if the client sent one. */
    default Optional<String> idempotencyKey() {
        return header("Idempotency-Key");
    }

    /** The paging the client asked for, validated. */
    default PageRequest page() {
        return PageRequest.parse(query("cursor").orElse(null), query("limit").orElse(null));
    }
}
