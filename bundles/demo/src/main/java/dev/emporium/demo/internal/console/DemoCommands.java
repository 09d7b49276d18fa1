package dev.emporium.demo.internal.console;

import dev.emporium.demo.internal.DemoStore;
import dev.emporium.demo.internal.RemovalRecord;
import dev.emporium.platform.api.ProblemException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.Optional;

/** {@code demo:status}, {@code demo:load} and {@code demo:remove}: the demo wine store from the console. */
public final class DemoCommands {

    private DemoCommands() {
    }

    @Service
    @Command(scope = "demo", name = "status", description = "Tells whether the demo wine store is loaded, loading or refused here")
    public static class Status implements Action {

        @Reference
        private DemoStore demo;

        @Override
        public Object execute() {
            DemoStore.Progress p = demo.progress();
            System.out.println("Loader: " + p.state() + (p.total() > 0 ? " (" + p.done() + "/" + p.total() + ")" : "") + ": " + p.detail());
            Optional<RemovalRecord.Removal> removal = demo.removal();
            String refusal = demo.refusal();
            if (removal.isPresent() && removal.get().finished()) {
                System.out.println("The demo wine store was removed from this store (" + removal.get().finishedAt() + "): "
                        + removal.get().summary() + ". It is not loaded again.");
            } else if (removal.isPresent()) {
                System.out.println("A removal of the demo wine store stopped half-way (" + removal.get().startedAt()
                        + "): demo:remove --force finishes it. It is not loaded again.");
            } else if (refusal != null) {
                System.out.println("This store is not a demo store: " + refusal);
            } else if ("loading".equals(p.state())) {
                System.out.println("The demo wine store is still loading.");
            } else {
                System.out.println(demo.loaded() ? "The demo wine store is loaded." : "The demo wine store is not (fully) loaded: demo:load loads it.");
            }
            return null;
        }
    }

    @Service
    @Command(scope = "demo", name = "load", description = "Loads the demo wine store into an empty store (writes only what is missing)")
    public static class Load implements Action {

        @Reference
        private DemoStore demo;

        @Override
        public Object execute() {
            try {
                System.out.println("The demo wine store is loaded: " + demo.load() + " products.");
            } catch (ProblemException e) {
                System.out.println(e.asText());
            }
            return null;
        }
    }

    @Service
    @Command(scope = "demo", name = "remove", description = "Removes what the demo loaded, and only that; the demo is never loaded again here")
    public static class Remove implements Action {

        /** What stays after a removal: the departments keep these as records. */
        static final String WHAT_STAYS = "What stays: the demo buyers' orders, as the orders department keeps them (erasure anonymizes "
                + "the buyers' profiles, consents, reach, habits and support history, not their orders); the archived demo products "
                + "(the catalog archives, it never deletes: orders and reviews name them) with their product types and categories; "
                + "the visitor's chat in support's history. Products, customers and companies of the store's own are not touched.";

        @Reference
        private DemoStore demo;

        @Option(name = "--force", aliases = "-f", description = "Remove it (without it the command only says what it would do)")
        private boolean force;

        @Override
        public Object execute() {
            if (!force) {
                System.out.println("demo:remove --force " + demo.removalPlan());
                System.out.println(WHAT_STAYS);
                return null;
            }
            try {
                System.out.println("The demo wine store is removed: " + demo.remove() + ".");
                System.out.println(WHAT_STAYS);
            } catch (ProblemException e) {
                System.out.println(e.asText());
            }
            return null;
        }
    }
}
