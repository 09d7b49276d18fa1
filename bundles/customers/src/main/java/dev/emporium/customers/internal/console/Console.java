package dev.emporium.customers.internal.console;

import dev.emporium.customers.api.CustomerProfile;
import dev.emporium.platform.api.ProblemException;

import java.util.function.Supplier;

/** What the customers commands share: refusals printed as one plain line, not a stack trace. */
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

    static String orDash(String s) {
        return s == null ? "-" : s;
    }

    static String name(CustomerProfile p) {
        String name = ((p.givenName() == null ? "" : p.givenName()) + " " + (p.familyName() == null ? "" : p.familyName())).trim();
        return name.isEmpty() ? "-" : name;
    }
}
