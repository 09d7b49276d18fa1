package dev.emporium.security.internal.console;

import dev.emporium.platform.api.ProblemException;
import dev.emporium.security.internal.backup.BackupPlan;
import dev.emporium.security.internal.backup.StoreRestore;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.ShellUtil;

import org.apache.karaf.shell.support.table.ShellTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** What the security commands share: the admin's name and refusals printed as one plain line, not a stack trace. */
final class Console {

    private Console() {
    }

    static Object refusalsAsText(Supplier<Object> command) {
        try {
            return command.get();
        } catch (ProblemException p) {
            System.out.println(p.asText());
            return null;
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            // the store could not do it (a backup that cannot be written, a restore rolled back): the reason, not a trace
            System.out.println("Failed: " + e.getMessage());
            return null;
        }
    }

    /** The signed-in console user, for the audit trail. */
    static String actor(Session session) {
        String user = ShellUtil.getCurrentUserName();
        if (user == null && session != null && session.get("USER") != null) {
            user = String.valueOf(session.get("USER"));
        }
        return "console:" + (user == null ? "unknown" : user);
    }

    /** A backup's name in the backup directory, else a path (relative to Karaf's folder). */
    static Path archive(BackupPlan plan, String argument) {
        Path kept = plan.shelf().directory().resolve(argument);
        if (!argument.contains("/") && !argument.contains("\\") && Files.isRegularFile(kept)) {
            return kept;
        }
        return Path.of(argument);
    }

    static void printChecks(StoreRestore.Outcome o) {
        ShellTable table = new ShellTable();
        table.column("Table");
        table.column("Rows");
        table.column("Restored");
        table.column("SHA-256");
        table.column("Same");
        for (StoreRestore.TableCheck k : o.tables()) {
            table.addRow().addContent(k.table(), k.archivedRows(), k.restoredRows(), k.archivedSha256().substring(0, 16),
                    k.identical() ? "yes" : "NO");
        }
        table.print(System.out);
    }
}
