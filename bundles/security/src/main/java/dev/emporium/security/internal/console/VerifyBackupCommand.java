package dev.emporium.security.internal.console;

import dev.emporium.security.internal.backup.BackupPlan;
import dev.emporium.security.internal.backup.StoreRestore;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code security:verify-backup ARCHIVE}: restores an archive into a scratch database and compares every table. */
@Service
@Command(scope = "security", name = "verify-backup",
        description = "Restores a backup into a scratch in-memory database and compares row counts and checksums per table")
public class VerifyBackupCommand implements Action {

    @Argument(index = 0, name = "archive", description = "A backup's name in the backup directory, or the path of an archive", required = true)
    String archive;

    @Reference
    BackupPlan plan;

    @Reference
    Session session;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            StoreRestore.Outcome o = plan.verify(Console.archive(plan, archive), Console.actor(session), "console");
            Console.printChecks(o);
            System.out.println(o.identical()
                    ? "VERIFIED: " + o.tables().size() + " tables, " + o.rows() + " rows restored and identical, sha256 " + o.contentSha256()
                    : "NOT IDENTICAL: see the tables above");
            return null;
        });
    }
}
