package dev.emporium.bench.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The baseline of the product read: a bare Jetty 9.4 with one servlet that writes, with Jackson, the product JSON
 * the store answered for each SKU, held in memory as trees. Run by the runner as a JVM of its own with the store's
 * heap settings: {@code BareJetty <port> <products.json>} (an object of SKU to product). Prints "ready" once it listens.
 */
public final class BareJetty {

    private BareJetty() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        ObjectMapper mapper = new ObjectMapper();
        Map<String, JsonNode> products = new HashMap<>();
        JsonNode all = mapper.readTree(Files.readAllBytes(Path.of(args[1])));
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            products.put(e.getKey(), e.getValue());
        }
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                String path = req.getRequestURI();
                JsonNode product = products.get(path.substring(path.lastIndexOf('/') + 1));
                resp.setContentType("application/json");
                resp.setCharacterEncoding("UTF-8");
                if (product == null) {
                    resp.setStatus(404);
                    resp.getWriter().write("{\"status\":404}");
                    return;
                }
                mapper.writeValue(resp.getOutputStream(), product);
            }
        }), "/api/catalog/products/*");
        server.setHandler(context);
        server.start();
        System.out.println("ready");
        System.out.flush();
        server.join();
    }
}
