package dev.emporium.security.internal.accounts;

import dev.emporium.platform.api.Caller;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.ForbiddenException;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.platform.api.Access;
import dev.emporium.platform.api.Transactions;
import dev.emporium.platform.api.UnauthorizedException;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.security.api.AdminAccount;
import dev.emporium.security.api.AdminRoles;
import dev.emporium.security.api.OneTimePassword;
import dev.emporium.security.api.SignIn;
import dev.emporium.security.internal.SecuritySettings;
import dev.emporium.security.internal.access.AddressThrottle;
import dev.emporium.security.internal.access.AdminTokens;
import dev.emporium.security.internal.access.Lockout;
import dev.emporium.security.internal.access.Totp;
import dev.emporium.security.internal.audit.AuditTrail;
import dev.emporium.security.internal.password.CommonPasswords;
import dev.emporium.security.internal.password.OneTimePasswords;
import dev.emporium.security.internal.password.PasswordHasher;
import dev.emporium.security.internal.password.PasswordPolicy;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Admin accounts, their passwords and sessions: sign-in with lockout and per-address throttling, the token check
 * behind the admin surface, management by security admins, and the audit row of each of those, written in the same
 * transaction as the change (or alone, when the answer is a refusal).
 */
public final class AccountBook {

    public static final String FIRST_ADMIN = "admin";
    /** The same words for every failed sign-in, so that answers never tell which usernames exist. */
    static final String BAD_CREDENTIALS = "the username or password is wrong, or the account is locked or disabled";
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    private static final Pattern RECOVERY_CODE = Pattern.compile("[a-z2-7]{5}-[a-z2-7]{5}");
    private static final int RECOVERY_CODES = 10;

    private final DataSource dataSource;
    private final Clock clock;
    private final Supplier<SecuritySettings> settings;
    private final CommonPasswords common;
    private final AuditTrail audit;
    private volatile String decoy;

    public AccountBook(DataSource dataSource, Clock clock, Supplier<SecuritySettings> settings, CommonPasswords common) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.settings = settings;
        this.common = common;
        this.audit = new AuditTrail(dataSource);
    }

    public AuditTrail audit() {
        return audit;
    }

    /**
     * Creates the first admin when there is none.
     *
     * @param configured the configured one-time password, or blank to generate one
     * @return the password to tell the operator (null when it came from the configuration), or empty when admins exist
     */
    public Optional<String> createFirstAdmin(String configured) {
        boolean generated = configured == null || configured.isBlank();
        String password = generated ? OneTimePasswords.generate() : configured;
        Instant now = clock.instant();
        String hash = hasher().hash(password);
        boolean created = Transactions.inTransaction(dataSource, c -> {
            if (AccountStore.count(c) > 0) {
                return false;
            }
            // another node may create it at the same moment: the primary key decides
            boolean inserted = Transactions.insertIfAbsent(c, x -> {
                AccountStore.insert(x, FIRST_ADMIN, List.of(AdminRoles.ADMIN), hash, now);
                return null;
            });
            if (inserted) {
                AuditTrail.append(c, now, "system", "ADMIN_CREATED", FIRST_ADMIN, "system", AuditTrail.SUCCESS,
                        "first admin, one-time password " + (generated ? "generated" : "from configuration"));
            }
            return inserted;
        });
        return created ? Optional.of(generated ? password : "") : Optional.empty();
    }

    // ---- sign-in, sign-out, tokens

    public SignIn signIn(String username, String password, String address) {
        return signIn(username, password, null, address);
    }

    /**
     * @param code the code of the account's authenticator app, required when its second factor is on
     */
    public SignIn signIn(String username, String password, String code, String address) {
        return (SignIn) signIn(username, password, code, address, "SIGN_IN", true);
    }

    /**
     * A sign-in to the Karaf console or ssh through the JAAS realm: the same checks, lockout, throttle and audit as an
     * HTTP sign-in, without a token. With the second factor on, the password is followed by the 6-digit code.
     *
     * @return the account's roles
     */
    public List<String> consoleSignIn(String username, String password, String address) {
        String code = null;
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (password != null && password.length() > Totp.DIGITS && password.substring(password.length() - Totp.DIGITS).matches("\\d+")
                && Transactions.inTransaction(dataSource, c -> AccountStore.secondFactor(c, name)).enabled()) {
            code = password.substring(password.length() - Totp.DIGITS);
            password = password.substring(0, password.length() - Totp.DIGITS);
        }
        return ((SignIn) signIn(username, password, code, address, "CONSOLE_SIGN_IN", false)).roles();
    }

    private Object signIn(String username, String password, String code, String address, String action, boolean issueToken) {
        List<FieldError> missing = new ArrayList<>();
        if (username == null || username.isBlank()) {
            missing.add(new FieldError("username", "is required"));
        }
        if (password == null || password.isEmpty()) {
            missing.add(new FieldError("password", "is required"));
        }
        if (!missing.isEmpty()) {
            throw new ValidationException(missing);
        }
        String name = username.strip().toLowerCase(Locale.ROOT);
        SecuritySettings s = settings.get();
        Instant now = clock.instant();
        admitAddress(name, action, address, s, now);
        Object outcome = Transactions.inTransaction(dataSource, c -> {
            Optional<AccountStore.Row> found = AccountStore.find(c, name, true);
            Optional<ProblemException> refused = verify(c, found, name, password, action, address, s, now);
            if (refused.isPresent()) {
                return refused.get();
            }
            AccountStore.Row row = found.get();
            Optional<ProblemException> secondFactor = secondFactor(c, row, code, action, address, s, now);
            if (secondFactor.isPresent()) {
                return secondFactor.get();
            }
            Instant expires = passwordExpiry(row, s);
            if (row.mustChange() || (expires != null && !now.isBefore(expires))) {
                String why = row.mustChange() ? "the password is a one-time password" : "the password expired on " + expires;
                AccountStore.signedIn(c, name, now);
                AuditTrail.append(c, now, name, action, name, address, AuditTrail.REFUSED, why + "; it must be changed first");
                return new ForbiddenException(why + ": change it first with POST /api/admin/security/password "
                        + "(username, currentPassword, newPassword), then sign in");
            }
            AccountStore.signedIn(c, name, now);
            if (!issueToken) {
                AuditTrail.append(c, now, name, action, name, address, AuditTrail.SUCCESS, "console session");
                return new SignIn(null, null, null, name, row.roles(), expires, expiryWarning(expires, s, now));
            }
            String token = AdminTokens.generate();
            Instant sessionEnd = now.plus(s.session());
            AccountStore.insertSession(c, AdminTokens.hash(token), name, now, sessionEnd, address);
            AuditTrail.append(c, now, name, action, name, address, AuditTrail.SUCCESS, "session until " + sessionEnd);
            return new SignIn(token, "Bearer", sessionEnd, name, row.roles(), expires, expiryWarning(expires, s, now));
        });
        if (outcome instanceof ProblemException p) {
            throw p;
        }
        return outcome;
    }

    public boolean signOut(String token, String actor, String address) {
        Instant now = clock.instant();
        return Transactions.inTransaction(dataSource, c -> {
            boolean revoked = AdminTokens.wellFormed(token) && AccountStore.revokeSession(c, AdminTokens.hash(token), now) == 1;
            AuditTrail.append(c, now, actor, "SIGN_OUT", actor, address, revoked ? AuditTrail.SUCCESS : AuditTrail.REFUSED,
                    revoked ? "session ended" : "no live session for this token");
            return revoked;
        });
    }

    /** The caller behind an admin token, or empty when the header holds no token of this department's kind. */
    public Optional<Caller> authenticate(String authorization, String address) {
        Optional<String> token = AdminTokens.fromHeader(authorization);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        if (!settings.get().allowList().allows(address)) {
            throw new ForbiddenException("admin access is not allowed from this address");
        }
        if (!AdminTokens.wellFormed(token.get())) {
            throw new UnauthorizedException("this is not a valid admin token");
        }
        Instant now = clock.instant();
        AccountStore.Session session = Transactions.inTransaction(dataSource, c -> AccountStore.session(c, AdminTokens.hash(token.get())))
                .orElseThrow(() -> new UnauthorizedException("unknown admin token; sign in again"));
        if (session.revokedAt() != null) {
            throw new UnauthorizedException("this admin token was revoked; sign in again");
        }
        if (!now.isBefore(session.expiresAt())) {
            throw new UnauthorizedException("this admin token expired; sign in again");
        }
        if (!session.enabled()) {
            throw new UnauthorizedException("this admin account is disabled");
        }
        return Optional.of(new Caller(session.username(), Access.ADMIN, new TreeSet<>(session.roles())));
    }

    /** When the account has a second factor on: no code is a 401 that asks for it, a wrong one counts as a failure. */
    private Optional<ProblemException> secondFactor(Connection c, AccountStore.Row row, String code, String action,
                                                    String address, SecuritySettings s, Instant now) throws SQLException {
        AccountStore.SecondFactor f = AccountStore.secondFactor(c, row.username());
        if (!f.enabled()) {
            return Optional.empty();
        }
        String name = row.username();
        if (code == null || code.isBlank()) {
            AuditTrail.append(c, now, name, action, name, address, AuditTrail.DENIED, "second-factor code missing");
            return Optional.of(new UnauthorizedException("this account also needs the 6-digit code of its authenticator app: send it as code"));
        }
        String recovery = code.strip().toLowerCase(Locale.ROOT);
        if (RECOVERY_CODE.matcher(recovery).matches()) {
            if (AccountStore.useRecoveryCode(c, name, AdminTokens.hash(recovery), now)) {
                AuditTrail.append(c, now, name, action, name, address, AuditTrail.SUCCESS,
                        "recovery code used; " + AccountStore.unusedRecoveryCodes(c, name) + " left");
                return Optional.empty();
            }
        }
        OptionalLong step = RECOVERY_CODE.matcher(recovery).matches() ? OptionalLong.empty() : Totp.accept(f.secret(), code, now, f.lastStep());
        if (step.isEmpty()) {
            Lockout.AfterFailure after = Lockout.afterFailure(row.failedSignIns(), s.lockoutThreshold(), now, s.lockout());
            AccountStore.setFailures(c, name, after.failures(), after.lockedUntil());
            AuditTrail.append(c, now, name, action, name, address, AuditTrail.DENIED, "wrong or replayed second-factor code");
            if (after.locked()) {
                AuditTrail.append(c, now, "system", "LOCKOUT", name, address, AuditTrail.SUCCESS,
                        "locked until " + after.lockedUntil() + " after " + s.lockoutThreshold() + " failed sign-ins");
            }
            return Optional.of(new UnauthorizedException(BAD_CREDENTIALS));
        }
        AccountStore.setSecondFactor(c, name, f.secret(), true, step.getAsLong());
        return Optional.empty();
    }

    // ---- the second factor (TOTP)

    /** A new second-factor secret, shown once. */
    public record SecondFactorEnrolment(String username, String secret, String otpauthUri, String next) {
    }

    /** Gives a signed-in admin a new TOTP secret, pending until a code from it is confirmed. */
    public SecondFactorEnrolment enrolSecondFactor(String username, String address) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        String secret = Totp.newSecret();
        Instant now = clock.instant();
        Transactions.inTransaction(dataSource, c -> {
            AccountStore.find(c, name, true).orElseThrow(() -> new NotFoundException("no admin named " + name));
            if (AccountStore.secondFactor(c, name).enabled()) {
                throw new ConflictException("the second factor is already on; a security admin can reset it");
            }
            AccountStore.setSecondFactor(c, name, secret, false, null);
            AuditTrail.append(c, now, name, "TOTP_ENROLLED", name, address, AuditTrail.SUCCESS, "secret issued, pending confirmation");
            return null;
        });
        return new SecondFactorEnrolment(name, secret, Totp.uri("Emporium", name, secret),
                "add it to an authenticator app, then POST /api/admin/security/totp/confirm with a code");
    }

    /** The second factor is on; the recovery codes are shown once, each signs in once instead of a code. */
    public record SecondFactorOn(AdminAccount account, List<String> recoveryCodes) {
    }

    /** Turns the second factor on once a code from the pending secret matches, with new recovery codes. */
    public SecondFactorOn confirmSecondFactor(String username, String code, String address) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        int maxAge = settings.get().passwordMaxAgeDays();
        Instant now = clock.instant();
        Object outcome = Transactions.inTransaction(dataSource, c -> {
            AccountStore.Row row = AccountStore.find(c, name, true).orElseThrow(() -> new NotFoundException("no admin named " + name));
            AccountStore.SecondFactor f = AccountStore.secondFactor(c, name);
            if (f.enabled()) {
                return new ConflictException("the second factor is already on");
            }
            if (f.secret() == null) {
                return new ConflictException("no secret is pending: POST /api/admin/security/totp first");
            }
            OptionalLong step = Totp.accept(f.secret(), code, now, null);
            if (step.isEmpty()) {
                AuditTrail.append(c, now, name, "TOTP_ENABLED", name, address, AuditTrail.REFUSED, "wrong code");
                return new ValidationException("code", "does not match the secret: check the authenticator app's clock and try the next code");
            }
            AccountStore.setSecondFactor(c, name, f.secret(), true, step.getAsLong());
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < RECOVERY_CODES; i++) {
                String k = Totp.newSecret().toLowerCase(Locale.ROOT);
                codes.add(k.substring(0, 5) + "-" + k.substring(5, 10));
            }
            AccountStore.replaceRecoveryCodes(c, name, codes.stream().map(AdminTokens::hash).toList());
            AuditTrail.append(c, now, name, "TOTP_ENABLED", name, address, AuditTrail.SUCCESS,
                    "sign-in now needs a code; " + RECOVERY_CODES + " recovery codes issued");
            return new SecondFactorOn(row.view(maxAge), codes);
        });
        if (outcome instanceof ProblemException p) {
            throw p;
        }
        return (SecondFactorOn) outcome;
    }

    /** Turns an admin's second factor off (lost phone); the admin may enrol again. */
    public AdminAccount resetSecondFactor(String username, String actor, String address) {
        return change(username, actor, address, "TOTP_RESET", (c, row, now) -> {
            AccountStore.setSecondFactor(c, row.username(), null, false, null);
            AccountStore.replaceRecoveryCodes(c, row.username(), List.of());
            return "second factor off";
        });
    }

    // ---- the owner's password change

    public AdminAccount changePassword(String username, String currentPassword, String newPassword, String address) {
        List<FieldError> missing = new ArrayList<>();
        if (username == null || username.isBlank()) {
            missing.add(new FieldError("username", "is required"));
        }
        if (currentPassword == null || currentPassword.isEmpty()) {
            missing.add(new FieldError("currentPassword", "is required"));
        }
        if (newPassword == null || newPassword.isEmpty()) {
            missing.add(new FieldError("password", "is required"));
        }
        if (!missing.isEmpty()) {
            throw new ValidationException(missing);
        }
        String name = username.strip().toLowerCase(Locale.ROOT);
        SecuritySettings s = settings.get();
        Instant now = clock.instant();
        admitAddress(name, "PASSWORD_CHANGE", address, s, now);
        PasswordHasher hasher = hasher();
        Object outcome = Transactions.inTransaction(dataSource, c -> {
            Optional<AccountStore.Row> found = AccountStore.find(c, name, true);
            Optional<ProblemException> refused = verify(c, found, name, currentPassword, "PASSWORD_CHANGE", address, s, now);
            if (refused.isPresent()) {
                return refused.get();
            }
            List<String> reasons = new ArrayList<>(new PasswordPolicy(s.passwordMinLength(), common).refusals(name, newPassword));
            if (s.passwordHistory() > 0 && AccountStore.recentHashes(c, name, s.passwordHistory()).stream()
                    .anyMatch(h -> hasher.matches(newPassword, h))) {
                reasons.add("must not be one of your last " + s.passwordHistory() + " passwords");
            }
            if (!reasons.isEmpty()) {
                AuditTrail.append(c, now, name, "PASSWORD_CHANGE", name, address, AuditTrail.REFUSED, String.join("; ", reasons));
                return new ValidationException(reasons.stream().map(r -> new FieldError("password", r)).toList());
            }
            AccountStore.setPassword(c, name, hasher.hash(newPassword), false, now);
            AuditTrail.append(c, now, name, "PASSWORD_CHANGE", name, address, AuditTrail.SUCCESS, "password changed; sessions ended");
            return AccountStore.find(c, name, false).orElseThrow().view(s.passwordMaxAgeDays());
        });
        if (outcome instanceof ProblemException p) {
            throw p;
        }
        return (AdminAccount) outcome;
    }

    // ---- management by security admins

    public List<AdminAccount> list() {
        int maxAge = settings.get().passwordMaxAgeDays();
        return Transactions.inTransaction(dataSource, c -> AccountStore.all(c).stream().map(r -> r.view(maxAge)).toList());
    }

    public Optional<AdminAccount> find(String username) {
        int maxAge = settings.get().passwordMaxAgeDays();
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return Transactions.inTransaction(dataSource, c -> AccountStore.find(c, name, false).map(r -> r.view(maxAge)));
    }

    public OneTimePassword create(String username, List<String> roles, String actor, String address) {
        List<FieldError> errors = new ArrayList<>();
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            errors.add(new FieldError("username", "must be 3 to 64 characters: lower-case letters, digits, '.', '_' or '-'"));
        }
        List<String> granted = roles == null ? List.of() : new TreeSet<>(roles.stream().map(r -> r == null ? "" : r.strip()).toList())
                .stream().toList();
        if (granted.isEmpty()) {
            errors.add(new FieldError("roles", "at least one role is required; known roles: " + String.join(", ", AdminRoles.ALL)));
        }
        for (String r : granted) {
            if (!AdminRoles.ALL.contains(r)) {
                errors.add(new FieldError("roles", "unknown role '" + r + "'; known roles: " + String.join(", ", AdminRoles.ALL)));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String password = OneTimePasswords.generate();
        String hash = hasher().hash(password);
        Instant now = clock.instant();
        boolean created = Transactions.inTransaction(dataSource, c -> {
            boolean inserted = Transactions.insertIfAbsent(c, x -> {
                AccountStore.insert(x, name, granted, hash, now);
                return null;
            });
            if (inserted) {
                AuditTrail.append(c, now, actor, "ADMIN_CREATED", name, address, AuditTrail.SUCCESS, "roles " + String.join(",", granted));
            }
            return inserted;
        });
        if (!created) {
            throw new ConflictException("an admin named " + name + " already exists");
        }
        return new OneTimePassword(name, password);
    }

    public AdminAccount disable(String username, String actor, String address) {
        return change(username, actor, address, "ADMIN_DISABLED", (c, row, now) -> {
            if (row.enabled() && holdsSecurity(row.roles()) && AccountStore.all(c).stream()
                    .noneMatch(o -> o.enabled() && !o.username().equals(row.username()) && holdsSecurity(o.roles()))) {
                throw new ConflictException("the last enabled admin who can manage admins cannot be disabled");
            }
            AccountStore.setEnabled(c, row.username(), false);
            int ended = AccountStore.revokeSessions(c, row.username(), now);
            return "disabled; " + ended + " session(s) ended";
        });
    }

    public AdminAccount enable(String username, String actor, String address) {
        return change(username, actor, address, "ADMIN_ENABLED", (c, row, now) -> {
            AccountStore.setEnabled(c, row.username(), true);
            return "enabled";
        });
    }

    public AdminAccount unlock(String username, String actor, String address) {
        return change(username, actor, address, "ADMIN_UNLOCKED", (c, row, now) -> {
            AccountStore.setFailures(c, row.username(), 0, null);
            return Lockout.isLocked(row.lockedUntil(), now) ? "lockout lifted" : "was not locked; failure count cleared";
        });
    }

    public OneTimePassword resetPassword(String username, String actor, String address) {
        String password = OneTimePasswords.generate();
        String hash = hasher().hash(password);
        AdminAccount account = change(username, actor, address, "PASSWORD_RESET", (c, row, now) -> {
            AccountStore.setPassword(c, row.username(), hash, true, now);
            return "one-time password set; sessions ended";
        });
        return new OneTimePassword(account.username(), password);
    }

    // ---- the parts

    private interface Change {
        String apply(Connection c, AccountStore.Row row, Instant now) throws SQLException;
    }

    private AdminAccount change(String username, String actor, String address, String action, Change change) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        int maxAge = settings.get().passwordMaxAgeDays();
        Instant now = clock.instant();
        return Transactions.inTransaction(dataSource, c -> {
            AccountStore.Row row = AccountStore.find(c, name, true)
                    .orElseThrow(() -> new NotFoundException("no admin named " + name));
            String detail = change.apply(c, row, now);
            AuditTrail.append(c, now, actor, action, name, address, AuditTrail.SUCCESS, detail);
            return AccountStore.find(c, name, false).orElseThrow().view(maxAge);
        });
    }

    private static boolean holdsSecurity(List<String> roles) {
        return roles.contains(AdminRoles.ADMIN) || roles.contains(AdminRoles.SECURITY_ADMIN);
    }

    /** Refuses an address outside the allow-list, or one that failed too often lately; both audited. */
    private void admitAddress(String name, String action, String address, SecuritySettings s, Instant now) {
        if (!s.allowList().allows(address)) {
            Transactions.inTransaction(dataSource, c -> {
                AuditTrail.append(c, now, name, action, name, address, AuditTrail.REFUSED, "address not in allowedAdminAddresses");
                return null;
            });
            throw new ForbiddenException("admin access is not allowed from this address");
        }
        AuditTrail.Denials denials = audit.deniedSince(address, now.minus(s.addressWindow()));
        OptionalLong wait = AddressThrottle.retryAfter(denials.count(), denials.oldest(), s.addressFailureLimit(), s.addressWindow(), now);
        if (wait.isPresent()) {
            Transactions.inTransaction(dataSource, c -> {
                AuditTrail.append(c, now, name, action, name, address, AuditTrail.THROTTLED,
                        denials.count() + " failed attempts from this address within " + s.addressWindow().toSeconds() + " s");
                return null;
            });
            throw new ProblemException(429, "Too many requests", "too many failed sign-ins from this address; retry in "
                    + wait.getAsLong() + " s", List.of(), Map.of("Retry-After", String.valueOf(wait.getAsLong())));
        }
    }

    /**
     * Checks a password against an account: unknown, disabled, locked and wrong all give the same 401 (a wrong one
     * counts towards the lockout); the true reason goes to the audit trail.
     */
    private Optional<ProblemException> verify(Connection c, Optional<AccountStore.Row> found, String name, String password,
                                              String action, String address, SecuritySettings s, Instant now) throws SQLException {
        PasswordHasher hasher = hasher();
        if (found.isEmpty()) {
            hasher.matches(password, decoy()); // as slow as a real check: timing tells no usernames either
            AuditTrail.append(c, now, name, action, null, address, AuditTrail.DENIED, "unknown username");
            return Optional.of(new UnauthorizedException(BAD_CREDENTIALS));
        }
        AccountStore.Row row = found.get();
        boolean matches = hasher.matches(password, row.passwordHash());
        if (!row.enabled()) {
            AuditTrail.append(c, now, name, action, name, address, AuditTrail.DENIED, "account disabled");
            return Optional.of(new UnauthorizedException(BAD_CREDENTIALS));
        }
        if (Lockout.isLocked(row.lockedUntil(), now)) {
            AuditTrail.append(c, now, name, action, name, address, AuditTrail.DENIED, "account locked until " + row.lockedUntil());
            return Optional.of(new UnauthorizedException(BAD_CREDENTIALS));
        }
        if (!matches) {
            Lockout.AfterFailure after = Lockout.afterFailure(row.failedSignIns(), s.lockoutThreshold(), now, s.lockout());
            AccountStore.setFailures(c, name, after.failures(), after.lockedUntil());
            AuditTrail.append(c, now, name, action, name, address, AuditTrail.DENIED, "wrong password");
            if (after.locked()) {
                AuditTrail.append(c, now, "system", "LOCKOUT", name, address, AuditTrail.SUCCESS,
                        "locked until " + after.lockedUntil() + " after " + s.lockoutThreshold() + " failed sign-ins");
            }
            return Optional.of(new UnauthorizedException(BAD_CREDENTIALS));
        }
        return Optional.empty();
    }

    private static Instant passwordExpiry(AccountStore.Row row, SecuritySettings s) {
        return s.passwordMaxAgeDays() <= 0 ? null : row.passwordChangedAt().plus(Duration.ofDays(s.passwordMaxAgeDays()));
    }

    /** The sign-in answer's warning when the password expires within the warning period. */
    static String expiryWarning(Instant expires, SecuritySettings s, Instant now) {
        if (expires == null || s.passwordExpiryWarningDays() <= 0 || now.plus(Duration.ofDays(s.passwordExpiryWarningDays())).isBefore(expires)) {
            return null;
        }
        long days = Math.max(0, ChronoUnit.DAYS.between(now, expires));
        return "your password expires in " + days + " day(s), on " + expires + "; change it with POST /api/admin/security/password";
    }

    private PasswordHasher hasher() {
        return new PasswordHasher(settings.get().hashIterations());
    }

    private String decoy() {
        String d = decoy;
        if (d == null) {
            d = hasher().hash(OneTimePasswords.generate());
            decoy = d;
        }
        return d;
    }
}
