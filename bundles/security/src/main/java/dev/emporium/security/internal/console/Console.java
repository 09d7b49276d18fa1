package dev.emporium.security.internal.console;

import dev.emporium.platform.api.ProblemException;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.ShellUtil;

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
}
