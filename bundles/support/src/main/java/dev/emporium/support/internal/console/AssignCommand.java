package dev.emporium.support.internal.console;

import dev.emporium.platform.api.ValidationException;
import dev.emporium.support.internal.SupportService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** {@code support:assign case|follow-up|chat ID AGENT}. */
@Service
@Command(scope = "support", name = "assign", description = "Assigns a case, a follow-up or a chat to an agent")
public class AssignCommand implements Action {

    @Argument(index = 0, name = "what", description = "case, follow-up or chat", required = true)
    @Completion(value = StringsCompleter.class, values = {"case", "follow-up", "chat"})
    String what;

    @Argument(index = 1, name = "id", description = "Its id", required = true)
    String id;

    @Argument(index = 2, name = "agent", description = "The agent's name", required = true)
    String agent;

    @Reference
    SupportService support;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            switch (what) {
                case "case" -> support.cases().assign(number(), agent);
                case "follow-up" -> support.followUps().assign(number(), agent);
                case "chat" -> support.chats().assign(id, agent);
                default -> throw new ValidationException("what", "case, follow-up or chat");
            }
            System.out.println(what + " " + id + " assigned to " + agent);
            return null;
        });
    }

    private long number() {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new ValidationException("id", "a number");
        }
    }
}
