package dev.emporium.itests;

import dev.emporium.platform.api.Access;
import dev.emporium.platform.api.Authenticator;
import dev.emporium.platform.api.Caller;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import java.util.Optional;
import java.util.Set;

/**
 * An {@link Authenticator} for tests until the security and customers departments sign people in: the bearer token
 * {@code admin:<role>,<role>} is an admin with those roles, {@code customer:<id>} a signed-in customer,
 * {@code expired:1} a token this authenticator recognises as expired.
 */
final class TestCallers implements Authenticator {

    private TestCallers() {
    }

    static ServiceRegistration<Authenticator> register(BundleContext context) {
        return context.registerService(Authenticator.class, new TestCallers(), null);
    }

    /** The Authorization header of an admin with the given roles. */
    static String admin(String... roles) {
        return "Bearer admin:" + String.join(",", roles);
    }

    /** The Authorization header of a signed-in customer. */
    static String customer(String id) {
        return "Bearer customer:" + id;
    }

    /** The Authorization header of a caller whose token has expired. */
    static final String EXPIRED = "Bearer expired:1";

    @Override
    public Optional<Caller> authenticate(String authorization, String remoteAddress) {
        if (authorization.equals(EXPIRED)) {
            throw new dev.emporium.platform.api.UnauthorizedException("this test token has expired");
        }
        if (authorization.startsWith("Bearer admin:")) {
            String roles = authorization.substring("Bearer admin:".length());
            return Optional.of(new Caller("test-admin", Access.ADMIN, Set.of(roles.split(","))));
        }
        if (authorization.startsWith("Bearer customer:")) {
            return Optional.of(new Caller(authorization.substring("Bearer customer:".length()), Access.CUSTOMER, Set.of()));
        }
        return Optional.empty();
    }
}
