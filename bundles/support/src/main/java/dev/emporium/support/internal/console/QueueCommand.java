package dev.emporium.support.internal.console;

import dev.emporium.support.internal.SupportService;
import dev.emporium.support.internal.chat.Conversation;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code support:queue}: the chats waiting for an agent, oldest first (or those of another status). */
@Service
@Command(scope = "support", name = "queue", description = "Lists live chats waiting for an agent, oldest first")
public class QueueCommand implements Action {

    @Option(name = "--status", description = "WAITING (default), ACTIVE or CLOSED")
    String status = "WAITING";

    @Reference
    SupportService support;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            ShellTable t = new ShellTable();
            t.column("Id");
            t.column("Status");
            t.column("Opened");
            t.column("Customer");
            t.column("Topic");
            t.column("Agent");
            for (Conversation c : support.chats().list(status.toUpperCase(java.util.Locale.ROOT), null, 200)) {
                t.addRow().addContent(c.id(), c.status(), c.createdAt(), Console.or(c.customerId()), Console.or(c.topic()), Console.or(c.agent()));
            }
            t.print(System.out);
            return null;
        });
    }
}
