package dev.emporium.platform.internal.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One numbered schema change of a department, as shipped in a {@code V001__name.sql} file. */
public record Migration(int version, String description, String sql) {

    private static final Pattern FILE_NAME = Pattern.compile("V(\\d{1,9})__([A-Za-z0-9][A-Za-z0-9_-]*)\\.sql");

    /** The width of {@code platform_schema_version.description}. */
    static final int MAX_DESCRIPTION = 200;

    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration versions start at 1: " + version);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(sql, "sql");
        if (description.isBlank() || description.length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException(
                    "a migration description has 1 to " + MAX_DESCRIPTION + " characters: " + description);
        }
    }

    /**
     * Reads the version and description from a resource name such as {@code V001__create_product.sql} (a leading
     * folder path is ignored).
     *
     * @throws IllegalArgumentException when the name does not have that form
     */
    public static Migration fromResource(String fileName, String sql) {
        String name = fileName.substring(fileName.lastIndexOf('/') + 1);
        Matcher m = FILE_NAME.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "migration file name must look like V001__create_product.sql: " + fileName);
        }
        try {
            return new Migration(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), sql);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(fileName + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 of the script text, lowercase hex; shows when a shipped migration was edited after it ran. */
    public String checksum() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(sql.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
