package dev.emporium.security.internal.backup;

import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.ValidationException;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** The backup directory: names that sort by time, the retention, and names from clients that are never paths. */
public class BackupShelfTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void theRetentionKeepsTheNewestAndLeavesOtherFilesAlone() throws Exception {
        BackupShelf shelf = new BackupShelf(folder.getRoot().toPath());
        Instant t = Instant.parse("2026-11-25T02:00:00.123Z");
        for (int day = 0; day < 5; day++) {
            Files.writeString(shelf.next(t.plusSeconds(86_400L * day)), "not a zip");
        }
        Files.writeString(folder.getRoot().toPath().resolve("notes.txt"), "mine");
        assertEquals("emporium-backup-20261125-020000123Z.zip", shelf.next(t).getFileName().toString());
        List<String> deleted = shelf.prune(2);
        assertEquals(List.of("emporium-backup-20261127-020000123Z.zip", "emporium-backup-20261126-020000123Z.zip",
                "emporium-backup-20261125-020000123Z.zip"), deleted);
        List<BackupShelf.BackupFile> kept = shelf.list();
        assertEquals("emporium-backup-20261129-020000123Z.zip", kept.get(0).name());
        assertEquals(2, kept.size());
        assertTrue(kept.get(0).problem(), kept.get(0).problem().startsWith("unreadable"));
        assertTrue(Files.exists(folder.getRoot().toPath().resolve("notes.txt")));
    }

    @Test
    public void aNameFromAClientIsNeverAPath() {
        BackupShelf shelf = new BackupShelf(folder.getRoot().toPath());
        for (String bad : new String[] {"../etc/passwd", "/etc/passwd", "store.zip", "emporium-backup-2026.zip", null}) {
            try {
                shelf.named(bad);
                fail(bad);
            } catch (ValidationException expected) {
                assertEquals("name", expected.errors().get(0).field());
            }
        }
        try {
            shelf.named("emporium-backup-20000101-000000000Z.zip");
            fail();
        } catch (NotFoundException expected) {
            // a well-formed name that is not there
        }
        Path none = folder.getRoot().toPath().resolve("missing");
        assertEquals(List.of(), new BackupShelf(none).list());
    }
}
