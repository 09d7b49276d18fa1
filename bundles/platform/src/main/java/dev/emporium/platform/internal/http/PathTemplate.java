package dev.emporium.platform.internal.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A route path such as {@code /api/catalog/products/{sku}}, matched segment by segment against decoded request paths. */
final class PathTemplate {

    private static final Pattern PARAM = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~-]+");

    private final String template;
    private final List<String> segments;
    private final List<String> paramNames;
    private final int literals;

    private PathTemplate(String template, List<String> segments, List<String> paramNames, int literals) {
        this.template = template;
        this.segments = segments;
        this.paramNames = paramNames;
        this.literals = literals;
    }

    static PathTemplate parse(String template) {
        List<String> parts = split(template);
        if (parts.size() < 2 || !parts.get(0).equals("api")) {
            throw new IllegalArgumentException("a route path starts with /api/<department>: " + template);
        }
        List<String> names = new ArrayList<>();
        int literals = 0;
        for (String part : parts) {
            var m = PARAM.matcher(part);
            if (m.matches()) {
                names.add(m.group(1));
            } else if (LITERAL.matcher(part).matches()) {
                literals++;
            } else {
                throw new IllegalArgumentException("bad path segment '" + part + "' in " + template);
            }
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("a path parameter is named twice in " + template);
        }
        boolean admin = parts.get(1).equals("admin");
        if (admin && parts.size() < 3) {
            throw new IllegalArgumentException("an admin route path is /api/admin/<department>/...: " + template);
        }
        if (PARAM.matcher(parts.get(admin ? 2 : 1)).matches()) {
            throw new IllegalArgumentException("the department segment cannot be a parameter: " + template);
        }
        return new PathTemplate(template, List.copyOf(parts), List.copyOf(names), literals);
    }

    /** Splits a path on '/', without empty segments from leading or doubled slashes. */
    static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                parts.add(s);
            }
        }
        return parts;
    }

    /** The path parameters when the request segments fit this template, else null. */
    Map<String, String> match(List<String> requestSegments) {
        if (requestSegments.size() != segments.size()) {
            return null;
        }
        Map<String, String> params = null;
        for (int i = 0; i < segments.size(); i++) {
            String mine = segments.get(i);
            String theirs = requestSegments.get(i);
            if (mine.charAt(0) == '{') {
                if (params == null) {
                    params = new HashMap<>();
                }
                params.put(mine.substring(1, mine.length() - 1), theirs);
            } else if (!mine.equals(theirs)) {
                return null;
            }
        }
        return params == null ? Map.of() : params;
    }

    /** More literal segments means a more specific match: {@code /products/search} wins over {@code /products/{sku}}. */
    int literals() {
        return literals;
    }

    List<String> paramNames() {
        return paramNames;
    }

    /** The department a request path belongs to: {@code /api/<dept>/...} or {@code /api/admin/<dept>/...}. */
    static String departmentOf(List<String> segments) {
        if (segments.size() < 2 || !segments.get(0).equals("api")) {
            return null;
        }
        if (segments.get(1).equals("admin")) {
            return segments.size() > 2 ? segments.get(2) : null;
        }
        return segments.get(1);
    }

    @Override
    public String toString() {
        return template;
    }
}
