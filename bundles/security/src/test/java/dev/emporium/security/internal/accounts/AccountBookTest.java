package dev.emporium.security.internal.accounts;

import dev.emporium.platform.api.Caller;
import dev.emporium.platform.api.ConflictException;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.ForbiddenException;
import dev.emporium.platform.api.PageRequest;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.platform.api.UnauthorizedException;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.security.api.AuditEntry;
import dev.emporium.security.api.OneTimePassword;
import dev.emporium.security.api.SignIn;
import dev.emporium.security.internal.SecuritySettings;
import dev.emporium.security.internal.access.AddressAllowList;
import dev.emporium.security.internal.password.CommonPasswords;
import dev.emporium.testing.TestDatabases;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** Accounts, sign-in, lockout, throttle, tokens and the audit trail on H2 and a real PostgreSQL. */
@RunWith(Parameterized.class)
public class AccountBookTest {

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> engines() {
        return TestDatabases.engines();
    }

    private static final String HERE = "127.0.0.1";
    private static final String GOOD = "violet tractor mumbles";

    private final String engine;
    private DataSource ds;
    private Instant now = Instant.parse("2026-03-01T10:00:00Z");
    private SecuritySettings settings;
    private AccountBook book;

    public AccountBookTest(String engine) {
        this.engine = engine;
    }

    @Before
    public void setUp() {
        ds = TestDatabases.create(engine);
        TestDatabases.migrate(ds, "security");
        settings = settings(20);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        book = new AccountBook(ds, clock, () -> settings, CommonPasswords.shipped());
    }

    private static SecuritySettings settings(int addressLimit) {
        return new SecuritySettings(AddressAllowList.parse("127.0.0.1/32,::1/128"), 12, 5, 90, 14, 1_000,
                Duration.ofHours(8), 5, Duration.ofMinutes(15), addressLimit, Duration.ofMinutes(10));
    }

    @After
    public void tearDown() {
        TestDatabases.drop(engine, ds);
    }

    @Test
    public void theFirstAdminIsCreatedOnceAndMustChangeItsOneTimePassword() {
        String otp = book.createFirstAdmin("").orElseThrow();
        assertEquals(20, otp.length());
        assertTrue("never twice", book.createFirstAdmin("").isEmpty());
        expect(ForbiddenException.class, "change it first", () -> book.signIn("admin", otp, HERE));
        book.changePassword("admin", otp, GOOD, HERE);
        SignIn s = book.signIn("Admin", GOOD, HERE);
        assertTrue(s.token().startsWith("at_"));
        assertEquals(List.of("admin"), s.roles());
        assertEquals(now.plus(Duration.ofHours(8)), s.expiresAt());
        assertNull("90 days ahead: no warning yet", s.warning());
        Caller caller = book.authenticate("Bearer " + s.token(), HERE).orElseThrow();
        assertEquals("admin", caller.id());
        assertEquals(Set.of("admin"), caller.roles());
        assertEquals(1, TestDatabases.count(ds, "SELECT COUNT(*) FROM security_session WHERE token_hash = '"
                + dev.emporium.security.internal.access.AdminTokens.hash(s.token()) + "'"));
        assertEquals("the token itself is stored nowhere", 0, TestDatabases.count(ds,
                "SELECT COUNT(*) FROM security_session WHERE token_hash = '" + s.token() + "'"));
    }

    @Test
    public void aSecondFactorOnceConfirmedIsRequiredAtSignInAndACodeServesOnce() {
        String otp = book.createFirstAdmin("").orElseThrow();
        book.changePassword("admin", otp, GOOD, HERE);
        AccountBook.SecondFactorEnrolment e = book.enrolSecondFactor("admin", HERE);
        assertTrue(e.otpauthUri(), e.otpauthUri().startsWith("otpauth://totp/Emporium%3Aadmin?secret=" + e.secret()));
        assertNotNull("pending: not yet required", book.signIn("admin", GOOD, HERE).token());
        byte[] key = dev.emporium.security.internal.access.Totp.base32Decode(e.secret());
        long step = dev.emporium.security.internal.access.Totp.step(now);
        expect(ValidationException.class, "does not match", () -> book.confirmSecondFactor("admin", "000000".equals(code(key, step)) ? "111111" : "000000", HERE));
        List<String> recovery = book.confirmSecondFactor("admin", code(key, step), HERE).recoveryCodes();
        assertEquals(10, recovery.size());
        assertEquals(10, Set.copyOf(recovery).size());
        assertTrue(recovery.get(0), recovery.get(0).matches("[a-z2-7]{5}-[a-z2-7]{5}"));
        assertEquals("only hashes are kept", 0, TestDatabases.count(ds, "SELECT COUNT(*) FROM security_recovery_code WHERE code_hash = '" + recovery.get(0) + "'"));
        expect(ConflictException.class, "already on", () -> book.enrolSecondFactor("admin", HERE));

        expect(UnauthorizedException.class, "needs the 6-digit code", () -> book.signIn("admin", GOOD, HERE));
        expect(UnauthorizedException.class, AccountBook.BAD_CREDENTIALS, () -> book.signIn("admin", GOOD, code(key, step), HERE));
        now = now.plusSeconds(30);
        String next = code(key, step + 1);
        assertNotNull(book.signIn("admin", GOOD, next, HERE).token());
        expect(UnauthorizedException.class, AccountBook.BAD_CREDENTIALS, () -> book.signIn("admin", GOOD, next, HERE));
        expect(UnauthorizedException.class, AccountBook.BAD_CREDENTIALS, () -> book.signIn("admin", "wrong password!!", code(key, step + 2), HERE));

        assertNotNull("a recovery code instead of a code", book.signIn("admin", GOOD, recovery.get(3).toUpperCase(), HERE).token());
        expect(UnauthorizedException.class, AccountBook.BAD_CREDENTIALS, () -> book.signIn("admin", GOOD, recovery.get(3), HERE));
        book.resetSecondFactor("admin", "security-admin", HERE);
        assertEquals(0, TestDatabases.count(ds, "SELECT COUNT(*) FROM security_recovery_code"));
        assertNotNull(book.signIn("admin", GOOD, HERE).token());
        List<String> actions = book.audit().page(new PageRequest(null, 100), "admin").items().stream()
                .map(a -> a.action() + " " + a.outcome() + (a.detail() == null ? "" : " " + a.detail())).toList();
        for (String expected : List.of("TOTP_ENROLLED SUCCESS", "TOTP_ENABLED REFUSED wrong code", "TOTP_ENABLED SUCCESS",
                "SIGN_IN DENIED second-factor code missing", "SIGN_IN DENIED wrong or replayed second-factor code", "SIGN_IN SUCCESS recovery code used; 9 left", "TOTP_RESET SUCCESS")) {
            assertTrue(expected + " in " + actions, actions.stream().anyMatch(a -> a.startsWith(expected)));
        }
    }

    private static String code(byte[] key, long step) {
        return dev.emporium.security.internal.access.Totp.code(key, step, 6);
    }

    @Test
    public void aConfiguredInitialPasswordIsOneTimeToo() {
        assertEquals("", book.createFirstAdmin("first-start-secret").orElseThrow());
        expect(ForbiddenException.class, "one-time", () -> book.signIn("admin", "first-start-secret", HERE));
    }

    @Test
    public void wrongUsernameAndWrongPasswordAnswerAlikeAndFiveFailuresLock() {
        ready("alice", List.of("catalog-editor"));
        String unknown = expect(UnauthorizedException.class, "", () -> book.signIn("nobody", GOOD, HERE)).detail();
        for (int i = 0; i < 4; i++) {
            String wrong = expect(UnauthorizedException.class, "", () -> book.signIn("alice", "wrong password!", HERE)).detail();
            assertEquals(unknown, wrong);
        }
        assertNull(book.find("alice").orElseThrow().lockedUntil());
        expect(UnauthorizedException.class, "", () -> book.signIn("alice", "wrong password!", HERE));
        assertEquals(now.plus(Duration.ofMinutes(15)), book.find("alice").orElseThrow().lockedUntil());
        assertEquals("even the right password, same answer", unknown,
                expect(UnauthorizedException.class, "", () -> book.signIn("alice", GOOD, HERE)).detail());
        now = now.plus(Duration.ofMinutes(15));
        assertNotNull("after the lockout the right password works", book.signIn("alice", GOOD, HERE).token());
        List<String> actions = trail().stream().map(e -> e.action() + " " + e.outcome() + " " + e.detail()).toList();
        assertTrue(actions.toString(), actions.stream().anyMatch(a -> a.startsWith("LOCKOUT SUCCESS locked until")));
        assertTrue(actions.toString(), actions.contains("SIGN_IN DENIED unknown username"));
        assertTrue(actions.toString(), actions.stream().anyMatch(a -> a.startsWith("SIGN_IN DENIED account locked until")));
    }

    @Test
    public void anUnlockLiftsTheLockout() {
        ready("alice", List.of("catalog-editor"));
        for (int i = 0; i < 5; i++) {
            expect(UnauthorizedException.class, "", () -> book.signIn("alice", "wrong password!", HERE));
        }
        book.unlock("alice", "sec", HERE);
        assertNotNull(book.signIn("alice", GOOD, HERE).token());
    }

    @Test
    public void anAddressWithTooManyFailuresIsThrottled() {
        settings = settings(3);
        for (int i = 0; i < 3; i++) {
            expect(UnauthorizedException.class, "", () -> book.signIn("nobody" + System.nanoTime(), GOOD, HERE));
        }
        ProblemException p = expect(ProblemException.class, "too many failed sign-ins", () -> book.signIn("x", GOOD, HERE));
        assertEquals(429, p.status());
        assertEquals("601", p.headers().get("Retry-After"));
        now = now.plus(Duration.ofMinutes(10)).plusSeconds(1);
        expect(UnauthorizedException.class, "", () -> book.signIn("x", GOOD, HERE));
    }

    @Test
    public void otherAddressesAreRefusedForSignInAndTokens() {
        ready("alice", List.of("catalog-editor"));
        expect(ForbiddenException.class, "not allowed from this address", () -> book.signIn("alice", GOOD, "10.0.0.9"));
        String token = book.signIn("alice", GOOD, HERE).token();
        expect(ForbiddenException.class, "not allowed from this address", () -> book.authenticate("Bearer " + token, "10.0.0.9"));
        assertTrue(book.authenticate("Bearer " + token, "::1").isPresent());
        assertTrue("not ours", book.authenticate("Bearer ct_x", "10.0.0.9").isEmpty());
        assertTrue("not ours", book.authenticate("Bearer admin:security-admin", HERE).isEmpty());
    }

    @Test
    public void signedOutExpiredAndUnknownTokensAre401() {
        ready("alice", List.of("catalog-editor"));
        String a = book.signIn("alice", GOOD, HERE).token();
        String b = book.signIn("alice", GOOD, HERE).token();
        assertTrue(book.signOut(a, "alice", HERE));
        assertFalse(book.signOut(a, "alice", HERE));
        expect(UnauthorizedException.class, "revoked", () -> book.authenticate("Bearer " + a, HERE));
        assertTrue(book.authenticate("Bearer " + b, HERE).isPresent());
        now = now.plus(Duration.ofHours(8));
        expect(UnauthorizedException.class, "expired", () -> book.authenticate("Bearer " + b, HERE));
        expect(UnauthorizedException.class, "unknown", () -> book.authenticate("Bearer " + dev.emporium.security.internal.access.AdminTokens.generate(), HERE));
        expect(UnauthorizedException.class, "not a valid", () -> book.authenticate("Bearer at_nope", HERE));
    }

    @Test
    public void theLastFivePasswordsCannotComeBackAndEachPolicyRefusalIsNamed() {
        ready("alice", List.of("catalog-editor"));
        ValidationException v = expect(ValidationException.class, "", () -> book.changePassword("alice", GOOD, "short", HERE));
        assertEquals(List.of(new FieldError("password", "must be at least 12 characters long (it has 5)")), v.errors());
        v = expect(ValidationException.class, "", () -> book.changePassword("alice", GOOD, GOOD, HERE));
        assertEquals(List.of(new FieldError("password", "must not be one of your last 5 passwords")), v.errors());
        v = expect(ValidationException.class, "", () -> book.changePassword("alice", GOOD, "Password12345", HERE));
        assertTrue(v.errors().toString(), v.errors().get(0).message().contains("most common"));
        String current = GOOD;
        for (int i = 1; i <= 5; i++) {
            String next = "quiet harbour lantern " + i;
            book.changePassword("alice", current, next, HERE);
            current = next;
        }
        String last = current;
        expect(ValidationException.class, "last 5", () -> book.changePassword("alice", last, "quiet harbour lantern 1", HERE));
        book.changePassword("alice", current, GOOD, HERE); // the sixth back is allowed again
        assertEquals(7, TestDatabases.count(ds, "SELECT COUNT(*) FROM security_audit WHERE action = 'PASSWORD_CHANGE' AND outcome = 'SUCCESS'"));
        assertEquals(4, TestDatabases.count(ds, "SELECT COUNT(*) FROM security_audit WHERE action = 'PASSWORD_CHANGE' AND outcome = 'REFUSED'"));
    }

    @Test
    public void aPasswordChangeEndsTheAccountsSessions() {
        ready("alice", List.of("catalog-editor"));
        String token = book.signIn("alice", GOOD, HERE).token();
        book.changePassword("alice", GOOD, "quiet harbour lantern", HERE);
        expect(UnauthorizedException.class, "revoked", () -> book.authenticate("Bearer " + token, HERE));
    }

    @Test
    public void rotationWarnsBeforeAndForcesAChangeAfterTheMaximumAge() {
        ready("alice", List.of("catalog-editor"));
        now = now.plus(Duration.ofDays(80));
        SignIn s = book.signIn("alice", GOOD, HERE);
        assertTrue(s.warning(), s.warning().startsWith("your password expires in 10 day(s)"));
        now = now.plus(Duration.ofDays(10));
        expect(ForbiddenException.class, "expired", () -> book.signIn("alice", GOOD, HERE));
        book.changePassword("alice", GOOD, "quiet harbour lantern", HERE);
        assertNull(book.signIn("alice", "quiet harbour lantern", HERE).warning());
    }

    @Test
    public void managementCreatesDisablesResetsAndKeepsTheLastSecurityAdmin() {
        book.createFirstAdmin("");
        expect(ValidationException.class, "unknown role 'wizard'", () -> book.create("bob", List.of("wizard"), "sec", HERE));
        expect(ValidationException.class, "username", () -> book.create("B o b", List.of("catalog-editor"), "sec", HERE));
        OneTimePassword bob = book.create("bob", List.of("catalog-editor", "inventory-manager"), "sec", HERE);
        expect(ConflictException.class, "already exists", () -> book.create("bob", List.of("catalog-editor"), "sec", HERE));
        book.changePassword("bob", bob.oneTimePassword(), GOOD, HERE);
        String token = book.signIn("bob", GOOD, HERE).token();
        assertEquals(Set.of("catalog-editor", "inventory-manager"), book.authenticate("Bearer " + token, HERE).orElseThrow().roles());
        book.disable("bob", "sec", HERE);
        expect(UnauthorizedException.class, "", () -> book.authenticate("Bearer " + token, HERE));
        expect(UnauthorizedException.class, "", () -> book.signIn("bob", GOOD, HERE));
        book.enable("bob", "sec", HERE);
        OneTimePassword reset = book.resetPassword("bob", "sec", HERE);
        expect(ForbiddenException.class, "one-time", () -> book.signIn("bob", reset.oneTimePassword(), HERE));
        expect(ConflictException.class, "last enabled admin", () -> book.disable("admin", "sec", HERE));
        List<String> actions = trail().stream().map(AuditEntry::action).toList();
        assertTrue(actions.toString(), actions.containsAll(List.of("ADMIN_CREATED", "ADMIN_DISABLED", "ADMIN_ENABLED", "PASSWORD_RESET")));
    }

    @Test
    public void theAuditTrailPagesNewestFirst() {
        for (int i = 0; i < 7; i++) {
            expect(UnauthorizedException.class, "", () -> book.signIn("nobody", GOOD, HERE));
        }
        var first = book.audit().page(new PageRequest(null, 5), null);
        assertEquals(5, first.items().size());
        assertTrue(first.items().get(0).id() > first.items().get(4).id());
        var second = book.audit().page(new PageRequest(first.nextCursor(), 5), null);
        assertEquals(2, second.items().size());
        assertNull(second.nextCursor());
        assertEquals(7, book.audit().page(new PageRequest(null, 50), "nobody").items().size());
    }

    private void ready(String username, List<String> roles) {
        OneTimePassword otp = book.create(username, roles, "test", HERE);
        book.changePassword(username, otp.oneTimePassword(), GOOD, HERE);
    }

    private List<AuditEntry> trail() {
        return book.audit().page(new PageRequest(null, 500), null).items();
    }

    private static <T extends ProblemException> T expect(Class<T> type, String fragment, Runnable r) {
        try {
            r.run();
        } catch (ProblemException p) {
            assertTrue("expected " + type.getSimpleName() + " but got " + p.getClass().getSimpleName() + ": " + p.detail(), type.isInstance(p));
            String all = p.detail() + " " + p.errors();
            assertTrue(all, all.contains(fragment));
            return type.cast(p);
        }
        fail("expected " + type.getSimpleName());
        return null;
    }
}
