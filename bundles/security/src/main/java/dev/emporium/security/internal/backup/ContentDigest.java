package dev.emporium.security.internal.backup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The checksum of a table's content whatever the order its rows come in: the SHA-256 of the sorted SHA-256s of its
 * canonical rows. Two engines sort text differently, so a row order cannot be part of what is compared.
 */
final class ContentDigest {

    private final List<byte[]> rows = new ArrayList<>();
    private long count;

    void add(String canonicalRow) {
        rows.add(sha256().digest(canonicalRow.getBytes(StandardCharsets.UTF_8)));
        count++;
    }

    long count() {
        return count;
    }

    String hex() {
        rows.sort(Arrays::compareUnsigned);
        MessageDigest all = sha256();
        rows.forEach(all::update);
        return HexFormat.of().formatHex(all.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** The checksum of the whole archive's content: each table's name and content checksum, in name order. */
    static String ofTables(List<BackupManifest.Table> tables) {
        MessageDigest all = sha256();
        tables.stream().sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(t -> all.update((t.name() + ":" + t.contentSha256() + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(all.digest());
    }
}
