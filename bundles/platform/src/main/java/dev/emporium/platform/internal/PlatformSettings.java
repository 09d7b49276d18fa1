package dev.emporium.platform.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current {@link PlatformConfig}, as a service of its own. The gateway reads it here instead of being configured
 * itself: a configured servlet's service properties change with its configuration, and the HTTP Whiteboard answers
 * that by unregistering and registering the servlet again, which would open a 404 window on every change.
 */
@Component(service = PlatformSettings.class, configurationPid = PlatformConfig.PID)
@Designate(ocd = PlatformConfig.class)
public class PlatformSettings {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformSettings.class);

    private volatile PlatformConfig current;

    @Activate
    public PlatformSettings(PlatformConfig config) {
        this.current = config;
    }

    @Modified
    void modified(PlatformConfig config) {
        this.current = config;
        LOG.info("Platform settings changed: hold {} s, bodies up to {} bytes, outbox poll {} ms",
                config.holdSeconds(), config.maxBodyBytes(), config.outboxPollMillis());
    }

    public PlatformConfig current() {
        return current;
    }
}
