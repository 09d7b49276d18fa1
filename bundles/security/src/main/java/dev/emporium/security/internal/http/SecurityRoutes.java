package dev.emporium.security.internal.http;

import dev.emporium.platform.api.Caller;
import dev.emporium.platform.api.DepartmentRoutes;
import dev.emporium.platform.api.HttpMethod;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Route;
import dev.emporium.platform.api.RouteRequest;
import dev.emporium.platform.api.RouteResponse;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.security.api.AdminRoles;
import dev.emporium.security.api.OneTimePassword;
import dev.emporium.security.api.SignIn;
import dev.emporium.security.internal.SecurityService;
import dev.emporium.security.internal.access.AdminTokens;
import dev.emporium.security.internal.backup.BackupPlan;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.List;

/** Security's HTTP routes: admin sign-in and sign-out, password change, admin management, the audit trail. */
@Component(service = DepartmentRoutes.class)
public class SecurityRoutes implements DepartmentRoutes {

    private static final String ROLE = AdminRoles.SECURITY_ADMIN;

    /** Credentials of a sign-in. */
    public record SignInBody(String username, String password, String code) {
    }

    /** A code of the authenticator app. */
    public record CodeBody(String code) {
    }

    /** An owner's password change; {@code username} may be left out by a signed-in admin. */
    public record PasswordBody(String username, String currentPassword, String newPassword) {
    }

    /** A new admin account. */
    public record NewAdminBody(String username, List<String> roles) {
    }

    private final SecurityService security;
    private final BackupPlan backups;

    @Activate
    public SecurityRoutes(@Reference SecurityService security, @Reference BackupPlan backups) {
        this.security = security;
        this.backups = backups;
    }

    @Override
    public String department() {
        return AdminRoles.DEPARTMENT;
    }

    @Override
    public List<Route> routes() {
        String base = "/api/admin/security";
        return List.of(
                Route.open(HttpMethod.POST, base + "/sessions", "Admin sign-in: username and password give a bearer token (at_...)", this::signIn),
                Route.admin(HttpMethod.DELETE, base + "/sessions/current", null, "Sign out: revoke the token of this request", this::signOut),
                Route.open(HttpMethod.POST, base + "/password", "Change an admin's own password (needs the current one)", this::changePassword),
                Route.admin(HttpMethod.POST, base + "/totp", null, "Enrol the signed-in admin in a second factor: its secret, shown once, as an otpauth URI",
                        r -> new RouteResponse(201, security.book().enrolSecondFactor(actor(r), r.remoteAddress()),
                                java.util.Map.of("Cache-Control", "no-store"))),
                Route.admin(HttpMethod.POST, base + "/totp/confirm", null, "Turn the second factor on with a code from the enrolled secret; answers ten one-use recovery codes, shown once",
                        r -> new RouteResponse(200, security.book().confirmSecondFactor(actor(r), r.body(CodeBody.class).code(), r.remoteAddress()),
                                java.util.Map.of("Cache-Control", "no-store"))),
                Route.admin(HttpMethod.POST, base + "/admins/{username}/totp-reset", ROLE, "Turn an admin's second factor off (lost device)",
                        r -> security.book().resetSecondFactor(r.pathParam("username"), actor(r), r.remoteAddress())),
                Route.admin(HttpMethod.GET, base + "/admins", ROLE, "Admin accounts", r -> security.list()),
                Route.admin(HttpMethod.POST, base + "/admins", ROLE, "Create an admin with roles; answers its one-time password", this::create),
                Route.admin(HttpMethod.GET, base + "/admins/{username}", ROLE, "An admin account", this::account),
                Route.admin(HttpMethod.POST, base + "/admins/{username}/disable", ROLE, "Disable an admin and end its sessions",
                        r -> security.disable(r.pathParam("username"), actor(r), r.remoteAddress())),
                Route.admin(HttpMethod.POST, base + "/admins/{username}/enable", ROLE, "Enable an admin again",
                        r -> security.enable(r.pathParam("username"), actor(r), r.remoteAddress())),
                Route.admin(HttpMethod.POST, base + "/admins/{username}/unlock", ROLE, "Lift a lockout after failed sign-ins",
                        r -> security.unlock(r.pathParam("username"), actor(r), r.remoteAddress())),
                Route.admin(HttpMethod.POST, base + "/admins/{username}/password-reset", ROLE, "Set a one-time password (to change at next sign-in)",
                        r -> security.resetPassword(r.pathParam("username"), actor(r), r.remoteAddress())),
                Route.admin(HttpMethod.GET, base + "/audit", ROLE, "The security audit trail, newest first (optional ?account=)", this::audit),
                Route.admin(HttpMethod.GET, base + "/backups", ROLE, "The backups kept in the backup directory, newest first",
                        r -> backups.shelf().list()),
                Route.admin(HttpMethod.POST, base + "/backups", ROLE, "Take a backup of every department now",
                        r -> new RouteResponse(201, backups.run(actor(r), r.remoteAddress()), java.util.Map.of())),
                Route.admin(HttpMethod.POST, base + "/backups/{name}/verify", ROLE,
                        "Restore a kept backup into a scratch database and compare every table with it",
                        r -> backups.verify(backups.shelf().named(r.pathParam("name")), actor(r), r.remoteAddress())));
    }

    private Object signIn(RouteRequest r) {
        SignInBody body = r.body(SignInBody.class);
        SignIn signIn = security.book().signIn(body.username(), body.password(), body.code(), r.remoteAddress());
        return new RouteResponse(201, signIn, java.util.Map.of("Cache-Control", "no-store"));
    }

    private Object signOut(RouteRequest r) {
        String token = AdminTokens.fromHeader(r.header("Authorization").orElse(null))
                .orElseThrow(() -> new ValidationException("Authorization", "sign-out ends an admin session: send its at_ token"));
        security.book().signOut(token, actor(r), r.remoteAddress());
        return RouteResponse.noContent();
    }

    private Object changePassword(RouteRequest r) {
        PasswordBody body = r.body(PasswordBody.class);
        String username = body.username();
        if (username == null && r.caller().isPresent()) {
            username = r.caller().get().id();
        }
        return security.changePassword(username, body.currentPassword(), body.newPassword(), r.remoteAddress());
    }

    private Object create(RouteRequest r) {
        NewAdminBody body = r.body(NewAdminBody.class);
        OneTimePassword created = security.create(body.username(), body.roles(), actor(r), r.remoteAddress());
        return new RouteResponse(201, created, java.util.Map.of("Location", "/api/admin/security/admins/" + created.username(),
                "Cache-Control", "no-store"));
    }

    private Object account(RouteRequest r) {
        String username = r.pathParam("username");
        return security.find(username).orElseThrow(() -> new NotFoundException("no admin named " + username));
    }

    private Object audit(RouteRequest r) {
        String account = r.query("account").filter(a -> !a.isBlank()).map(String::strip).orElse(null);
        return security.book().audit().page(r.page(), account);
    }

    private static String actor(RouteRequest r) {
        return r.caller().map(Caller::id).orElse("anonymous");
    }
}
