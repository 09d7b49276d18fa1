package dev.emporium.platform.internal.http;

import dev.emporium.platform.api.DepartmentRoutes;
import dev.emporium.platform.api.HttpMethod;
import dev.emporium.platform.api.Route;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The routes of every department present right now. Readers see an immutable snapshot; a request for a department
 * that is away can wait here until its routes come back.
 */
final class RouteTable {

    /** A route compiled for matching, with the registration it came with. */
    record Entry(String department, Route route, PathTemplate template, Source source) {
    }

    /**
     * One registration of a department's routes and the requests it is serving. When it goes away (the department
     * is being stopped), new requests stop reaching it and the removal waits for those in flight, so that none runs
     * into a half-stopped department.
     */
    static final class Source {
        private int inFlight;
        private boolean removed;

        /** Counts a request in; false when the registration is already gone (look the route up again). */
        synchronized boolean enter() {
            if (removed) {
                return false;
            }
            inFlight++;
            return true;
        }

        synchronized void leave() {
            if (--inFlight == 0) {
                notifyAll();
            }
        }

        /** Refuses new requests and waits up to {@code millis} for those in flight; returns how many were left. */
        synchronized int drain(long millis) throws InterruptedException {
            removed = true;
            long deadline = System.nanoTime() + millis * 1_000_000;
            while (inFlight > 0) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                wait(left);
            }
            return inFlight;
        }
    }

    /** The outcome of a lookup. */
    sealed interface Match permits Found, WrongMethod, NoRoute {
    }

    record Found(Entry entry, Map<String, String> params) implements Match {
    }

    record WrongMethod(Set<HttpMethod> allowed) implements Match {
    }

    record NoRoute() implements Match {
    }

    private final Object changed = new Object();
    private final Map<DepartmentRoutes, List<Entry>> bySource = new IdentityHashMap<>();
    private final Map<String, Long> departedAt = new HashMap<>();
    private volatile List<Entry> snapshot = List.of();
    /** The snapshot by {@link #bucket}: a lookup tries only the routes of its department with as many segments. */
    private volatile Map<String, List<Entry>> byBucket = Map.of();

    /**
     * Adds a department's routes, all or none.
     *
     * @throws IllegalArgumentException when a route's path is not a valid template or lies outside the department
     */
    void add(DepartmentRoutes source) {
        String department = source.department();
        Source registration = new Source();
        List<Entry> entries = new ArrayList<>();
        for (Route route : source.routes()) {
            PathTemplate template = PathTemplate.parse(route.path());
            String owner = PathTemplate.departmentOf(PathTemplate.split(route.path()));
            if (!department.equals(owner) && !"platform".equals(department)) {
                throw new IllegalArgumentException("route " + route.path() + " lies outside department " + department);
            }
            entries.add(new Entry(department, route, template, registration));
        }
        synchronized (changed) {
            bySource.put(source, List.copyOf(entries));
            departedAt.remove(department);
            publish();
        }
    }

    /**
     * Takes a department's routes out, then waits up to {@code drainMillis} for the requests they are serving.
     *
     * @return how many requests were still running when the wait ended (0 normally)
     */
    int remove(DepartmentRoutes source, long drainMillis) throws InterruptedException {
        List<Entry> gone;
        synchronized (changed) {
            gone = bySource.remove(source);
            publish();
            if (gone != null && !gone.isEmpty() && !hasDepartment(gone.get(0).department())) {
                departedAt.put(gone.get(0).department(), System.nanoTime());
            }
        }
        return gone == null || gone.isEmpty() ? 0 : gone.get(0).source().drain(drainMillis);
    }

    private void publish() {
        List<Entry> all = new ArrayList<>();
        bySource.values().forEach(all::addAll);
        Map<String, List<Entry>> buckets = new HashMap<>();
        for (Entry e : all) {
            buckets.computeIfAbsent(bucket(PathTemplate.split(e.route().path())), k -> new ArrayList<>()).add(e);
        }
        buckets.replaceAll((k, v) -> List.copyOf(v));
        byBucket = Map.copyOf(buckets);
        snapshot = List.copyOf(all);
        changed.notifyAll();
    }

    /**
     * Where a path's routes are kept: its department segment(s) and its length. A template's department segments
     * are literals (PathTemplate refuses a parameter there), so a request can only match routes of its own bucket.
     */
    private static String bucket(List<String> segments) {
        if (segments.size() < 2) {
            return "";
        }
        String dept = segments.get(1);
        if (dept.equals("admin") && segments.size() > 2) {
            dept = "admin/" + segments.get(2);
        }
        return segments.size() + "/" + dept;
    }

    Match find(HttpMethod method, List<String> segments) {
        Found best = null;
        Set<HttpMethod> allowed = EnumSet.noneOf(HttpMethod.class);
        for (Entry e : byBucket.getOrDefault(bucket(segments), List.of())) {
            Map<String, String> params = e.template().match(segments);
            if (params == null) {
                continue;
            }
            allowed.add(e.route().method());
            if (e.route().method() == method
                    && (best == null || e.template().literals() > best.entry().template().literals())) {
                best = new Found(e, params);
            }
        }
        if (best != null) {
            return best;
        }
        return allowed.isEmpty() ? new NoRoute() : new WrongMethod(allowed);
    }

    boolean hasDepartment(String department) {
        for (Entry e : snapshot) {
            if (e.department().equals(department)) {
                return true;
            }
        }
        return false;
    }

    /** True when the department's routes went away less than {@code memoryNanos} ago. */
    boolean departedRecently(String department, long memoryNanos) {
        synchronized (changed) {
            Long at = departedAt.get(department);
            return at != null && System.nanoTime() - at < memoryNanos;
        }
    }

    /** Waits until the department has routes again or the deadline ({@link System#nanoTime()}) passes. */
    boolean awaitDepartment(String department, long deadlineNanos) throws InterruptedException {
        synchronized (changed) {
            while (!hasDepartment(department)) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.wait(Math.max(1, left / 1_000_000), 0);
            }
            return true;
        }
    }

    /** Route count per department, sorted by name. */
    Map<String, Integer> routeCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Entry e : snapshot) {
            counts.merge(e.department(), 1, Integer::sum);
        }
        return counts;
    }

    Collection<Entry> entries() {
        return snapshot;
    }
}
