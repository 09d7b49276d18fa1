package dev.emporium.support.internal.console;

import dev.emporium.support.internal.SupportService;
import dev.emporium.support.internal.community.Mention;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code support:mentions}: what the community watch heard, influential customers first. */
@Service
@Command(scope = "support", name = "mentions", description = "Lists mentions, influential customers first, with support's proposal")
public class MentionsCommand implements Action {

    @Option(name = "--proposal", description = "Only INVITE_REVIEW, THANK, CASE_OPENED, INVITE_TO_STORE or NONE")
    String proposal;

    @Reference
    SupportService support;

    @Override
    public Object execute() {
        return Console.refusalsAsText(() -> {
            ShellTable t = new ShellTable();
            t.column("Id").alignRight();
            t.column("Source");
            t.column("Author");
            t.column("Customer");
            t.column("Sentiment");
            t.column("Influence").alignRight();
            t.column("Flagged");
            t.column("Proposal");
            t.column("Case").alignRight();
            t.column("Text").maxSize(60);
            for (Mention m : support.community().list(proposal == null ? null : proposal.toUpperCase(java.util.Locale.ROOT), 500)) {
                t.addRow().addContent(m.id(), m.source(), Console.or(m.author()), Console.or(m.customerId()), m.sentiment(), m.influence(),
                        m.flagged() ? "yes" : "", m.proposal(), Console.or(m.caseId()), m.body());
            }
            t.print(System.out);
            return null;
        });
    }
}
