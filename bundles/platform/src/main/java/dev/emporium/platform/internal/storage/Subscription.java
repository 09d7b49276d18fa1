package dev.emporium.platform.internal.storage;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A durable outbox subscription: its name, whether it runs once in the cluster or once on every node, and the topics
 * it hears (exact, or a prefix ending in {@code /*}, or {@code *} for all).
 */
public record Subscription(String name, boolean perNode, List<String> topics) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,199}");

    public Subscription {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a subscription name is lower case letters, digits, '.', '_' and '-': " + name);
        }
        topics = List.copyOf(topics);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("subscription " + name + " hears no topic");
        }
    }

    /** True when this subscription hears {@code topic}. */
    public boolean hears(String topic) {
        for (String t : topics) {
            if (t.equals("*") || t.equals(topic) || (t.endsWith("/*") && topic.startsWith(t.substring(0, t.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
