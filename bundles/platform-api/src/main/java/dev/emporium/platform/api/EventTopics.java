package dev.emporium.platform.api;

import java.util.regex.Pattern;

/** Event Admin topic names ({@code emporium/<dept>/<EVENT>}) and the properties the outbox sets on every event. */
public final class EventTopics {

    /** Event property: the outbox id of the event, the same on every redelivery; handlers dedupe on it. */
    public static final String EVENT_ID = "emporium.event.id";
    /** Event property: the event's payload as a JSON object string. */
    public static final String PAYLOAD = "emporium.event.payload";
    /** Event property: when the event was written, ISO-8601. */
    public static final String CREATED_AT = "emporium.event.created";

    private static final Pattern DEPARTMENT = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern EVENT = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private EventTopics() {
    }

    /** The topic of {@code event} published by {@code department}. */
    public static String of(String department, String event) {
        if (!DEPARTMENT.matcher(department).matches()) {
            throw new IllegalArgumentException("not a department name: " + department);
        }
        if (!EVENT.matcher(event).matches()) {
            throw new IllegalArgumentException("event names are UPPER_SNAKE_CASE: " + event);
        }
        return "emporium/" + department + "/" + event;
    }
}
