package dev.emporium.security.internal;

import dev.emporium.platform.api.Authenticator;
import dev.emporium.platform.api.Caller;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.Optional;

/**
 * Signs admins in on every request: {@code Bearer at_...} becomes an admin caller with its account's roles, from an
 * allowed address only. Other credentials (customers' {@code ct_}, tests' tokens) are left to other authenticators.
 */
@Component(service = Authenticator.class)
public class AdminTokenAuthenticator implements Authenticator {

    private final SecurityService security;

    @Activate
    public AdminTokenAuthenticator(@Reference SecurityService security) {
        this.security = security;
    }

    @Override
    public Optional<Caller> authenticate(String authorization, String remoteAddress) {
        return security.book().authenticate(authorization, remoteAddress);
    }
}
