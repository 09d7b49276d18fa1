package dev.emporium.security.internal.console;

import dev.emporium.security.internal.backup.BackupPlan;
import dev.emporium.security.internal.backup.StoreRestore;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code security:restore [--force] [--datasource NAME] ARCHIVE}: restores a backup, all or nothing. */
@Service
@Command(scope = "security", name = "restore",
        description = "Restores a backup into a fresh store (all or nothing); refuses a store holding data unless --force")
public class RestoreCommand implements Action {

    @Option(name = "--force", description = "Replace the data of a store that already holds some")
    boolean force;

    @Option(name = "--datasource", description = "The dataSourceName of the target DataSource (default emporium, this store)")
    String datasource = "emporium";

    @Argument(index = 0, name = "archive", description = "A backup's name in the backup directory, or the path of an archive", required = true)
    String archive;

    @Reference
    BackupPlan plan;

    @Reference
    Session session;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            StoreRestore.Outcome o = plan.restore(Console.archive(plan, archive), datasource, force, Console.actor(session), "console");
            Console.printChecks(o);
            System.out.println("RESTORED into " + datasource + ": " + o.tables().size() + " tables, " + o.rows()
                    + " rows, identical to the archive" + (o.tablesCreated() ? " (tables created)" : ""));
            return null;
        });
    }
}
