package dev.emporium.platform.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * This node's id among the nodes sharing one database: the configured {@code nodeId}, or else one generated on the
 * first start (host name, Karaf instance name and a random part) and kept under {@code karaf.data}, so a restart is the
 * same node and catches up on what it missed.
 */
final class NodeIdentity {

    static final String FILE = "emporium/node-id";

    private NodeIdentity() {
    }

    static String resolve(String configured, String karafData, String karafName) {
        if (configured != null && !configured.isBlank()) {
            return clean(configured);
        }
        String generated = clean(host() + "-" + (karafName == null || karafName.isBlank() ? "karaf" : karafName) + "-"
                + HexFormat.of().formatHex(new SecureRandom().generateSeed(3)));
        if (karafData == null || karafData.isBlank()) {
            return generated;
        }
        Path file = Path.of(karafData).resolve(FILE);
        try {
            if (Files.exists(file)) {
                String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!kept.isEmpty()) {
                    return clean(kept);
                }
            }
            Files.createDirectories(file.getParent());
            try {
                Files.writeString(file, generated + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
                return generated;
            } catch (FileAlreadyExistsException e) {
                return clean(Files.readString(file, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep this node's id in " + file + ": " + e.getMessage()
                    + " (set nodeId in etc/dev.emporium.platform.cfg)", e);
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "node";
        }
    }

    /** Lower case letters, digits, '.', '_' and '-', at most 100 characters. */
    static String clean(String id) {
        String s = id.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return s.length() > 100 ? s.substring(0, 100) : s;
    }
}
