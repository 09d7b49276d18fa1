package dev.emporium.platform.api;

/** The HTTP methods a route can answer. */
public enum HttpMethod {
    GET, POST, PUT, PATCH, DELETE
}
