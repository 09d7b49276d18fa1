package dev.emporium.security.internal.access;

import dev.emporium.platform.api.Access;
import dev.emporium.platform.api.AdminPolicy;
import dev.emporium.platform.api.AdminWrite;
import dev.emporium.platform.api.Caller;
import dev.emporium.platform.api.ForbiddenException;
import dev.emporium.platform.api.Route;
import dev.emporium.platform.api.UnauthorizedException;
import dev.emporium.security.api.AdminRoles;
import dev.emporium.security.internal.SecurityService;
import dev.emporium.security.internal.audit.AuditTrail;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.time.Instant;

/**
 * What the gateway asks before every admin route: an admin from an allowed address and with the route's role (403
 * otherwise), whichever authenticator vouched for the caller; and the audit row of every admin
 * write of every department, refusals included. Security's own routes audit their writes themselves, in the same
 * transaction and with more detail, so they are not recorded twice.
 */
@Component(service = AdminPolicy.class)
public class GatewayPolicy implements AdminPolicy {

    static final String ACTION = "ADMIN_WRITE";

    private final SecurityService security;

    @Activate
    public GatewayPolicy(@Reference SecurityService security) {
        this.security = security;
    }

    @Override
    public void admit(Route route, Caller caller, String remoteAddress) {
        if (caller == null) {
            throw new UnauthorizedException("sign in to use this route");
        }
        if (caller.kind() != Access.ADMIN) {
            throw new ForbiddenException("this route needs an admin with role " + (route.role() == null ? "admin" : route.role()));
        }
        if (!security.settings().allowList().allows(remoteAddress)) {
            throw new ForbiddenException("admin access is not allowed from this address");
        }
        if (!caller.mayCall(Access.ADMIN, route.role())) {
            throw new ForbiddenException("this route needs an admin with role " + (route.role() == null ? "admin" : route.role()));
        }
    }

    @Override
    public void recordWrite(AdminWrite write) {
        if (AdminRoles.DEPARTMENT.equals(write.department()) && write.status() < 400) {
            return;
        }
        String outcome = write.status() < 400 ? AuditTrail.SUCCESS
                : write.status() == 401 || write.status() == 403 ? AuditTrail.REFUSED : AuditTrail.FAILED;
        if (write.status() >= 400 && write.status() < 500 && write.status() != 401 && write.status() != 403) {
            outcome = AuditTrail.REFUSED;
        }
        security.book().audit().record(write.at() == null ? Instant.now() : write.at(), write.actor() == null ? "anonymous" : write.actor(),
                ACTION, write.method() + " " + write.path(), write.remoteAddress(), outcome,
                write.department() + ": " + write.status() + " " + write.route());
    }
}
