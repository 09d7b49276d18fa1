package dev.emporium.platform.api;

/**
 * Service properties of an outbox subscription: an {@code org.osgi.service.event.EventHandler} service that carries
 * them gets the outbox's events from the platform directly, durably and in id order, instead of through Event Admin.
 * The platform keeps the subscription's progress in the database: while its handler is absent (its bundle being
 * upgraded, its node down) the subscription keeps its place and catches up when it returns, and a handler that
 * throws gets the same event again, with backoff, instead of losing it. Delivery is at least once: handlers dedupe on
 * {@link EventTopics#EVENT_ID}.
 *
 * <pre>
 * &#64;Component(property = {
 *     EventSubscriptions.NAME + "=customers.order-habits",
 *     EventSubscriptions.SCOPE + "=" + EventSubscriptions.CLUSTER,
 *     EventSubscriptions.TOPICS + "=emporium/orders/ORDER_PLACED"})
 * public class OrderHabits implements EventHandler { ... }
 * </pre>
 *
 * A subscription handler declares no {@code event.topics}, so Event Admin never calls it as well.
 */
public final class EventSubscriptions {

    /** Service property: the subscription's name, unique in the store, kept across versions of its bundle ({@code <dept>.<what>}). */
    public static final String NAME = "emporium.subscription";
    /** Service property: {@link #CLUSTER} or {@link #NODE}. */
    public static final String SCOPE = "emporium.subscription.scope";
    /** Service property: the topics heard, each exact or ending in {@code /*} ({@code emporium/catalog/*}); one or many. */
    public static final String TOPICS = "emporium.subscription.topics";

    /**
     * Scope of a handler whose effects live in the shared database or outside the node (orders, habits, support cases,
     * notifications): each event is handled once in the whole cluster, by whichever node holds the subscription then.
     */
    public static final String CLUSTER = "cluster";
    /** Scope of a handler that keeps this node's memory up to date (search index, caches): every node handles every event. */
    public static final String NODE = "node";

    private EventSubscriptions() {
    }
}
