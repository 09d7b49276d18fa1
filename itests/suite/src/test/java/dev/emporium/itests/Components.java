package dev.emporium.itests;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import java.util.ArrayList;
import java.util.List;

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
}
