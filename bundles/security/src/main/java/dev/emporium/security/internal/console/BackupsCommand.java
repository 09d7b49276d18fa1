package dev.emporium.security.internal.console;

import dev.emporium.security.internal.backup.BackupPlan;
import dev.emporium.security.internal.backup.BackupShelf;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code security:backups}: the archives in the backup directory, newest first. */
@Service
@Command(scope = "security", name = "backups", description = "Lists the backups kept in the backup directory, newest first")
public class BackupsCommand implements Action {

    @Reference
    BackupPlan plan;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            System.out.println("Backup directory: " + plan.shelf().directory().toAbsolutePath());
            ShellTable table = new ShellTable();
            table.column("Name");
            table.column("Taken");
            table.column("Tables");
            table.column("Rows");
            table.column("Bytes");
            table.column("Note");
            for (BackupShelf.BackupFile f : plan.shelf().list()) {
                table.addRow().addContent(f.name(), f.createdAt() == null ? "" : f.createdAt(), f.tables() == null ? "" : f.tables(),
                        f.rows() == null ? "" : f.rows(), f.sizeBytes(), f.problem() == null ? "" : f.problem());
            }
            table.print(System.out);
            return null;
        });
    }
}
