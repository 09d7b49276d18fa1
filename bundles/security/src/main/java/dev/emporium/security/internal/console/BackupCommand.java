package dev.emporium.security.internal.console;

import dev.emporium.security.internal.backup.BackupPlan;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code security:backup}: takes a backup of every department's tables now. */
@Service
@Command(scope = "security", name = "backup", description = "Backs up every department's tables to an archive in the backup directory")
public class BackupCommand implements Action {

    @Reference
    BackupPlan plan;

    @Reference
    Session session;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            BackupPlan.Taken t = plan.run(Console.actor(session), "console");
            System.out.println("Backup " + t.path());
            System.out.println(t.tables() + " tables, " + t.rows() + " rows, sha256 " + t.contentSha256());
            if (!t.deleted().isEmpty()) {
                System.out.println("Older backups deleted (retention): " + String.join(", ", t.deleted()));
            }
            return null;
        });
    }
}
