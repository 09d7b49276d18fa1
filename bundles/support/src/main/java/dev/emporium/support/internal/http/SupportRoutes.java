package dev.emporium.support.internal.http;

import dev.emporium.platform.api.Access;
import dev.emporium.platform.api.Caller;
import dev.emporium.platform.api.DepartmentRoutes;
import dev.emporium.platform.api.HttpMethod;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Route;
import dev.emporium.platform.api.RouteRequest;
import dev.emporium.platform.api.RouteResponse;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.support.api.MentionReport;
import dev.emporium.support.api.SupportEvents;
import dev.emporium.support.internal.SupportService;
import dev.emporium.support.internal.cases.CaseView;
import dev.emporium.support.internal.chat.ChatMessage;
import dev.emporium.support.internal.chat.Conversation;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Support's HTTP routes. Storefront: a visitor's chat (reached by its unguessable id; live at
 * {@code /api/support/stream/{id}}, polled here), a customer's cases, complaints, questions and ratings, product
 * questions. Admin ({@value #AGENT}): agents work the chat queue, cases, follow-ups and see their statistics; the
 * community manager keeps the watch list and files mentions.
 */
@Component(service = DepartmentRoutes.class)
public class SupportRoutes implements DepartmentRoutes {

    /** The admin role of agents: chats, cases, follow-ups, statistics. */
    public static final String AGENT = "support-agent";
    /**
     * The community manager's routes (watch list, mentions) need the same role: security's {@code AdminRoles} has no
     * role of their own yet.
     */
    public static final String COMMUNITY = AGENT;

    public record OpenChat(String name, String topic, String cartId, String message) {
    }

    public record MessageBody(String body) {
    }

    public record EntryBody(String kind, String body) {
    }

    public record RatingBody(Integer rating, String comment) {
    }

    public record AgentBody(String agent) {
    }

    public record NoteBody(String note) {
    }

    public record OutcomeBody(String outcome) {
    }

    public record QuestionBody(String sku, String question) {
    }

    public record WatchBody(String kind, String term) {
    }

    public record MentionBody(String source, String externalId, String author, String customerId, String text, String sentiment,
                              Instant publishedAt) {
    }

    /** What the polling fallback answers: messages after {@code ?after=}, and where to resume. */
    public record Messages(Conversation conversation, List<ChatMessage> messages, long last) {
    }

    private final SupportService support;

    @Activate
    public SupportRoutes(@Reference SupportService support) {
        this.support = support;
    }

    @Override
    public String department() {
        return SupportEvents.DEPARTMENT;
    }

    @Override
    public List<Route> routes() {
        String a = "/api/admin/support";
        return List.of(
                Route.open(HttpMethod.POST, "/api/support/chats", "Open a live chat (live at /api/support/stream/{id} as Server-Sent Events)", this::openChat),
                Route.open(HttpMethod.GET, "/api/support/chats/{id}", "A chat and its messages after ?after= (the polling fallback)", this::poll),
                Route.open(HttpMethod.POST, "/api/support/chats/{id}/messages", "The visitor writes", this::visitorSays),
                Route.open(HttpMethod.POST, "/api/support/chats/{id}/close", "The visitor leaves the chat", r -> support.chats().close(r.pathParam("id"))),
                Route.customer(HttpMethod.GET, "/api/support/cases", "The signed-in customer's cases", r -> support.cases().list(null, null, me(r), limit(r))),
                Route.customer(HttpMethod.GET, "/api/support/cases/{caseId}", "One of the customer's cases with its steps and messages",
                        r -> support.cases().buyerView(caseId(r), me(r))),
                Route.customer(HttpMethod.POST, "/api/support/cases/{caseId}/entries", "Add a COMPLAINT or QUESTION to one's case (reopens it)",
                        r -> created(support.cases().buyerWrites(caseId(r), me(r), r.body(EntryBody.class).kind(), r.body(EntryBody.class).body()))),
                Route.customer(HttpMethod.POST, "/api/support/cases/{caseId}/rating", "Rate a resolved case from 1 to 5: it closes",
                        r -> support.cases().rate(caseId(r), me(r), r.body(RatingBody.class).rating(), r.body(RatingBody.class).comment())),
                Route.customer(HttpMethod.POST, "/api/support/questions", "Ask about a product: a consultant calls back when consent allows", this::question),

                Route.admin(HttpMethod.GET, a + "/chats", AGENT, "Chats by ?status= (WAITING: the queue, oldest first) and ?agent=",
                        r -> support.chats().list(r.query("status").orElse("WAITING"), r.query("agent").orElse(null), limit(r))),
                Route.admin(HttpMethod.GET, a + "/chats/{id}", AGENT, "A chat with its transcript, the visitor's cart and customer view",
                        r -> support.conversation(r.pathParam("id"))),
                Route.admin(HttpMethod.POST, a + "/chats/{id}/take", AGENT, "Take a waiting chat", r -> support.chats().take(r.pathParam("id"), agent(r))),
                Route.admin(HttpMethod.POST, a + "/chats/{id}/assign", AGENT, "Hand a chat to an agent",
                        r -> support.chats().assign(r.pathParam("id"), r.body(AgentBody.class).agent())),
                Route.admin(HttpMethod.POST, a + "/chats/{id}/messages", AGENT, "The agent writes (taking a waiting chat)",
                        r -> RouteResponse.created("/api/support/chats/" + r.pathParam("id"),
                                support.chats().agentSays(r.pathParam("id"), agent(r), r.body(MessageBody.class).body()))),
                Route.admin(HttpMethod.POST, a + "/chats/{id}/close", AGENT, "Close a chat", r -> support.chats().close(r.pathParam("id"))),

                Route.admin(HttpMethod.GET, a + "/cases", AGENT, "Cases by ?status=, ?agent=, ?customerId=; influential buyers first",
                        r -> support.cases().list(r.query("status").orElse(null), r.query("agent").orElse(null), r.query("customerId").orElse(null), limit(r))),
                Route.admin(HttpMethod.GET, a + "/cases/{caseId}", AGENT, "A case with its timers, steps and the messages sent", r -> support.cases().view(caseId(r))),
                Route.admin(HttpMethod.GET, a + "/orders/{number}/case", AGENT, "The case of an order", r -> support.cases().view(
                        support.cases().byOrder(r.pathParam("number")).orElseThrow(() -> new NotFoundException("no case for order " + r.pathParam("number"))).id())),
                Route.admin(HttpMethod.POST, a + "/cases/{caseId}/entries", AGENT, "Add a REPLY (sent to the buyer), NOTE, COMPLAINT or QUESTION",
                        r -> created(support.cases().agentWrites(caseId(r), agent(r), r.body(EntryBody.class).kind(), r.body(EntryBody.class).body()))),
                Route.admin(HttpMethod.POST, a + "/cases/{caseId}/assign", AGENT, "Assign a case to an agent",
                        r -> support.cases().assign(caseId(r), r.body(AgentBody.class).agent())),
                Route.admin(HttpMethod.POST, a + "/cases/{caseId}/resolve", AGENT, "Resolve a case; the buyer is asked to rate it",
                        r -> support.cases().resolve(caseId(r), agent(r), r.rawBody().length == 0 ? null : r.body(NoteBody.class).note())),
                Route.admin(HttpMethod.GET, a + "/customers/{customerId}", AGENT, "A customer's 360 view: profile, reach, consents, orders, cart, cases, follow-ups",
                        r -> support.customer(r.pathParam("customerId"))),

                Route.admin(HttpMethod.GET, a + "/follow-ups", AGENT, "Sales follow-ups by ?status=, ?agent=, ?customerId=",
                        r -> support.followUps().list(r.query("status").orElse(null), r.query("agent").orElse(null), r.query("customerId").orElse(null), limit(r))),
                Route.admin(HttpMethod.POST, a + "/follow-ups/sweep", AGENT, "Look at abandoned checkouts now", r -> support.sweep()),
                Route.admin(HttpMethod.POST, a + "/follow-ups/{id}/assign", AGENT, "Assign a follow-up to an agent (credited with the sale)",
                        r -> support.followUps().assign(id(r), r.body(AgentBody.class).agent())),
                Route.admin(HttpMethod.POST, a + "/follow-ups/{id}/close", AGENT, "End a follow-up without a sale (LOST or CANCELLED)",
                        r -> support.followUps().close(id(r), r.body(OutcomeBody.class).outcome())),
                Route.admin(HttpMethod.GET, a + "/agents/stats", AGENT, "Per agent: chats, response times, cases, satisfaction, sales credited",
                        r -> support.stats().all()),

                Route.admin(HttpMethod.GET, a + "/watch", COMMUNITY, "The watch list", r -> support.community().watchList()),
                Route.admin(HttpMethod.POST, a + "/watch", COMMUNITY, "Watch a KEYWORD, CUSTOMER or HANDLE", r -> {
                    WatchBody b = r.body(WatchBody.class);
                    return RouteResponse.created(a + "/watch", support.community().watch(b.kind(), b.term()));
                }),
                Route.admin(HttpMethod.DELETE, a + "/watch/{id}", COMMUNITY, "Stop watching", r -> {
                    support.community().unwatch(id(r));
                    return null;
                }),
                Route.admin(HttpMethod.GET, a + "/mentions", COMMUNITY, "Mentions, influential customers first; ?proposal=",
                        r -> support.community().list(r.query("proposal").orElse(null), limit(r))),
                Route.admin(HttpMethod.POST, a + "/mentions", COMMUNITY, "File a mention (once per source and externalId)", this::mention),
                Route.admin(HttpMethod.POST, a + "/mentions/import", COMMUNITY, "Ask every social-listening source now",
                        r -> Map.of("filed", support.importMentions())));
    }

    private Object openChat(RouteRequest r) {
        OpenChat body = r.rawBody().length == 0 ? new OpenChat(null, null, null, null) : r.body(OpenChat.class);
        String customer = r.caller().filter(c -> c.kind() == Access.CUSTOMER).map(Caller::id).orElse(null);
        Conversation c = support.chats().open(customer, body.name(), body.topic(), body.cartId(), body.message());
        return RouteResponse.created("/api/support/chats/" + c.id(), c);
    }

    private Object poll(RouteRequest r) {
        String id = r.pathParam("id");
        long after = longParam(r.query("after"), "after");
        Conversation c = support.chats().get(id);
        List<ChatMessage> messages = support.chats().messages(id, after, limit(r));
        return new Messages(c, messages, messages.isEmpty() ? after : messages.get(messages.size() - 1).id());
    }

    private Object visitorSays(RouteRequest r) {
        ChatMessage m = support.chats().visitorSays(r.pathParam("id"), r.body(MessageBody.class).body());
        return RouteResponse.created("/api/support/chats/" + r.pathParam("id"), m);
    }

    private Object question(RouteRequest r) {
        QuestionBody b = r.body(QuestionBody.class);
        return support.question(me(r), b.sku(), b.question())
                .<Object>map(f -> RouteResponse.created("/api/support/questions/" + f.id(), Map.of("followUp", true, "channel", f.channel())))
                .orElseGet(() -> RouteResponse.accepted(Map.of("followUp", false,
                        "detail", "your question is noted; we may not contact you, as your consent does not allow it")));
    }

    private Object mention(RouteRequest r) {
        MentionBody b = r.body(MentionBody.class);
        var m = support.fileMention(b.source(), new MentionReport(b.externalId(), b.author(), b.customerId(), b.text(), b.sentiment(), b.publishedAt()));
        return RouteResponse.created("/api/admin/support/mentions", m);
    }

    private static RouteResponse created(CaseView v) {
        return RouteResponse.created("/api/support/cases/" + v.serviceCase().id(), v);
    }

    private static String me(RouteRequest r) {
        return r.caller().orElseThrow().id();
    }

    private static String agent(RouteRequest r) {
        return r.caller().orElseThrow().id();
    }

    private static int limit(RouteRequest r) {
        return r.page().limit();
    }

    private static long caseId(RouteRequest r) {
        return idOf(r.pathParam("caseId"), "case");
    }

    private static long id(RouteRequest r) {
        return idOf(r.pathParam("id"), "record");
    }

    private static long idOf(String raw, String what) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new NotFoundException("no " + what + " " + raw);
        }
    }

    private static long longParam(Optional<String> raw, String name) {
        if (raw.isEmpty() || raw.get().isBlank()) {
            return 0;
        }
        try {
            long v = Long.parseLong(raw.get().strip());
            if (v < 0) {
                throw new ValidationException(name, "a message id, 0 or more");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ValidationException(name, "a message id, 0 or more");
        }
    }
}
