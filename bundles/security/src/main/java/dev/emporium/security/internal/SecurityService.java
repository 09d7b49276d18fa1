package dev.emporium.security.internal;

import dev.emporium.platform.api.Page;
import dev.emporium.platform.api.PageRequest;
import dev.emporium.platform.api.SchemaMigrations;
import dev.emporium.security.api.AdminAccount;
import dev.emporium.security.api.AdminAccounts;
import dev.emporium.security.api.AdminRoles;
import dev.emporium.security.api.AdminSessions;
import dev.emporium.security.api.AuditEntry;
import dev.emporium.security.api.OneTimePassword;
import dev.emporium.security.api.SecurityAudit;
import dev.emporium.security.api.SignIn;
import dev.emporium.security.internal.accounts.AccountBook;
import dev.emporium.security.internal.password.CommonPasswords;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The security department on the store's DataSource: migrates its tables, creates the first admin when there is
 * none, and serves accounts, sessions and the audit trail with the settings now in force.
 */
@Component(service = {AdminAccounts.class, AdminSessions.class, SecurityAudit.class, SecurityService.class},
        configurationPid = SecurityConfig.PID)
@Designate(ocd = SecurityConfig.class)
public class SecurityService implements AdminAccounts, AdminSessions, SecurityAudit {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityService.class);

    private final AccountBook book;
    private volatile SecuritySettings settings;

    @Activate
    public SecurityService(@Reference SchemaMigrations migrations, @Reference(target = "(dataSourceName=emporium)") DataSource dataSource,
                           BundleContext context, SecurityConfig config) {
        migrations.migrate(AdminRoles.DEPARTMENT, context.getBundle());
        this.settings = SecuritySettings.of(config);
        this.book = new AccountBook(dataSource, Clock.systemUTC(), () -> this.settings, CommonPasswords.shipped());
        warnAboutSettings(config);
        book.createFirstAdmin(config.initialAdminPassword()).ifPresent(password -> {
            if (password.isEmpty()) {
                LOG.warn("No admin account existed: created admin '{}' (role admin) with the one-time password from the "
                        + "configuration initialAdminPassword. It must be changed at the first sign-in; remove it from "
                        + "etc/{}.cfg.", AccountBook.FIRST_ADMIN, SecurityConfig.PID);
            } else {
                LOG.warn("No admin account existed: created admin '{}' (role admin) with the ONE-TIME PASSWORD {} . "
                        + "It must be changed at the first sign-in: POST /api/admin/security/password with username, "
                        + "currentPassword and newPassword.", AccountBook.FIRST_ADMIN, password);
            }
        });
    }

    @Modified
    void modified(SecurityConfig config) {
        this.settings = SecuritySettings.of(config);
        warnAboutSettings(config);
    }

    private void warnAboutSettings(SecurityConfig config) {
        if (config.passwordHashIterations() < SecuritySettings.MIN_ITERATIONS) {
            LOG.warn("passwordHashIterations {} is under the floor; {} are used", config.passwordHashIterations(), SecuritySettings.MIN_ITERATIONS);
        }
        if (settings.allowList().size() == 0) {
            LOG.warn("allowedAdminAddresses has no usable entry: no admin can sign in from anywhere");
        }
    }

    /** The settings now in force. */
    public SecuritySettings settings() {
        return settings;
    }

    /** The logic behind the services, for the authenticator and the routes. */
    public AccountBook book() {
        return book;
    }

    @Override
    public List<AdminAccount> list() {
        return book.list();
    }

    @Override
    public Optional<AdminAccount> find(String username) {
        return book.find(username);
    }

    @Override
    public OneTimePassword create(String username, List<String> roles, String actor, String address) {
        return book.create(username, roles, actor, address);
    }

    @Override
    public AdminAccount disable(String username, String actor, String address) {
        return book.disable(username, actor, address);
    }

    @Override
    public AdminAccount enable(String username, String actor, String address) {
        return book.enable(username, actor, address);
    }

    @Override
    public AdminAccount unlock(String username, String actor, String address) {
        return book.unlock(username, actor, address);
    }

    @Override
    public OneTimePassword resetPassword(String username, String actor, String address) {
        return book.resetPassword(username, actor, address);
    }

    @Override
    public AdminAccount changePassword(String username, String currentPassword, String newPassword, String address) {
        return book.changePassword(username, currentPassword, newPassword, address);
    }

    @Override
    public SignIn signIn(String username, String password, String address) {
        return book.signIn(username, password, address);
    }

    @Override
    public boolean signOut(String token, String address) {
        return book.signOut(token, "token", address);
    }

    @Override
    public Page<AuditEntry> page(PageRequest request) {
        return book.audit().page(request, null);
    }
}
