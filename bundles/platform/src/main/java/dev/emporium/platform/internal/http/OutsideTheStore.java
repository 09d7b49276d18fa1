package dev.emporium.platform.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every address no other servlet serves (outside {@code /api} and {@code /store}): a 404 Problem with the API's
 * headers, for any method, instead of Jetty's HTML error page naming its default servlet.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/")
@HttpWhiteboardServletName("emporium-outside-the-store")
public class OutsideTheStore extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_INSTANCE = 200;

    private final transient ObjectMapper mapper;

    @Activate
    public OutsideTheStore(@Reference ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI() == null ? "/" : req.getRequestURI();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", "Not found");
        body.put("status", 404);
        body.put("detail", "nothing at this address: the store's API is under /api, its storefront under /store");
        body.put("instance", path.length() > MAX_INSTANCE ? path.substring(0, MAX_INSTANCE) + "…" : path);
        byte[] bytes = mapper.writeValueAsBytes(body);
        resp.setStatus(404);
        ApiGateway.commonHeaders(req, resp);
        resp.setContentType("application/problem+json");
        resp.setContentLength(bytes.length);
        if (!"HEAD".equals(req.getMethod())) {
            resp.getOutputStream().write(bytes);
        }
    }
}
