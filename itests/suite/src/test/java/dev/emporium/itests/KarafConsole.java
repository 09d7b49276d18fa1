package dev.emporium.itests;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs console commands as an admin at the Karaf prompt would, and returns what they printed. */
final class KarafConsole {

    private KarafConsole() {
    }

    /** Runs {@code command} (such as {@code catalog:product W-1}) once its scope's command is registered. */
    static String execute(SessionFactory sessions, String command) throws Exception {
        String[] scopeAndName = command.split(" ", 2)[0].split(":", 2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sessions.getRegistry().getCommand(scopeAndName[0], scopeAndName[1]) == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no console command " + scopeAndName[0] + ":" + scopeAndName[1]);
            }
            Thread.sleep(100);
        }
        while (true) {
            try {
                return run(sessions, command);
            } catch (ExecutionException e) {
                // a department's commands leave the registry for a moment while its components restart (as when the
                // DataSource is rebuilt after an install): found a moment ago, gone now; nothing ran, so try again
                if (e.getCause() == null || !e.getCause().getClass().getName().equals("org.apache.felix.gogo.runtime.CommandNotFoundException")
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static String run(SessionFactory sessions, String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessions.create(System.in, out, out);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Object result = runner.submit(() -> session.execute(command)).get(30, TimeUnit.SECONDS);
            if (result != null) {
                out.println(result);
            }
        } finally {
            runner.shutdownNow();
            session.close();
        }
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
