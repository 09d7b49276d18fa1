package dev.emporium.security.internal.console.realm;

import dev.emporium.security.internal.SecurityConfig;
import dev.emporium.security.internal.SecurityService;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

import javax.security.auth.login.AppConfigurationEntry;
import java.util.Map;

/**
 * Puts the console, ssh, JMX and the web console behind Emporium's admin accounts: a JAAS realm named as Karaf's own
 * ({@code karaf}) with a higher rank, so Karaf picks it instead of etc/users.properties. {@code consoleRealm = false}
 * gives the console back to Karaf's realm.
 */
@Component(configurationPid = SecurityConfig.PID, immediate = true, service = {})
public class EmporiumRealm {

    /** The name of the realm Karaf's console, ssh, JMX and web console sign in through. */
    public static final String KARAF_REALM = "karaf";
    /** Karaf's properties realm has rank 0 (its own modules); the highest rank of a name wins. */
    public static final int RANK = 100;
    private static final String PROXY = "org.apache.karaf.jaas.boot.ProxyLoginModule";

    private final BundleContext context;
    private final SecurityService security;
    private ServiceRegistration<JaasRealm> registration;

    @Activate
    public EmporiumRealm(@Reference SecurityService security, BundleContext context, SecurityConfig config) {
        this.context = context;
        this.security = security;
        apply(config);
    }

    @Modified
    synchronized void apply(SecurityConfig config) {
        if (config.consoleRealm() && registration == null) {
            registration = context.registerService(JaasRealm.class, realm(), null);
        } else if (!config.consoleRealm() && registration != null) {
            registration.unregister();
            registration = null;
        }
    }

    @Deactivate
    synchronized void deactivate() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }

    private JaasRealm realm() {
        Map<String, Object> options = Map.of(
                "org.apache.karaf.jaas.module", AdminLoginModule.class.getName(),
                "org.apache.karaf.jaas.bundle", String.valueOf(context.getBundle().getBundleId()),
                AdminLoginModule.BOOK, security.book());
        AppConfigurationEntry entry = new AppConfigurationEntry(PROXY, AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options);
        return new JaasRealm() {
            @Override
            public String getName() {
                return KARAF_REALM;
            }

            @Override
            public int getRank() {
                return RANK;
            }

            @Override
            public AppConfigurationEntry[] getEntries() {
                return new AppConfigurationEntry[] {entry};
            }
        };
    }
}
