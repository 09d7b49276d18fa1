package dev.emporium.platform.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.platform.api.BadRequestException;
import dev.emporium.platform.api.Caller;
import dev.emporium.platform.api.HttpMethod;
import dev.emporium.platform.api.RouteRequest;

import javax.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A route's view of a servlet request whose body was already read within the size limit. */
final class ServletRouteRequest implements RouteRequest {

    private final HttpServletRequest request;
    private final HttpMethod method;
    private final String path;
    private final Map<String, String> params;
    private final Map<String, List<String>> query;
    private final byte[] body;
    private final Caller caller;
    private final ObjectMapper mapper;

    ServletRouteRequest(HttpServletRequest request, HttpMethod method, String path, Map<String, String> params,
                        byte[] body, Caller caller, ObjectMapper mapper) {
        this.request = request;
        this.method = method;
        this.path = path;
        this.params = params;
        this.query = parseQuery(request.getQueryString());
        this.body = body;
        this.caller = caller;
        this.mapper = mapper;
    }

    /** Parses the query string ourselves: the servlet's parameter map would also read form bodies. */
    static Map<String, List<String>> parseQuery(String queryString) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return result;
        }
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            result.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("bad percent-encoding in '" + (s.length() > 60 ? s.substring(0, 60) : s) + "'");
        }
    }

    @Override
    public HttpMethod method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String pathParam(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route declares no path parameter " + name);
        }
        return value;
    }

    @Override
    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public List<String> queryAll(String name) {
        return List.copyOf(query.getOrDefault(name, List.of()));
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeader(name));
    }

    @Override
    public <T> T body(Class<T> type) {
        return JsonBodies.read(mapper, body, request.getContentType(), type);
    }

    @Override
    public byte[] rawBody() {
        return body.clone();
    }

    @Override
    public Optional<Caller> caller() {
        return Optional.ofNullable(caller);
    }

    @Override
    public String remoteAddress() {
        return request.getRemoteAddr();
    }
}
