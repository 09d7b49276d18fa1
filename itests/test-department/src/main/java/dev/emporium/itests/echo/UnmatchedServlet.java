package dev.emporium.itests.echo;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;

/**
 * A servlet of Emporium's name that no context ever serves: it stands for the gateway as Pax Web can leave it at a
 * restart (registered, matched to no context), so the tests can see the platform register it again.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/echo-unmatched/*")
@HttpWhiteboardServletName("emporium-itest-unmatched")
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=emporium-itest-nowhere)")
public class UnmatchedServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
}
