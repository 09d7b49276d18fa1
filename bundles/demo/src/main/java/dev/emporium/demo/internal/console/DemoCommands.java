package dev.emporium.demo.internal.console;

import dev.emporium.demo.internal.DemoStore;
import dev.emporium.platform.api.ProblemException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code demo:status} and {@code demo:load}: the demo wine store from the console. */
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
            String refusal = demo.refusal();
            if (refusal != null) {
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
}
