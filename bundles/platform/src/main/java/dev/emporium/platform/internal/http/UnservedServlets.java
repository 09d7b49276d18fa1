package dev.emporium.platform.internal.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which registered servlets to register again: those the HTTP runtime has not served for a grace period. A servlet is
 * known by its component (it gets a new service id each time it is registered again), so that one that stays
 * unserved is tried again after a growing wait instead of every few seconds.
 */
final class UnservedServlets {

    private record Unserved(long notBefore, int attempts) {
    }

    private final long graceNanos;
    private final long maxWaitNanos;
    private final Map<String, Unserved> unserved = new HashMap<>();

    UnservedServlets(long graceNanos, long maxWaitNanos) {
        this.graceNanos = graceNanos;
        this.maxWaitNanos = maxWaitNanos;
    }

    /**
     * One look at the runtime at {@code now}: {@code registered} maps each servlet's component to its service id,
     * {@code served} holds the service ids the runtime serves. Answers the components to register again now.
     */
    synchronized List<String> due(Map<String, Long> registered, Set<Long> served, long now) {
        unserved.keySet().removeIf(c -> !registered.containsKey(c) || served.contains(registered.get(c)));
        List<String> due = new ArrayList<>();
        registered.forEach((component, serviceId) -> {
            if (served.contains(serviceId)) {
                return;
            }
            Unserved u = unserved.get(component);
            if (u == null) {
                unserved.put(component, new Unserved(now + graceNanos, 0));
            } else if (now - u.notBefore() >= 0) {
                due.add(component);
                int attempts = u.attempts() + 1;
                long wait = Math.min(maxWaitNanos, graceNanos << Math.min(attempts, 20));
                unserved.put(component, new Unserved(now + wait, attempts));
            }
        });
        return due;
    }

    /** How many times {@code component} was found due since it was last served. */
    synchronized int attempts(String component) {
        Unserved u = unserved.get(component);
        return u == null ? 0 : u.attempts();
    }
}
