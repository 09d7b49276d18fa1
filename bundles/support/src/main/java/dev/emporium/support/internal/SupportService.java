package dev.emporium.support.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.customers.api.ConsentLedger;
import dev.emporium.customers.api.ConsentState;
import dev.emporium.customers.api.ContactChannel;
import dev.emporium.customers.api.CustomerEvents;
import dev.emporium.customers.api.CustomerInsights;
import dev.emporium.customers.api.CustomerProfile;
import dev.emporium.customers.api.CustomerProfiles;
import dev.emporium.customers.api.CustomerReach;
import dev.emporium.orders.api.Cart;
import dev.emporium.orders.api.Carts;
import dev.emporium.orders.api.Order;
import dev.emporium.orders.api.Orders;
import dev.emporium.platform.api.ClusterJobs;
import dev.emporium.platform.api.EventSubscriptions;
import dev.emporium.platform.api.EventTopics;
import dev.emporium.platform.api.Outbox;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.platform.api.SchemaMigrations;
import dev.emporium.platform.api.Transactions;
import dev.emporium.support.api.MentionReport;
import dev.emporium.support.api.Notification;
import dev.emporium.support.api.NotificationChannel;
import dev.emporium.support.api.SocialListeningSource;
import dev.emporium.support.api.SupportEvents;
import dev.emporium.support.internal.cases.CaseBook;
import dev.emporium.support.internal.cases.ServiceCase;
import dev.emporium.support.internal.chat.ChatDesk;
import dev.emporium.support.internal.chat.ChatMessage;
import dev.emporium.support.internal.chat.ChatSignals;
import dev.emporium.support.internal.chat.Conversation;
import dev.emporium.support.internal.community.CommunityWatch;
import dev.emporium.support.internal.sales.FollowUp;
import dev.emporium.support.internal.sales.FollowUps;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The support department on the store's DataSource: migrates its tables on activation, hears orders' and customers'
 * events (cases follow orders, orders win follow-ups, erasure anonymizes), looks at abandoned checkouts and
 * social-listening sources on a schedule, and puts chat, cases, follow-ups and the community watch together. Every
 * other department is an optional dynamic reference: without it support keeps working and leaves out what it would
 * have said (DESIGN rule 2).
 */
@Component(service = {SupportService.class, EventHandler.class}, configurationPid = SupportConfig.PID,
        property = {EventSubscriptions.NAME + "=support.cases", EventSubscriptions.SCOPE + "=" + EventSubscriptions.CLUSTER,
                EventSubscriptions.TOPICS + "=emporium/orders/*", EventSubscriptions.TOPICS + "=emporium/customers/CUSTOMER_ERASED"})
@Designate(ocd = SupportConfig.class)
public class SupportService implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SupportService.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Carts carts;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile Orders orders;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ConsentLedger consent;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile CustomerProfiles profiles;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile CustomerInsights insights;
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    volatile List<NotificationChannel> channels;
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    volatile List<SocialListeningSource> sources;

    /** The configuration, parsed once per change. */
    record Settings(FollowUps.Policy followUps, CaseBook.Targets targets, CommunityWatch.Rules rules, int sweepSeconds,
                    int streamSeconds) {

        static Settings of(SupportConfig config) {
            List<ContactChannel> channels = new ArrayList<>();
            for (String ch : config.followUpChannels().split(",")) {
                if (!ch.isBlank()) {
                    channels.add(ContactChannel.valueOf(ch.strip().toUpperCase(Locale.ROOT)));
                }
            }
            return new Settings(new FollowUps.Policy(Duration.ofMinutes(Math.max(0, config.followUpIdleMinutes())),
                    config.followUpPurpose().strip(), List.copyOf(channels)),
                    new CaseBook.Targets(Duration.ofMinutes(Math.max(1, config.firstResponseMinutes())),
                            Duration.ofHours(Math.max(1, config.resolutionHours()))),
                    CommunityWatch.Rules.of(config.positiveWords(), config.negativeWords(), config.influenceThreshold()),
                    Math.max(0, config.sweepSeconds()), Math.max(5, config.streamSeconds()));
        }
    }

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final ChatDesk chats;
    private final CaseBook cases;
    private final FollowUps followUps;
    private final CommunityWatch community;
    private final AgentStats stats;
    private final StoreNotifications store;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private volatile Settings settings;
    private ScheduledFuture<?> sweeping;

    /** Runs the schedule once in the cluster; while absent (the platform being swapped) this node runs it alone. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ClusterJobs jobs;

    @Activate
    public SupportService(@Reference SchemaMigrations migrations, @Reference(target = "(dataSourceName=emporium)") DataSource dataSource,
                          @Reference Outbox outbox, @Reference ObjectMapper json, BundleContext context, SupportConfig config) {
        this(migrated(migrations, context, dataSource), outbox, json, Settings.of(config), Clock.systemUTC());
    }

    private static DataSource migrated(SchemaMigrations migrations, BundleContext context, DataSource dataSource) {
        migrations.migrate(SupportEvents.DEPARTMENT, context.getBundle());
        return dataSource;
    }

    SupportService(DataSource dataSource, Outbox outbox, ObjectMapper json, Settings settings, Clock clock) {
        this.dataSource = dataSource;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
        this.chats = new ChatDesk(dataSource, clock, new ChatSignals());
        this.cases = new CaseBook(dataSource, outbox, clock, () -> this.settings.targets(), this::notifyBuyer);
        this.followUps = new FollowUps(dataSource, outbox, clock);
        this.community = new CommunityWatch(dataSource, clock, cases, () -> this.settings.rules());
        this.stats = new AgentStats(dataSource);
        this.store = new StoreNotifications(dataSource, clock);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "emporium-support-sweep");
            t.setDaemon(true);
            return t;
        });
        schedule();
    }

    @Modified
    void modified(SupportConfig config) {
        try {
            this.settings = Settings.of(config);
            schedule();
        } catch (IllegalArgumentException e) {
            // a typo in the cfg file must not take support down: the previous settings stay in force
            LOG.error("Support settings refused, the previous ones stay in force: {}", e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }

    private synchronized void schedule() {
        if (sweeping != null) {
            sweeping.cancel(false);
            sweeping = null;
        }
        int every = settings.sweepSeconds();
        if (every > 0) {
            sweeping = scheduler.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.SECONDS);
        }
    }

    private void sweepQuietly() {
        try {
            ClusterJobs j = jobs;
            if (j != null && !j.claimPeriod("support.sweep", Duration.ofSeconds(Math.max(1, settings.sweepSeconds())), Instant.now())) {
                return;
            }
            sweep();
            importMentions();
        } catch (RuntimeException e) {
            LOG.warn("Support sweep failed, tried again at the next one: {}", e.getMessage());
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public ChatDesk chats() {
        return chats;
    }

    public CaseBook cases() {
        return cases;
    }

    public FollowUps followUps() {
        return followUps;
    }

    public CommunityWatch community() {
        return community;
    }

    public AgentStats stats() {
        return stats;
    }

    public int streamSeconds() {
        return settings.streamSeconds();
    }

    /** Looks at abandoned checkouts now. */
    public FollowUps.SweepResult sweep() {
        Carts c = carts;
        if (c == null) {
            throw new ProblemException(503, "Service unavailable", "the orders department is being upgraded; abandoned carts cannot be read now");
        }
        FollowUps.SweepResult r = followUps.sweep(c, consent, settings.followUps());
        if (r.created() > 0) {
            LOG.info("Abandoned checkouts: {} idle carts, {} follow-ups created, {} without consent", r.idleCarts(), r.created(), r.withoutConsent());
        }
        return r;
    }

    /** A signed-in customer's question about a product: a follow-up when their consent allows a call back. */
    public Optional<FollowUp> question(String customerId, String sku, String question) {
        return followUps.question(consent, settings.followUps(), customerId, sku, question);
    }

    /** Asks every social-listening source for what it heard since the last time, and files it. */
    public int importMentions() {
        int filed = 0;
        List<SocialListeningSource> list = sources;
        for (SocialListeningSource source : list == null ? List.<SocialListeningSource>of() : list) {
            try {
                for (MentionReport m : source.heardSince(community.newestFrom(source.name()))) {
                    try {
                        community.file(source.name(), m, profiles, insights);
                        filed++;
                    } catch (ProblemException p) {
                        LOG.warn("Mention {} from {} refused: {}", m.externalId(), source.name(), p.asText());
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("Social-listening source {} failed: {}", source.name(), e.getMessage());
            }
        }
        return filed;
    }

    public dev.emporium.support.internal.community.Mention fileMention(String source, MentionReport report) {
        return community.file(source, report, profiles, insights);
    }

    /** Sends through the built-in channel and every registered one; a channel that fails is logged and the others still send. */
    void notifyBuyer(List<Notification> notifications) {
        List<NotificationChannel> list = new ArrayList<>();
        list.add(store);
        if (channels != null) {
            list.addAll(channels);
        }
        for (Notification n : notifications) {
            for (NotificationChannel ch : list) {
                try {
                    ch.send(n);
                } catch (RuntimeException e) {
                    LOG.warn("Notification channel {} failed for case {}: {}", ch.name(), n.caseId(), e.getMessage());
                }
            }
        }
    }

    /** What an agent sees of a customer: profile, reach, consents, recent orders, cases and follow-ups. */
    public record CustomerView(String customerId, CustomerProfile profile, CustomerReach reach, List<ConsentState> consents,
                               List<Order> recentOrders, Cart cart, List<ServiceCase> cases, List<FollowUp> followUps,
                               List<String> unavailable) {
    }

    public CustomerView customer(String customerId) {
        List<String> unavailable = new ArrayList<>();
        CustomerProfiles p = profiles;
        CustomerInsights i = insights;
        ConsentLedger l = consent;
        Orders o = orders;
        Carts k = carts;
        if (p == null || l == null) {
            unavailable.add("customers");
        }
        if (i == null) {
            unavailable.add("customer insights");
        }
        if (o == null || k == null) {
            unavailable.add("orders");
        }
        return new CustomerView(customerId, p == null ? null : p.find(customerId).orElse(null),
                i == null ? null : i.reach(customerId).orElse(null), l == null ? null : l.current(customerId),
                o == null ? null : o.ofCustomer(customerId, 5), k == null ? null : k.ofCustomer(customerId).orElse(null),
                cases.list(null, null, customerId, 20), followUps.list(null, null, customerId, 20), unavailable);
    }

    /** A conversation for an agent: the transcript, the visitor's cart and, for a customer, the 360 view. */
    public record ConversationView(Conversation conversation, List<ChatMessage> transcript, Cart cart, CustomerView customer) {
    }

    public ConversationView conversation(String id) {
        ChatDesk.Transcript t = chats.transcript(id, 500);
        Conversation c = t.conversation();
        Carts k = carts;
        Cart cart = null;
        if (k != null && c.cartId() != null) {
            cart = k.byId(c.cartId()).filter(x -> x.customerId() == null || x.customerId().equals(c.customerId())).orElse(null);
        }
        if (k != null && cart == null && c.customerId() != null) {
            cart = k.ofCustomer(c.customerId()).orElse(null);
        }
        return new ConversationView(c, t.messages(), cart, c.customerId() == null ? null : customer(c.customerId()));
    }

    @Override
    public void handleEvent(Event event) {
        Object payload = event.getProperty(EventTopics.PAYLOAD);
        Object eventId = event.getProperty(EventTopics.EVENT_ID);
        if (!(payload instanceof String text) || !(eventId instanceof Long id)) {
            LOG.warn("Ignoring {} without a payload or an event id", event.getTopic());
            return;
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (IOException e) {
            LOG.warn("Ignoring {} {} with an unreadable payload: {}", event.getTopic(), id, e.getMessage());
            return;
        }
        try {
            if (event.getTopic().equals(CustomerEvents.CUSTOMER_ERASED)) {
                erased(id, str(node, "customerId"));
            } else if (event.getTopic().startsWith("emporium/orders/")) {
                orderEvent(id, event.getTopic().substring("emporium/orders/".length()), node);
            }
        } catch (RuntimeException e) {
            // Event Admin does not redeliver; the outbox does, and the handled-events table makes the retry safe
            LOG.error("Support failed on {} {}: {}", event.getTopic(), id, e.getMessage(), e);
            throw e;
        }
    }

    void orderEvent(long eventId, String name, JsonNode node) {
        String number = str(node, "number");
        if (number == null) {
            LOG.warn("Ignoring orders' {} {} without a number", name, eventId);
            return;
        }
        CaseBook.OrderFacts facts = new CaseBook.OrderFacts(name, number, str(node, "status"), str(node, "customerId"),
                str(node, "email"), str(node, "carrier"), str(node, "trackingNumber"), str(node, "total"), str(node, "currency"));
        List<Notification> out = Transactions.inTransaction(dataSource, c -> {
            if (!firstTime(c, eventId)) {
                return List.<Notification>of();
            }
            List<Notification> n = cases.orderEvent(c, facts);
            if (name.equals("ORDER_PLACED")) {
                BigDecimal total = facts.total() == null ? null : new BigDecimal(facts.total());
                followUps.orderPlaced(c, facts.customerId(), number, total, facts.currency());
            }
            return n;
        });
        notifyBuyer(out);
    }

    void erased(long eventId, String customerId) {
        if (customerId == null) {
            return;
        }
        Transactions.inTransaction(dataSource, c -> {
            if (!firstTime(c, eventId)) {
                return null;
            }
            int chatsErased = ChatDesk.anonymize(c, customerId);
            CaseBook.anonymize(c, customerId);
            FollowUps.anonymize(c, customerId);
            CommunityWatch.anonymize(c, customerId);
            LOG.info("Customer {} erased: {} conversation(s), their cases, follow-ups and mentions anonymized", customerId, chatsErased);
            return null;
        });
    }

    private boolean firstTime(Connection c, long eventId) throws SQLException {
        return Transactions.insertIfAbsent(c, tx -> {
            try (PreparedStatement ps = tx.prepareStatement("INSERT INTO support_event_seen (event_id, seen_at) VALUES (?, ?)")) {
                Db.bind(ps, eventId, clock.instant());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static String str(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

}
