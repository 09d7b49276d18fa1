package dev.emporium.platform.api;

import java.util.Map;

/** A response with a status, optional headers and an optional JSON body. */
public record RouteResponse(int status, Object body, Map<String, String> headers) {

    public RouteResponse {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status out of range: " + status);
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static RouteResponse ok(Object body) {
        return new RouteResponse(200, body, Map.of());
    }

    public static RouteResponse created(String location, Object body) {
        return new RouteResponse(201, body, Map.of("Location", location));
    }

    public static RouteResponse accepted(Object body) {
        return new RouteResponse(202, body, Map.of());
    }

    public static RouteResponse noContent() {
        return new RouteResponse(204, null, Map.of());
    }

    /** This response with one more header. */
    public RouteResponse withHeader(String name, String value) {
        var copy = new java.util.HashMap<>(headers);
        copy.put(name, value);
        return new RouteResponse(status, body, copy);
    }
}
