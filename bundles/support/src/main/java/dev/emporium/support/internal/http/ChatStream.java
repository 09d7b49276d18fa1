package dev.emporium.support.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.platform.api.Authenticator;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.support.internal.SupportService;
import dev.emporium.support.internal.chat.ChatDesk;
import dev.emporium.support.internal.chat.ChatMessage;
import dev.emporium.support.internal.chat.Conversation;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A chat live, as Server-Sent Events: {@code GET /api/support/stream/{id}} sends every message after
 * {@code Last-Event-ID} (or {@code ?after=}) as it is written, for {@code streamSeconds}, then ends; the browser's
 * EventSource reconnects with the last id, so nothing is missed. It is a servlet of its own because the gateway
 * answers whole JSON bodies; it authenticates as the gateway does (the conversation id is the visitor's right, and
 * credentials, when sent, must be valid). Clients without EventSource poll {@code GET /api/support/chats/{id}}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/support/stream/*")
// named: Pax Web 8 names an unnamed servlet after its service interface, and skips a second "javax.servlet.Servlet"
// (the gateway is the first) with only a warning in the log
@HttpWhiteboardServletName("emporium-support-chat-stream")
public class ChatStream extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ChatStream.class);

    private final transient SupportService support;
    private final transient ObjectMapper mapper;
    private final transient List<Authenticator> authenticators = new CopyOnWriteArrayList<>();

    @Activate
    public ChatStream(@Reference SupportService support, @Reference ObjectMapper mapper) {
        this.support = support;
        this.mapper = mapper;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addAuthenticator(Authenticator a) {
        authenticators.add(a);
    }

    void removeAuthenticator(Authenticator a) {
        authenticators.remove(a);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        String id = path.startsWith("/") ? path.substring(1) : path;
        ChatDesk chats = support.chats();
        long after;
        try {
            authenticate(req);
            after = after(req);
            Conversation c = chats.get(id);
            if (id.contains("/")) {
                throw new dev.emporium.platform.api.NotFoundException("no conversation " + id);
            }
            LOG.debug("Streaming conversation {} from message {}", c.id(), after);
        } catch (ProblemException p) {
            problem(resp, p, req.getRequestURI());
            return;
        }
        resp.setStatus(200);
        resp.setContentType("text/event-stream");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Accel-Buffering", "no");
        OutputStream out = resp.getOutputStream();
        // tell EventSource how soon to come back once this response ends
        out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
        resp.flushBuffer();
        long deadline = System.nanoTime() + support.streamSeconds() * 1_000_000_000L;
        long lastBeat = System.nanoTime();
        try {
            while (System.nanoTime() < deadline) {
                long seen = chats.signals().version();
                List<ChatMessage> messages = chats.messages(id, after, 100);
                for (ChatMessage m : messages) {
                    out.write(("id: " + m.id() + "\nevent: message\ndata: " + mapper.writeValueAsString(m) + "\n\n").getBytes(StandardCharsets.UTF_8));
                    after = m.id();
                }
                if (!messages.isEmpty()) {
                    resp.flushBuffer();
                    continue;
                }
                if (System.nanoTime() - lastBeat > 15_000_000_000L) {
                    // a comment line: keeps proxies from closing an idle stream, and finds a client that left
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    resp.flushBuffer();
                    lastBeat = System.nanoTime();
                }
                // woken at once by a message written on this node; the database is looked at every second for the others
                chats.signals().awaitAfter(seen, 1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException gone) {
            LOG.debug("Chat stream of {} ended by the client: {}", id, gone.getMessage());
        }
    }

    private void authenticate(HttpServletRequest req) {
        String authorization = req.getHeader("Authorization");
        if (authorization == null) {
            return;
        }
        for (Authenticator a : authenticators) {
            if (a.authenticate(authorization, req.getRemoteAddr()).isPresent()) {
                return;
            }
        }
        throw new dev.emporium.platform.api.UnauthorizedException("these credentials are not valid");
    }

    private static long after(HttpServletRequest req) {
        String raw = req.getHeader("Last-Event-ID");
        if (raw == null || raw.isBlank()) {
            raw = req.getParameter("after");
        }
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        try {
            long v = Long.parseLong(raw.strip());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new dev.emporium.platform.api.ValidationException("after", "a message id, 0 or more");
    }

    private void problem(HttpServletResponse resp, ProblemException p, String path) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", p.title());
        body.put("status", p.status());
        if (p.detail() != null) {
            body.put("detail", p.detail());
        }
        body.put("instance", path);
        if (!p.errors().isEmpty()) {
            body.put("errors", p.errors());
        }
        byte[] bytes = mapper.writeValueAsBytes(body);
        resp.setStatus(p.status());
        resp.setHeader("Cache-Control", "no-store");
        p.headers().forEach(resp::setHeader);
        resp.setContentType("application/problem+json");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
