package dev.emporium.platform.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.platform.api.EventSubscriptions;
import dev.emporium.platform.api.EventTopics;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.internal.storage.OutboxEvent;
import dev.emporium.platform.internal.storage.OutboxStore;
import dev.emporium.platform.internal.storage.Subscription;
import dev.emporium.platform.internal.storage.SubscriptionDelivery;
import dev.emporium.platform.internal.storage.SubscriptionDelivery.Outcome;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Delivers committed outbox events, at least once and in id order, to durable subscriptions: the {@link EventHandler}
 * services that carry {@link EventSubscriptions} properties, each called directly by this relay (cluster scope: once
 * in the cluster; node scope: once on every node), and Event Admin's plain listeners, as this node's subscription
 * {@value #EVENT_ADMIN}. Progress lives in the database, so an absent handler catches up when it returns and a
 * restarted node where it stopped. Events every subscription has passed are pruned.
 */
@Component(service = OutboxRelay.class, immediate = true, configurationPid = PlatformConfig.PID)
public class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    /** The node-scope subscription that hands every event to Event Admin's listeners on this node. */
    static final String EVENT_ADMIN = "platform.event-admin";
    /**
     * Events per subscription per transaction. Each batch commits its subscription's progress, and on H2 (written to
     * disk at every commit) a commit stores every changed page: with some ten subscriptions, a 100,000-event import
     * cost 2,000 such commits at 500 a batch, 500 at 2,000.
     */
    private static final int BATCH = 2_000;
    private static final long PRUNE_SECONDS = 60;

    private final DataSource dataSource;
    private final EventAdmin eventAdmin;
    private final ObjectMapper mapper;
    private final OutboxStore store;
    private final Subscription eventAdminSubscription = new Subscription(EVENT_ADMIN, true, List.of("*"));
    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
    /** What this node last saw of each subscription, so an idle subscription costs no query. */
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "emporium-outbox-relay");
        t.setDaemon(true);
        return t;
    });
    private volatile SubscriptionDelivery delivery;
    private ScheduledFuture<?> schedule;
    private ScheduledFuture<?> pruning;
    private volatile PlatformConfig config;

    record Subscriber(Subscription subscription, EventHandler handler) {
    }

    private record Known(long passed, boolean gaps, long notBefore) {
    }

    /** The {@link Outbox} reference makes sure the platform schema exists before the first poll. */
    @Activate
    public OutboxRelay(@Reference(target = "(dataSourceName=emporium)") DataSource dataSource, @Reference EventAdmin eventAdmin,
                       @Reference ObjectMapper mapper, @Reference Outbox outbox, PlatformConfig config) {
        this.dataSource = dataSource;
        this.eventAdmin = eventAdmin;
        this.mapper = mapper;
        this.store = new OutboxStore(mapper);
        modified(config);
    }

    @Modified
    synchronized void modified(PlatformConfig config) {
        this.config = config;
        String node = NodeIdentity.resolve(config.nodeId(), System.getProperty("karaf.data"), System.getProperty("karaf.name"));
        SubscriptionDelivery previous = delivery;
        if (previous == null || !previous.node().equals(node)) {
            LOG.info("Outbox relay delivers as node {}", node);
            known.clear();
        }
        delivery = new SubscriptionDelivery(dataSource, store, node, BATCH, Duration.ofSeconds(config.outboxGapSeconds()),
                Duration.ofSeconds(config.outboxRetryMaxSeconds()), Clock.systemUTC());
        if (schedule != null) {
            schedule.cancel(false);
            pruning.cancel(false);
        }
        schedule = executor.scheduleWithFixedDelay(this::deliverAll, 0, config.outboxPollMillis(), TimeUnit.MILLISECONDS);
        pruning = executor.scheduleWithFixedDelay(this::prune, PRUNE_SECONDS, PRUNE_SECONDS, TimeUnit.SECONDS);
    }

    @Reference(service = EventHandler.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + EventSubscriptions.NAME + "=*)")
    void addSubscriber(EventHandler handler, Map<String, Object> properties) {
        Subscription s;
        try {
            s = subscription(properties);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring outbox subscriber {}: {}", handler, e.getMessage());
            return;
        }
        if (s.name().equals(EVENT_ADMIN)) {
            LOG.warn("Ignoring outbox subscriber {}: the name {} is the platform's", handler, EVENT_ADMIN);
            return;
        }
        Subscriber previous = subscribers.put(s.name(), new Subscriber(s, handler));
        if (previous != null && previous.handler() != handler) {
            LOG.info("Outbox subscription {} changed handler (a new version of its bundle)", s.name());
        }
        try {
            // now, so that a subscription seen for the first time starts with the events published from its registration on
            if (delivery.register(s)) {
                LOG.info("Outbox subscription {} ({} scope) starts", s.name(), s.perNode() ? "node" : "cluster");
            }
        } catch (RuntimeException | java.sql.SQLException e) {
            LOG.warn("Outbox subscription {} not registered yet ({}); the relay tries again", s.name(), e.toString());
        }
        known.remove(s.name());
    }

    void removeSubscriber(EventHandler handler, Map<String, Object> properties) {
        if (properties.get(EventSubscriptions.NAME) instanceof String name) {
            subscribers.computeIfPresent(name, (n, current) -> current.handler() == handler ? null : current);
        }
    }

    /** The subscription a handler's service properties describe. */
    static Subscription subscription(Map<String, Object> properties) {
        Object name = properties.get(EventSubscriptions.NAME);
        Object scope = properties.get(EventSubscriptions.SCOPE);
        if (!(name instanceof String n) || n.isBlank()) {
            throw new IllegalArgumentException("no " + EventSubscriptions.NAME);
        }
        boolean perNode;
        if (EventSubscriptions.NODE.equals(scope)) {
            perNode = true;
        } else if (EventSubscriptions.CLUSTER.equals(scope)) {
            perNode = false;
        } else {
            throw new IllegalArgumentException(EventSubscriptions.SCOPE + " must be " + EventSubscriptions.CLUSTER + " or "
                    + EventSubscriptions.NODE + ", not " + scope);
        }
        List<String> topics = new ArrayList<>();
        Object t = properties.get(EventSubscriptions.TOPICS);
        if (t instanceof String one) {
            topics.add(one);
        } else if (t instanceof String[] many) {
            topics.addAll(List.of(many));
        } else if (t instanceof Collection<?> many) {
            many.forEach(x -> topics.add(String.valueOf(x)));
        }
        return new Subscription(n, perNode, topics);
    }

    /** This node's id. */
    public String node() {
        return delivery.node();
    }

    /** The highest event id so far. */
    public long lastEventId() throws java.sql.SQLException {
        try (Connection c = dataSource.getConnection()) {
            return store.lastId(c);
        }
    }

    /** Every subscription of every node, as the database has them. */
    public List<SubscriptionDelivery.State> subscriptions() throws java.sql.SQLException {
        return delivery.states();
    }

    /** True when this node has the subscription's handler now. */
    public boolean handledHere(String name) {
        return name.equals(EVENT_ADMIN) || subscribers.containsKey(name);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }

    private void deliverAll() {
        try {
            SubscriptionDelivery d = delivery;
            long last;
            try (Connection c = dataSource.getConnection()) {
                last = store.lastId(c);
            }
            boolean more = true;
            while (more && !executor.isShutdown()) {
                List<Subscriber> round = new ArrayList<>(subscribers.values());
                round.add(new Subscriber(eventAdminSubscription, null));
                more = deliverRound(d, round, last);
            }
        } catch (Exception e) {
            LOG.warn("Outbox delivery will retry: {}", e.toString());
        }
    }

    /**
     * One batch for each subscription this node does not know to be idle, in one transaction (see
     * {@link SubscriptionDelivery#deliverRound}); should the round fail, each subscription is tried in a transaction
     * of its own, so that one subscription's trouble does not hold the others back. True when more may be waiting.
     */
    private boolean deliverRound(SubscriptionDelivery d, List<Subscriber> round, long last) {
        long now = System.currentTimeMillis();
        List<Subscriber> due = new ArrayList<>();
        for (Subscriber s : round) {
            Known k = known.get(s.subscription().name());
            if (k == null || (k.notBefore() <= now && (k.passed() < last || k.gaps()))) {
                due.add(s);
            }
        }
        if (due.isEmpty() || executor.isShutdown()) {
            return false;
        }
        // an event read once in the round is handed to every subscription that hears it as one Event
        Map<Long, Event> events = new HashMap<>();
        List<SubscriptionDelivery.Delivery> deliveries = new ArrayList<>(due.size());
        for (Subscriber s : due) {
            deliveries.add(delivery(s, events));
        }
        List<Outcome> outcomes;
        try {
            outcomes = d.deliverRound(deliveries);
        } catch (Exception e) {
            LOG.debug("Outbox round failed ({}); its subscriptions are tried one at a time", e.toString());
            boolean more = false;
            for (Subscriber s : due) {
                if (executor.isShutdown()) {
                    return false;
                }
                more |= deliver(d, s, events);
            }
            return more;
        }
        boolean more = false;
        for (int i = 0; i < due.size(); i++) {
            more |= noted(d, due.get(i), outcomes.get(i), now);
        }
        return more;
    }

    private SubscriptionDelivery.Delivery delivery(Subscriber s, Map<Long, Event> events) {
        return s.handler() == null
                ? new SubscriptionDelivery.Delivery(s.subscription(), e -> eventAdmin.sendEvent(event(e, events)), store::markDelivered)
                : new SubscriptionDelivery.Delivery(s.subscription(), e -> s.handler().handleEvent(event(e, events)), (tx, ids) -> { });
    }

    private Event event(OutboxEvent e, Map<Long, Event> events) {
        return events.computeIfAbsent(e.id(), id -> toEvent(e));
    }

    /** One batch for one subscription in a transaction of its own; true when more may be waiting. */
    private boolean deliver(SubscriptionDelivery d, Subscriber s, Map<Long, Event> events) {
        String name = s.subscription().name();
        long now = System.currentTimeMillis();
        try {
            SubscriptionDelivery.Delivery one = delivery(s, events);
            return noted(d, s, d.deliver(one.subscription(), one.handler(), one.end()), now);
        } catch (Exception e) {
            retryLater(name, e, now);
            return false;
        }
    }

    /** A subscription the database failed for: asked again in a second, whatever this node knew of it. */
    private void retryLater(String name, Exception e, long now) {
        LOG.warn("Outbox subscription {} will retry: {}", name, e.toString());
        known.put(name, new Known(-1, true, now + 1000));
    }

    /** Remembers what a batch found, so that an idle subscription costs no query; true when more may be waiting. */
    private boolean noted(SubscriptionDelivery d, Subscriber s, Outcome o, long now) {
        String name = s.subscription().name();
        switch (o.status()) {
            case DONE -> known.put(name, new Known(o.passed(), o.gaps(), 0));
            case FAILED, BACKING_OFF -> known.put(name, new Known(o.passed(), o.gaps(), now + 500));
            case HELD_ELSEWHERE -> known.remove(name);
            case UNKNOWN -> {
                try {
                    d.register(s.subscription());
                } catch (Exception e) {
                    retryLater(name, e, now);
                }
            }
        }
        return o.more();
    }

    private void prune() {
        try {
            SubscriptionDelivery d = delivery;
            List<Subscription> mine = new ArrayList<>();
            subscribers.values().forEach(s -> mine.add(s.subscription()));
            mine.add(eventAdminSubscription);
            d.touch(mine);
            PlatformConfig c = config;
            int pruned = d.prune(Duration.ofHours(c.outboxKeepHours()), Duration.ofDays(c.outboxForgetDays()));
            if (pruned > 0) {
                LOG.info("Outbox: {} events every subscription has passed were deleted", pruned);
            }
        } catch (Exception e) {
            LOG.warn("Outbox pruning will retry: {}", e.toString());
        }
    }

    Event toEvent(OutboxEvent e) {
        Map<String, Object> props = new HashMap<>();
        try {
            JsonNode payload = mapper.readTree(e.payloadJson());
            payload.fields().forEachRemaining(f -> {
                JsonNode v = f.getValue();
                if (v.isTextual()) {
                    props.put(f.getKey(), v.asText());
                } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                    props.put(f.getKey(), v.asLong());
                } else if (v.isBoolean()) {
                    props.put(f.getKey(), v.asBoolean());
                } else if (v.isNumber()) {
                    props.put(f.getKey(), v.decimalValue().toPlainString());
                }
            });
        } catch (IOException ex) {
            LOG.warn("Outbox event {} has an unreadable payload; delivering it raw", e.id());
        }
        props.put(EventTopics.EVENT_ID, e.id());
        props.put(EventTopics.PAYLOAD, e.payloadJson());
        props.put(EventTopics.CREATED_AT, e.createdAt().toString());
        return new Event(e.topic(), props);
    }
}
