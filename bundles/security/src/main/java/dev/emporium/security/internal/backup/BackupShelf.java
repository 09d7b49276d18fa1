package dev.emporium.security.internal.backup;

import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.ValidationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The backup directory: names of new archives, the list of those kept, and the retention that deletes the oldest. */
public final class BackupShelf {

    /** An archive in the directory, described from its manifest ({@code problem} says why when that cannot be read). */
    public record BackupFile(String name, long sizeBytes, String createdAt, Integer tables, Long rows,
                             String contentSha256, String problem) {
    }

    private static final Pattern NAME = Pattern.compile("emporium-backup-\\d{8}-\\d{9}Z\\.zip");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final Path directory;

    public BackupShelf(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** Where a backup taken now goes; names sort by time. */
    public Path next(Instant now) {
        return directory.resolve("emporium-backup-" + STAMP.format(now) + ".zip");
    }

    /** The archives kept, newest first. */
    public List<BackupFile> list() {
        List<BackupFile> out = new ArrayList<>();
        for (Path p : archives()) {
            out.add(describe(p));
        }
        return out;
    }

    /** Deletes all but the newest {@code keep} archives; answers the names deleted. */
    public List<String> prune(int keep) {
        List<String> deleted = new ArrayList<>();
        List<Path> all = archives();
        for (Path p : all.subList(Math.min(keep, all.size()), all.size())) {
            try {
                Files.deleteIfExists(p);
                deleted.add(p.getFileName().toString());
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete the old backup " + p + ": " + e.getMessage(), e);
            }
        }
        return deleted;
    }

    /**
     * The archive of this name in the directory.
     *
     * @throws ValidationException when the name is not an archive name (no paths from a client)
     * @throws NotFoundException   when there is none
     */
    public Path named(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ValidationException("name", "must be the name of a backup, like emporium-backup-20260101-000000000Z.zip");
        }
        Path p = directory.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new NotFoundException("no backup named " + name + " in " + directory);
        }
        return p;
    }

    private List<Path> archives() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + directory + ": " + e.getMessage(), e);
        }
    }

    private static BackupFile describe(Path p) {
        String name = p.getFileName().toString();
        long size;
        try {
            size = Files.size(p);
        } catch (IOException e) {
            return new BackupFile(name, -1, null, null, null, null, "unreadable: " + e.getMessage());
        }
        try (ZipFile zip = new ZipFile(p.toFile())) {
            ZipEntry entry = zip.getEntry(StoreBackup.MANIFEST);
            if (entry == null) {
                return new BackupFile(name, size, null, null, null, null, "no manifest");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                BackupManifest m = StoreBackup.JSON.readValue(in, BackupManifest.class);
                return new BackupFile(name, size, m.createdAt(), m.tables().size(), m.totalRows(), m.contentSha256(), null);
            }
        } catch (IOException | RuntimeException e) {
            return new BackupFile(name, size, null, null, null, null, "unreadable: " + e.getMessage());
        }
    }
}
