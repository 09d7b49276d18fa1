package dev.emporium.platform.internal.http;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.http.runtime.HttpServiceRuntime;
import org.osgi.service.http.runtime.dto.RuntimeDTO;
import org.osgi.service.http.runtime.dto.ServletContextDTO;
import org.osgi.service.http.runtime.dto.ServletDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.servlet.Servlet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps Emporium's servlets served. Pax Web 8's whiteboard can leave a servlet registered as a service yet matched to
 * no context when it arrives while the default context is being replaced: seen at a restart under load ("No matching
 * target context(s) for Whiteboard element ... emporium-api"), after which every {@code /api} request was a 404 for
 * good. Every few seconds this reads the HTTP runtime; a servlet of Emporium (named {@code emporium-*}) that stays
 * registered but unserved past a grace period has its component disabled and enabled again through SCR, which
 * registers it anew.
 */
@Component(immediate = true)
public final class ServedServletsWatch {

    static final String NAMES = "(osgi.http.whiteboard.servlet.name=emporium-*)";
    private static final Logger LOG = LoggerFactory.getLogger(ServedServletsWatch.class);

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final UnservedServlets unserved = new UnservedServlets(TimeUnit.SECONDS.toNanos(5), TimeUnit.MINUTES.toNanos(5));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "emporium-served-servlets");
        t.setDaemon(true);
        return t;
    });

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile HttpServiceRuntime runtime;

    @Activate
    public ServedServletsWatch(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
        timer.scheduleWithFixedDelay(this::look, 2, 2, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    private void look() {
        try {
            HttpServiceRuntime http = runtime;
            if (http == null) {
                return;
            }
            Map<String, ServiceReference<Servlet>> refs = new HashMap<>();
            Map<String, Long> registered = new HashMap<>();
            for (ServiceReference<Servlet> ref : context.getServiceReferences(Servlet.class, NAMES)) {
                Object component = ref.getProperty("component.name");
                if (component != null && ref.getBundle() != null) {
                    String key = ref.getBundle().getBundleId() + "/" + component;
                    refs.put(key, ref);
                    registered.put(key, (Long) ref.getProperty("service.id"));
                }
            }
            for (String key : unserved.due(registered, served(http.getRuntimeDTO()), System.nanoTime())) {
                registerAgain(refs.get(key), key);
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            LOG.debug("Could not look at the HTTP runtime", e);
        }
    }

    static Set<Long> served(RuntimeDTO dto) {
        Set<Long> served = new HashSet<>();
        if (dto != null && dto.servletContextDTOs != null) {
            for (ServletContextDTO c : dto.servletContextDTOs) {
                for (ServletDTO s : c.servletDTOs == null ? new ServletDTO[0] : c.servletDTOs) {
                    served.add(s.serviceId);
                }
            }
        }
        return served;
    }

    private void registerAgain(ServiceReference<Servlet> ref, String key) {
        ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(ref.getBundle(), (String) ref.getProperty("component.name"));
        if (description == null) {
            return;
        }
        LOG.warn("Servlet {} ({}) is registered but not served by the HTTP runtime: registering it again (attempt {})",
                ref.getProperty("osgi.http.whiteboard.servlet.name"), key, unserved.attempts(key));
        try {
            scr.disableComponent(description).getValue();
            scr.enableComponent(description).getValue();
        } catch (java.lang.reflect.InvocationTargetException e) {
            LOG.warn("Could not register servlet {} again: {}", key, e.getCause() == null ? e : e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
