package dev.emporium.support.internal.console;

import dev.emporium.platform.api.ProblemException;

import java.util.function.Supplier;

/** What the support commands share: refusals printed as one plain line. */
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

    static String or(Object v) {
        return v == null ? "" : String.valueOf(v);
    }
}
