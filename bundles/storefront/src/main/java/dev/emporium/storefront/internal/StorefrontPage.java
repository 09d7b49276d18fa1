package dev.emporium.storefront.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The storefront page under {@code /store}: static files from this bundle, {@code index.html} for the page itself.
 * The page talks to the store only through the public routes under {@code /api}, as any web shop would.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/store/*")
// Pax Web names an unnamed servlet after its class of service, and refuses a second one of the same name
@HttpWhiteboardServletName("emporium-storefront")
public class StorefrontPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Plain file names under web/, one folder deep at most: nothing else of the bundle is served. */
    private static final Pattern FILE = Pattern.compile("(img/)?[a-z0-9][a-z0-9-]*\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null) {
            // /store without its slash: relative links in the page need the slash
            response.sendRedirect(request.getContextPath() + request.getServletPath() + "/");
            return;
        }
        Optional<String> file = file(path);
        InputStream in = file.map(f -> StorefrontPage.class.getResourceAsStream("/web/" + f)).orElse(null);
        securityHeaders(response);
        if (in == null) {
            // written here rather than by sendError: Jetty's error page would name Jetty and its version
            byte[] text = "no such page\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("text/plain; charset=utf-8");
            response.setHeader("Cache-Control", "no-cache");
            response.setContentLength(text.length);
            response.getOutputStream().write(text);
            return;
        }
        String name = file.get();
        response.setContentType(TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
        response.setHeader("Cache-Control", name.endsWith(".html") ? "no-cache" : "max-age=300");
        try (in; OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    /** The page is never sniffed, framed by another site, or named in the referrer of a link it holds. */
    static void securityHeaders(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'");
    }

    /** The file under web/ a request path names, if it names one that may be served. */
    static Optional<String> file(String pathInfo) {
        String name = pathInfo.equals("/") ? "index.html" : pathInfo.substring(1);
        return FILE.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }
}
