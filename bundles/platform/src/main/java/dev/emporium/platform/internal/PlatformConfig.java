package dev.emporium.platform.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the platform (PID {@code dev.emporium.platform}); a changed value takes effect without a restart. */
@ObjectClassDefinition(name = "Emporium platform",
        description = "HTTP gateway, outbox and migrations of the Emporium kernel")
public @interface PlatformConfig {

    String PID = "dev.emporium.platform";

    @AttributeDefinition(name = "Hold seconds", min = "0", max = "300",
            description = "How long a request for a department whose routes are absent (being upgraded) waits for them before a 503")
    int holdSeconds() default 10;

    @AttributeDefinition(name = "Maximum request body bytes", min = "1024",
            description = "Larger request bodies are refused with 413")
    int maxBodyBytes() default 1_048_576;

    @AttributeDefinition(name = "Drain seconds", min = "0", max = "300",
            description = "How long a stopping department waits for the requests it is serving to finish")
    int drainSeconds() default 30;

    @AttributeDefinition(name = "Department memory seconds", min = "0",
            description = "How long the gateway still holds requests for a department whose bundle was uninstalled (a feature upgrade uninstalls, then installs)")
    int departmentMemorySeconds() default 60;

    @AttributeDefinition(name = "Outbox poll milliseconds", min = "10",
            description = "How often pending outbox events are looked for")
    int outboxPollMillis() default 250;

    @AttributeDefinition(name = "Migration lock wait seconds", min = "1",
            description = "How long a department's activation waits for another node's migration lock")
    int migrationLockWaitSeconds() default 300;

    @AttributeDefinition(name = "CORS allowed origins",
            description = "Comma-separated origins (scheme://host[:port]) of storefront pages that may call the public and customer routes from a browser; empty: none. Admin routes never answer another origin")
    String corsAllowedOrigins() default "";

    @AttributeDefinition(name = "CORS preflight max age seconds", min = "0",
            description = "How long a browser may cache the answer to a CORS preflight")
    int corsMaxAgeSeconds() default 600;

    @AttributeDefinition(name = "Storefront writes per minute", min = "0",
            description = "How many writes (POST, PUT, PATCH, DELETE) to public and customer routes one client address may send per minute, in bursts up to that many; more get 429 with Retry-After. 0: no limit")
    int storefrontWritesPerMinute() default 600;

    @AttributeDefinition(name = "Node id",
            description = "This node's name among the nodes sharing the database (letters, digits, '.', '_', '-'); empty: generated on the first start and kept under karaf.data. Node-scope outbox subscriptions (search index, caches) keep their progress per node id")
    String nodeId() default "";

    @AttributeDefinition(name = "Outbox gap seconds", min = "1",
            description = "How long an event id skipped by a subscription (its transaction not committed yet) is still looked for; longer than the longest transaction that publishes events")
    int outboxGapSeconds() default 60;

    @AttributeDefinition(name = "Outbox retry maximum seconds", min = "1",
            description = "The longest wait before a failing subscription handler gets its event again (the wait doubles from 0.5 s)")
    int outboxRetryMaxSeconds() default 60;

    @AttributeDefinition(name = "Outbox keep hours", min = "0",
            description = "Events every subscription has passed are deleted once older than this")
    int outboxKeepHours() default 24;

    @AttributeDefinition(name = "Outbox forget subscription days", min = "1",
            description = "A subscription whose handler no node has had for this long (its department removed, its node gone) no longer keeps events from being deleted")
    int outboxForgetDays() default 7;
}
