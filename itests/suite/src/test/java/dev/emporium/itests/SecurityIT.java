package dev.emporium.itests;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import javax.sql.DataSource;
import java.io.File;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Dictionary;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * The security department on a real Karaf, with real accounts and tokens only (no test authenticator): the first
 * admin's one-time password from the configuration, password rules, roles across departments, lockout, sign-out,
 * expiry, the address allow-list, the throttle, the audit trail and the {@code security:} commands. The methods run
 * in name order: each builds on the accounts the previous ones made.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class SecurityIT {

    private static final String PID = "dev.emporium.security";
    private static final String FIRST_PASSWORD = "first-start-only-7Qx";
    private static final String ADMIN_PASSWORD = "violet tractor mumbles";
    private static final String LOLA_PASSWORD = "quiet harbour lantern";
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"(at_[A-Za-z0-9_-]{43})\"");
    private static final Pattern ONE_TIME = Pattern.compile("\"oneTimePassword\":\"([A-Za-z0-9]{20})\"");

    @Inject
    private FeaturesService features;

    @Inject
    private SessionFactory sessions;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private BundleContext bundleContext;

    @Configuration
    public Option[] config() {
        return StockKaraf.options();
    }

    @Before
    public void installSecurity() throws Exception {
        File cfg = new File(System.getProperty("karaf.etc"), PID + ".cfg");
        if (!cfg.exists()) {
            // written before the feature installs: the feature's <config> leaves an existing file alone
            Files.writeString(cfg.toPath(), "initialAdminPassword = " + FIRST_PASSWORD + "\n"
                    + "allowedAdminAddresses = 127.0.0.1/32,::1/128\n", StandardCharsets.UTF_8);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (configAdmin.listConfigurations("(service.pid=" + PID + ")") == null) {
                assertTrue("fileinstall never read " + cfg, System.nanoTime() < deadline);
                Thread.sleep(100);
            }
        }
        Store.install(features, "emporium-catalog");
        Store.install(features, "emporium-security");
        Store.awaitHealth("\"name\":\"security\",\"state\":\"UP\"", 60);
        Store.awaitHealth("\"name\":\"catalog\",\"state\":\"UP\"", 60);
    }

    @Test
    public void t1_theFirstAdminMustChangeItsOneTimePasswordAndWeakOnesAreRefused() throws Exception {
        String file = Files.readString(new File(System.getProperty("karaf.etc"), PID + ".cfg").toPath());
        assertTrue("the feature did not overwrite the file written before it: " + file, file.contains(FIRST_PASSWORD));
        assertFalse("nor added its defaults to it: " + file, file.contains("lockoutThreshold"));

        HttpResponse<String> r = signIn("admin", FIRST_PASSWORD);
        assertEquals(r.body(), 403, r.statusCode());
        assertTrue(r.body(), r.body().contains("one-time password: change it first with POST /api/admin/security/password"));

        String[][] weak = {
                {"short", "must be at least 12 characters long (it has 5)"},
                {"Password2026!", "is one of the most common passwords"},
                {"zzzzzzzzzzzzzzzz", "must not be one character repeated"},
                {"my-admin-password-x", "must not contain the username"},
                {FIRST_PASSWORD, "must not be one of your last 5 passwords"},
        };
        for (String[] w : weak) {
            r = changePassword("admin", FIRST_PASSWORD, w[0]);
            assertEquals(w[0] + " -> " + r.body(), 400, r.statusCode());
            assertTrue(w[0] + " -> " + r.body(), r.body().contains("\"field\":\"password\""));
            assertTrue(w[0] + " -> " + r.body(), r.body().contains(w[1]));
        }
        r = changePassword("admin", FIRST_PASSWORD, ADMIN_PASSWORD);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"mustChangePassword\":false"));

        assertEquals("the one-time password is gone", 401, signIn("admin", FIRST_PASSWORD).statusCode());
        r = signIn("admin", ADMIN_PASSWORD);
        assertEquals(r.body(), 201, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"tokenType\":\"Bearer\""));
        assertTrue(r.body(), r.body().contains("\"roles\":[\"admin\"]"));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertNotNull(token(r));
    }

    @Test
    public void t2_aRoleGrantsItsDepartmentsAdminRoutesAndAdminGrantsThemAll() throws Exception {
        String admin = adminToken();
        HttpResponse<String> r = send("POST", "/api/admin/security/admins", admin, "{\"username\":\"ines\",\"roles\":[\"inventory-manager\"]}");
        assertEquals(r.body(), 201, r.statusCode());
        String oneTime = match(ONE_TIME, r.body());
        r = send("POST", "/api/admin/security/admins", admin, "{\"username\":\"ines\",\"roles\":[\"inventory-manager\"]}");
        assertEquals(r.body(), 409, r.statusCode());
        r = send("POST", "/api/admin/security/admins", admin, "{\"username\":\"zed\",\"roles\":[\"wizard\"]}");
        assertEquals(r.body(), 400, r.statusCode());
        assertTrue(r.body(), r.body().contains("unknown role 'wizard'"));

        assertEquals(200, changePassword("ines", oneTime, "stock counts at forty two").statusCode());
        String ines = token(signIn("ines", "stock counts at forty two"));

        assertEquals(403, send("GET", "/api/admin/catalog/types", ines, null).statusCode());
        assertEquals(403, send("GET", "/api/admin/security/admins", ines, null).statusCode());
        r = send("GET", "/api/admin/catalog/types", admin, null);
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals(401, send("GET", "/api/admin/catalog/types", null, null).statusCode());
        assertEquals("a token of another kind is not this department's", 401,
                send("GET", "/api/admin/catalog/types", "ct_nothing", null).statusCode());
    }

    @Test
    public void t3_wrongCredentialsAnswerAlikeAndFiveFailuresLockUntilUnlocked() throws Exception {
        String admin = adminToken();
        HttpResponse<String> r = send("POST", "/api/admin/security/admins", admin, "{\"username\":\"lola\",\"roles\":[\"catalog-editor\"]}");
        assertEquals(r.body(), 201, r.statusCode());
        assertEquals(200, changePassword("lola", match(ONE_TIME, r.body()), LOLA_PASSWORD).statusCode());

        HttpResponse<String> unknown = signIn("nobody-here", LOLA_PASSWORD);
        assertEquals(401, unknown.statusCode());
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = signIn("lola", "not her password " + i);
            assertEquals(wrong.body(), 401, wrong.statusCode());
            assertEquals("no account enumeration", detail(unknown.body()), detail(wrong.body()));
        }
        r = signIn("lola", LOLA_PASSWORD);
        assertEquals("locked: even the right password is refused: " + r.body(), 401, r.statusCode());
        assertTrue(KarafConsole.execute(sessions, "security:admins"), KarafConsole.execute(sessions, "security:admins").contains("locked until"));

        String out = KarafConsole.execute(sessions, "security:unlock lola");
        assertTrue(out, out.contains("Unlocked lola"));
        r = signIn("lola", LOLA_PASSWORD);
        assertEquals(r.body(), 201, r.statusCode());
        assertEquals(200, send("GET", "/api/admin/catalog/types", token(r), null).statusCode());
    }

    @Test
    public void t4_aSignedOutOrExpiredTokenIs401() throws Exception {
        String token = token(signIn("admin", ADMIN_PASSWORD));
        assertEquals(200, send("GET", "/api/admin/security/admins", token, null).statusCode());
        assertEquals(204, send("DELETE", "/api/admin/security/sessions/current", token, null).statusCode());
        HttpResponse<String> r = send("GET", "/api/admin/security/admins", token, null);
        assertEquals(r.body(), 401, r.statusCode());
        assertTrue(r.body(), r.body().contains("revoked"));

        setConfig("sessionSeconds", 1);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            String shortLived;
            do {
                r = signIn("admin", ADMIN_PASSWORD);
                assertEquals(r.body(), 201, r.statusCode());
                shortLived = token(r);
                assertTrue("sessionSeconds never took effect", System.nanoTime() < deadline);
            } while (!r.body().contains("\"expiresAt\"") || sessionSeconds(r.body()) > 5);
            Thread.sleep(1500);
            r = send("GET", "/api/admin/security/admins", shortLived, null);
            assertEquals(r.body(), 401, r.statusCode());
            assertTrue(r.body(), r.body().contains("expired"));
        } finally {
            setConfig("sessionSeconds", 28800);
            // the next test signs in and must not get a one-second token: wait until the setting is back
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            HttpResponse<String> back = signIn("admin", ADMIN_PASSWORD);
            while (!back.body().contains("\"expiresAt\"") || sessionSeconds(back.body()) < 3600) {
                assertTrue("sessionSeconds=28800 never took effect again: " + back.body(), System.nanoTime() < deadline);
                Thread.sleep(100);
                back = signIn("admin", ADMIN_PASSWORD);
            }
        }
    }

    @Test
    public void t5_anotherAddressIs403AndTooManyFailuresFromOneAddressWait() throws Exception {
        String token = adminToken();
        setConfig("allowedAdminAddresses", "10.0.0.0/8, 2001:db8::/32");
        try {
            HttpResponse<String> r = awaitStatus(403, () -> send("GET", "/api/admin/security/admins", token, null));
            assertTrue(r.body(), r.body().contains("not allowed from this address"));
            r = signIn("admin", ADMIN_PASSWORD);
            assertEquals(r.body(), 403, r.statusCode());
        } finally {
            setConfig("allowedAdminAddresses", "127.0.0.1/32,::1/128");
        }
        awaitStatus(200, () -> send("GET", "/api/admin/security/admins", token, null));

        setConfig("addressFailureLimit", 3);
        try {
            HttpResponse<String> r = awaitStatus(429, () -> signIn("nobody-at-all", "guessing away 1"));
            assertTrue(r.body(), r.body().contains("too many failed sign-ins from this address"));
            assertTrue(r.headers().firstValue("Retry-After").isPresent());
        } finally {
            setConfig("addressFailureLimit", 1000);
        }
        awaitStatus(201, () -> signIn("admin", ADMIN_PASSWORD));
    }

    @Test
    public void t6_theAuditTrailListsItAll() throws Exception {
        String admin = adminToken();
        HttpResponse<String> r = send("GET", "/api/admin/security/audit?limit=500", admin, null);
        assertEquals(r.body(), 200, r.statusCode());
        String[] expected = {
                "\"actor\":\"system\",\"action\":\"ADMIN_CREATED\",\"subject\":\"admin\"",
                "\"action\":\"SIGN_IN\",\"subject\":\"admin\",\"address\":\"127.0.0.1\",\"outcome\":\"REFUSED\",\"detail\":\"the password is a one-time password",
                "\"action\":\"PASSWORD_CHANGE\",\"subject\":\"admin\",\"address\":\"127.0.0.1\",\"outcome\":\"REFUSED\"",
                "\"action\":\"PASSWORD_CHANGE\",\"subject\":\"admin\",\"address\":\"127.0.0.1\",\"outcome\":\"SUCCESS\"",
                "\"actor\":\"admin\",\"action\":\"ADMIN_CREATED\",\"subject\":\"ines\"",
                "\"action\":\"SIGN_IN\",\"address\":\"127.0.0.1\",\"outcome\":\"DENIED\",\"detail\":\"unknown username\"",
                "\"action\":\"SIGN_IN\",\"subject\":\"lola\",\"address\":\"127.0.0.1\",\"outcome\":\"DENIED\",\"detail\":\"wrong password\"",
                "\"action\":\"LOCKOUT\",\"subject\":\"lola\"",
                "\"action\":\"SIGN_IN\",\"subject\":\"lola\",\"address\":\"127.0.0.1\",\"outcome\":\"DENIED\",\"detail\":\"account locked until",
                "\"action\":\"ADMIN_UNLOCKED\",\"subject\":\"lola\",\"address\":\"console\"",
                "\"action\":\"SIGN_OUT\",\"subject\":\"admin\",\"address\":\"127.0.0.1\",\"outcome\":\"SUCCESS\"",
                "\"outcome\":\"REFUSED\",\"detail\":\"address not in allowedAdminAddresses\"",
                "\"outcome\":\"THROTTLED\"",
                "\"action\":\"SIGN_IN\",\"subject\":\"admin\",\"address\":\"127.0.0.1\",\"outcome\":\"SUCCESS\"",
        };
        for (String e : expected) {
            assertTrue(e + " in " + r.body(), r.body().contains(e));
        }
        r = send("GET", "/api/admin/security/audit?limit=2", admin, null);
        assertTrue(r.body(), r.body().matches("(?s).*\"nextCursor\":\"\\d+\".*"));
        assertEquals(400, send("GET", "/api/admin/security/audit?limit=0", admin, null).statusCode());

        String console = KarafConsole.execute(sessions, "security:audit --account lola --limit 100");
        assertTrue(console, console.contains("LOCKOUT"));
        assertTrue(console, console.contains("ADMIN_UNLOCKED"));
        assertFalse(console, console.contains("ines"));
        String admins = KarafConsole.execute(sessions, "security:admins");
        assertTrue(admins, admins.contains("ines") && admins.contains("inventory-manager") && admins.contains("lola"));
        assertTrue(KarafConsole.execute(sessions, "security:unlock nobody-such"),
                KarafConsole.execute(sessions, "security:unlock nobody-such").contains("Refused: no admin named nobody-such"));
    }

    @Test
    public void t7_aBackupIsVerifiedAndRestoredIntoASecondEmptyStoreAndADamagedOneIsRefused() throws Exception {
        String out = KarafConsole.execute(sessions, "security:backup");
        String name = out.replaceAll("(?s).*(emporium-backup-\\d{8}-\\d{9}Z\\.zip).*", "$1");
        assertTrue(out, name.startsWith("emporium-backup-") && out.contains(" rows, sha256 "));
        Path archive = Path.of(System.getProperty("karaf.data"), "emporium", "backups", name);
        assertTrue(archive + " exists", Files.isRegularFile(archive));
        assertTrue(KarafConsole.execute(sessions, "security:backups").contains(name));

        out = KarafConsole.execute(sessions, "security:verify-backup " + name);
        assertTrue(out, out.contains("VERIFIED: ") && out.contains("security_admin") && out.contains("catalog_"));
        assertFalse(out, out.contains(" NO "));

        String admin = adminToken();
        HttpResponse<String> r = send("GET", "/api/admin/security/backups", admin, null);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"name\":\"" + name + "\""));
        r = send("POST", "/api/admin/security/backups/" + name + "/verify", admin, null);
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"identical\":true") && !r.body().contains("\"identical\":false"));
        assertEquals(400, send("POST", "/api/admin/security/backups/store.zip/verify", admin, null).statusCode());
        assertEquals(404, send("POST", "/api/admin/security/backups/emporium-backup-20000101-000000000Z.zip/verify", admin, null).statusCode());
        String lola = token(signIn("lola", LOLA_PASSWORD));
        assertEquals("a catalog editor takes no backups", 403, send("POST", "/api/admin/security/backups", lola, null).statusCode());
        assertEquals(401, send("POST", "/api/admin/security/backups", null, null).statusCode());
        r = send("POST", "/api/admin/security/backups", admin, null);
        assertEquals(r.body(), 201, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"rows\":"));

        // the second, empty store: another H2 database of this Karaf, registered by pax-jdbc-config like the store's own
        Files.writeString(Path.of(System.getProperty("karaf.etc"), "org.ops4j.datasource-restored.cfg"),
                "osgi.jdbc.driver.class = org.h2.Driver\n"
                        + "url = jdbc:h2:file:" + System.getProperty("karaf.data") + "/restored/store;LOCK_TIMEOUT=10000\n"
                        + "user = sa\npassword = restored\ndataSourceName = restored\n", StandardCharsets.UTF_8);
        DataSource restored = awaitDataSource("restored");
        DataSource store = awaitDataSource("emporium");
        assertEquals("empty before", 0, tableCount(restored));

        Path truncated = Path.of(System.getProperty("karaf.data"), "truncated.zip");
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 200));
        out = KarafConsole.execute(sessions, "security:verify-backup " + truncated);
        assertTrue(out, out.contains("backup truncated.zip refused: it is not a complete zip archive (truncated or damaged)"));
        out = KarafConsole.execute(sessions, "security:restore --datasource restored " + truncated);
        assertTrue(out, out.contains("refused: it is not a complete zip archive"));
        assertEquals("nothing written", 0, tableCount(restored));

        out = KarafConsole.execute(sessions, "security:restore --datasource restored " + name);
        assertTrue(out, out.contains("RESTORED into restored: ") && out.contains("identical to the archive (tables created)"));
        assertFalse(out, out.contains(" NO "));
        assertEquals(count(store, "SELECT COUNT(*) FROM security_admin"), count(restored, "SELECT COUNT(*) FROM security_admin"));
        assertEquals(count(store, "SELECT COUNT(*) FROM platform_schema_version"), count(restored, "SELECT COUNT(*) FROM platform_schema_version"));
        out = KarafConsole.execute(sessions, "security:restore --datasource restored " + name);
        assertTrue(out, out.contains("the target store already holds data"));
        out = KarafConsole.execute(sessions, "security:restore --force --datasource restored " + name);
        assertTrue(out, out.contains("RESTORED into restored: "));

        String audit = KarafConsole.execute(sessions, "security:audit --limit 30");
        for (String action : new String[] {"BACKUP", "VERIFY_BACKUP", "RESTORE"}) {
            assertTrue(action + " in " + audit, audit.matches("(?s).*" + action + "\\s.*SUCCESS.*"));
        }
        assertTrue(audit, audit.matches("(?s).*RESTORE\\s.*truncated\\.zip -> restored.*REFUSED.*"));
        assertTrue(audit, audit.matches("(?s).*VERIFY_BACKUP\\s.*truncated\\.zip.*REFUSED.*"));
    }

    @Test
    public void t8_theConsoleSignsInThroughTheRealmWithTheSameAccountsLockoutAndAudit() throws Exception {
        Subject admin = consoleLogin("admin", ADMIN_PASSWORD, null);
        assertTrue(admin.getPrincipals().toString(), names(admin).containsAll(java.util.List.of("admin", "ssh", "viewer")));
        assertTrue("Karaf's etc/users.properties no longer signs in", consoleRefused("karaf", "karaf", null).contains("wrong"));
        assertTrue(consoleRefused("admin", "not the password at all", null).contains("wrong"));
        String outside = consoleRefused("admin", ADMIN_PASSWORD, "/10.9.8.7:40022");
        assertTrue(outside, outside.contains("not allowed from this address"));

        Subject ines = consoleLogin("ines", "stock counts at forty two", null);
        assertTrue(names(ines).toString(), names(ines).contains("inventory-manager") && names(ines).contains("viewer"));
        assertFalse("only admin accounts get a shell", names(ines).contains("ssh"));

        // the lockout is the same: five failures on the console lock the HTTP sign-in too
        for (int i = 0; i < 5; i++) {
            consoleRefused("lola", "console guess " + i, null);
        }
        assertEquals(401, signIn("lola", LOLA_PASSWORD).statusCode());
        consoleRefused("lola", LOLA_PASSWORD, null);
        assertTrue(KarafConsole.execute(sessions, "security:unlock lola").contains("Unlocked lola"));
        consoleLogin("lola", LOLA_PASSWORD, null);

        // the second factor: enrolled and confirmed over HTTP, then asked by HTTP and by the console
        String token = adminToken();
        HttpResponse<String> r = send("POST", "/api/admin/security/totp", token, null);
        assertEquals(r.body(), 201, r.statusCode());
        String secret = match(Pattern.compile("\"secret\":\"([A-Z2-7]+)\""), r.body());
        assertTrue(r.body(), r.body().contains("\"otpauthUri\":\"otpauth://totp/Emporium%3Aadmin?secret=" + secret));
        long step = freshStep();
        r = send("POST", "/api/admin/security/totp/confirm", token, "{\"code\":\"" + totp(secret, step - 1) + "\"}");
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().matches("(?s).*\"recoveryCodes\":\\[\"[a-z2-7]{5}-[a-z2-7]{5}\".*"));
        r = signIn("admin", ADMIN_PASSWORD);
        assertEquals(r.body(), 401, r.statusCode());
        assertTrue(r.body(), r.body().contains("needs the 6-digit code"));
        r = send("POST", "/api/admin/security/sessions", null, "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD
                + "\",\"code\":\"" + totp(secret, step) + "\"}");
        assertEquals(r.body(), 201, r.statusCode());
        assertTrue("the console wants the code after the password",
                consoleRefused("admin", ADMIN_PASSWORD, null).contains("needs the 6-digit code"));
        consoleLogin("admin", ADMIN_PASSWORD + totp(secret, step + 1), null);
        r = send("POST", "/api/admin/security/admins/admin/totp-reset", token(r), null);
        assertEquals(r.body(), 200, r.statusCode());
        consoleLogin("admin", ADMIN_PASSWORD, null);

        String audit = KarafConsole.execute(sessions, "security:audit --limit 60");
        for (String line : new String[] {"CONSOLE_SIGN_IN.*SUCCESS", "CONSOLE_SIGN_IN.*DENIED.*wrong password",
                "CONSOLE_SIGN_IN.*REFUSED.*address not in allowedAdminAddresses", "LOCKOUT.*lola", "TOTP_ENROLLED", "TOTP_ENABLED",
                "SIGN_IN.*DENIED.*second-factor code missing", "TOTP_RESET"}) {
            assertTrue(line + " in " + audit, audit.matches("(?s).*" + line + ".*"));
        }
    }

    @Test
    public void t9_theGatewayAsksSecurityWhoMayCallAdminRoutesAndEveryAdminWriteIsAudited() throws Exception {
        String admin = adminToken();
        String ines = token(signIn("ines", "stock counts at forty two"));
        HttpResponse<String> r = send("PUT", "/api/admin/catalog/categories/cellar-9", admin, "{\"name\":\"Cellar\"}");
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals(403, send("PUT", "/api/admin/catalog/categories/cellar-9", ines, "{\"name\":\"Ines was here\"}").statusCode());
        assertEquals(401, send("PUT", "/api/admin/catalog/categories/cellar-9", null, "{\"name\":\"Anyone\"}").statusCode());
        assertEquals(400, send("PUT", "/api/admin/catalog/categories/cellar-9", admin, "{}").statusCode());
        assertEquals("reads are not writes", 200, send("GET", "/api/admin/catalog/types", admin, null).statusCode());

        r = send("GET", "/api/admin/security/audit?limit=20", admin, null);
        for (String row : new String[] {
                "\"actor\":\"admin\",\"action\":\"ADMIN_WRITE\",\"subject\":\"PUT /api/admin/catalog/categories/cellar-9\",\"address\":\"127.0.0.1\",\"outcome\":\"SUCCESS\",\"detail\":\"catalog: 200 /api/admin/catalog/categories/{",
                "\"actor\":\"ines\",\"action\":\"ADMIN_WRITE\",\"subject\":\"PUT /api/admin/catalog/categories/cellar-9\",\"address\":\"127.0.0.1\",\"outcome\":\"REFUSED\",\"detail\":\"catalog: 403",
                "\"actor\":\"anonymous\",\"action\":\"ADMIN_WRITE\",\"subject\":\"PUT /api/admin/catalog/categories/cellar-9\",\"address\":\"127.0.0.1\",\"outcome\":\"REFUSED\",\"detail\":\"catalog: 401",
                "\"actor\":\"admin\",\"action\":\"ADMIN_WRITE\",\"subject\":\"PUT /api/admin/catalog/categories/cellar-9\",\"address\":\"127.0.0.1\",\"outcome\":\"REFUSED\",\"detail\":\"catalog: 400"}) {
            assertTrue(row + " in " + r.body(), r.body().contains(row));
        }
        assertFalse("GETs are not audited as writes", r.body().contains("\"subject\":\"GET "));
    }

    // ---- helpers

    /** Signs in through the JAAS realm the console and ssh use, as Karaf's ssh server does. */
    private static Subject consoleLogin(String username, String password, String clientAddress) throws Exception {
        Subject subject = new Subject();
        if (clientAddress != null) {
            subject.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.ClientPrincipal("ssh", clientAddress));
        }
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(SecurityIT.class.getClassLoader());
        try {
            LoginContext login = new LoginContext("karaf", subject, callbacks -> {
                for (Callback c : callbacks) {
                    if (c instanceof NameCallback n) {
                        n.setName(username);
                    } else if (c instanceof PasswordCallback p) {
                        p.setPassword(password.toCharArray());
                    }
                }
            });
            login.login();
            return subject;
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }

    private static String consoleRefused(String username, String password, String clientAddress) throws Exception {
        try {
            consoleLogin(username, password, clientAddress);
        } catch (LoginException e) {
            return String.valueOf(e.getMessage());
        }
        throw new AssertionError(username + " signed in to the console");
    }

    private static java.util.List<String> names(Subject subject) {
        return subject.getPrincipals().stream().map(java.security.Principal::getName).toList();
    }

    /** The current TOTP step, once at least 10 s of it remain (so step-1, step and step+1 stay acceptable). */
    private static long freshStep() throws InterruptedException {
        while (System.currentTimeMillis() / 1000 % 30 > 18) {
            Thread.sleep(500);
        }
        return System.currentTimeMillis() / 1000 / 30;
    }

    /** RFC 6238 (SHA-1, 6 digits), written out here so the test does not trust the code it checks. */
    private static String totp(String base32, long step) throws Exception {
        java.io.ByteArrayOutputStream key = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char ch : base32.toCharArray()) {
            buffer = (buffer << 5) | "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".indexOf(ch);
            bits += 5;
            if (bits >= 8) {
                key.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(key.toByteArray(), "HmacSHA1"));
        byte[] h = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(step).array());
        int o = h[19] & 0xf;
        int bin = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
        return String.format("%06d", bin % 1_000_000);
    }

    private DataSource awaitDataSource(String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            java.util.Collection<ServiceReference<DataSource>> refs = bundleContext.getServiceReferences(DataSource.class, "(dataSourceName=" + name + ")");
            if (!refs.isEmpty()) {
                DataSource ds = bundleContext.getService(refs.iterator().next());
                if (ds != null) {
                    return ds;
                }
            }
            assertTrue("no DataSource " + name, System.nanoTime() < deadline);
            Thread.sleep(200);
        }
    }

    private static int tableCount(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            int n = 0;
            while (rs.next()) {
                n += rs.getString("TABLE_SCHEM").equalsIgnoreCase("PUBLIC") ? 1 : 0;
            }
            return n;
        }
    }

    private static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private interface Call {
        HttpResponse<String> run() throws Exception;
    }

    private static HttpResponse<String> awaitStatus(int status, Call call) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        HttpResponse<String> r;
        while ((r = call.run()).statusCode() != status) {
            assertTrue("never " + status + "; last " + r.statusCode() + " " + r.body(), System.nanoTime() < deadline);
            Thread.sleep(200);
        }
        return r;
    }

    private void setConfig(String key, Object value) throws Exception {
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration(PID, null);
        Dictionary<String, Object> props = c.getProperties();
        props.put(key, value);
        c.update(props);
    }

    private static long sessionSeconds(String body) {
        // expiresAt is an ISO instant: compare with now
        String at = body.replaceAll("(?s).*\"expiresAt\":\"([^\"]+)\".*", "$1");
        return java.time.Duration.between(java.time.Instant.now(), java.time.Instant.parse(at)).toSeconds();
    }

    private static String adminToken() throws Exception {
        return token(signIn("admin", ADMIN_PASSWORD));
    }

    private static HttpResponse<String> signIn(String username, String password) throws Exception {
        return send("POST", "/api/admin/security/sessions", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    private static HttpResponse<String> changePassword(String username, String current, String next) throws Exception {
        return send("POST", "/api/admin/security/password", null,
                "{\"username\":\"" + username + "\",\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + next + "\"}");
    }

    private static String token(HttpResponse<String> r) {
        assertEquals(r.body(), 201, r.statusCode());
        return match(TOKEN, r.body());
    }

    private static String match(Pattern p, String body) {
        Matcher m = p.matcher(body);
        assertTrue(p + " in " + body, m.find());
        return m.group(1);
    }

    private static String detail(String body) {
        return body.replaceAll("(?s).*\"detail\":\"([^\"]*)\".*", "$1");
    }

    private static HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(Http.uri(path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return Http.send(b.build());
    }
}
