package dev.emporium.itests;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What Declarative Services says of Emporium's components. A class of its own: the test classes load before the
 * features that bring DS are installed.
 */
final class Components {

    private Components() {
    }

    /** Every component of an Emporium bundle that is not satisfied or failed to activate, with the reason. */
    static List<String> broken(BundleContext context) {
        ServiceReference<ServiceComponentRuntime> ref = context.getServiceReference(ServiceComponentRuntime.class);
        ServiceComponentRuntime scr = context.getService(ref);
        try {
            List<String> broken = new ArrayList<>();
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
                if (!d.bundle.symbolicName.startsWith("dev.emporium.")) {
                    continue;
                }
                if (!scr.isComponentEnabled(d)) {
                    broken.add(d.name + ": disabled");
                }
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    if (c.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION
                            || c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                            || c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        broken.add(d.name + ": state " + c.state + (c.failure == null ? "" : ", " + c.failure.lines().findFirst().orElse("")));
                    }
                }
            }
            return broken;
        } finally {
            context.ungetService(ref);
        }
    }

    /**
     * Waits until every active component configured by {@code pid} has been given {@code values} (compared as text):
     * Config Admin hands a changed configuration to the components asynchronously, after {@code update} returns.
     */
    static void awaitConfigured(BundleContext context, String pid, Map<String, ?> values, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String last = "no component configured by " + pid;
        while (System.nanoTime() < deadline) {
            ServiceReference<ServiceComponentRuntime> ref = context.getServiceReference(ServiceComponentRuntime.class);
            ServiceComponentRuntime scr = ref == null ? null : context.getService(ref);
            if (scr != null) {
                try {
                    int configured = 0;
                    int pending = 0;
                    for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
                        if (!Arrays.asList(d.configurationPid).contains(pid)) {
                            continue;
                        }
                        for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                            boolean given = values.entrySet().stream().allMatch(
                                    e -> String.valueOf(e.getValue()).equals(String.valueOf(c.properties.get(e.getKey()))));
                            configured++;
                            if (!given) {
                                pending++;
                                last = d.name + " has " + c.properties;
                            }
                        }
                    }
                    if (configured > 0 && pending == 0) {
                        return;
                    }
                } finally {
                    context.ungetService(ref);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(values + " never reached the components of " + pid + " within " + seconds + " s: " + last);
    }
}
