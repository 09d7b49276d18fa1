package dev.emporium.security.internal.console;

import dev.emporium.platform.api.PageRequest;
import dev.emporium.security.api.AuditEntry;
import dev.emporium.security.internal.SecurityService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code security:audit [--account NAME] [--limit N]}: the newest lines of the security audit trail. */
@Service
@Command(scope = "security", name = "audit", description = "Shows the newest lines of the security audit trail")
public class AuditCommand implements Action {

    @Option(name = "--account", description = "Only lines whose actor or subject is this admin")
    String account;

    @Option(name = "--limit", description = "How many lines (default 50)")
    int limit = 50;

    @Reference
    SecurityService security;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            ShellTable table = new ShellTable();
            table.column("When");
            table.column("Actor");
            table.column("Action");
            table.column("Subject");
            table.column("From");
            table.column("Outcome");
            table.column("Detail");
            for (AuditEntry e : security.book().audit().page(new PageRequest(null, limit), account).items()) {
                table.addRow().addContent(e.at(), e.actor(), e.action(), e.subject() == null ? "" : e.subject(), e.address(),
                        e.outcome(), e.detail() == null ? "" : e.detail());
            }
            table.print(System.out);
            return null;
        });
    }
}
