package dev.emporium.platform.api;

/**
 * A cursor and a limit asked for by a client. The cursor is opaque to clients: each collection decides what it encodes.
 */
public record PageRequest(String cursor, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (cursor != null && (cursor.isEmpty() || cursor.length() > 512)) {
            throw new ValidationException("cursor", "must be a cursor returned by a previous page");
        }
    }

    /** Reads the query parameters {@code cursor} and {@code limit}, refusing bad values with field errors. */
    public static PageRequest parse(String cursor, String limit) {
        int n = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw new ValidationException("limit", "must be a whole number between 1 and " + MAX_LIMIT);
            }
        }
        return new PageRequest(cursor, n);
    }
}
