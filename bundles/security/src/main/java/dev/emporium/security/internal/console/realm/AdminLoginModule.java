package dev.emporium.security.internal.console.realm;

import dev.emporium.platform.api.ProblemException;
import dev.emporium.security.internal.accounts.AccountBook;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The console's and ssh's JAAS login against Emporium's admin accounts: the checks, lockout, throttle and audit of
 * an HTTP sign-in ({@link AccountBook#consoleSignIn}); the account's roles become Karaf roles ({@link ConsoleRoles}).
 * Karaf's ProxyLoginModule creates it from this bundle and hands it the realm's options, the account book among them.
 */
public final class AdminLoginModule implements LoginModule {

    static final String BOOK = "emporium.accounts";

    private Subject subject;
    private CallbackHandler callbacks;
    private AccountBook book;
    private final List<Principal> principals = new ArrayList<>();

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = callbackHandler;
        this.book = (AccountBook) options.get(BOOK);
    }

    @Override
    public boolean login() throws LoginException {
        if (book == null || callbacks == null) {
            throw new LoginException("the Emporium realm is not ready");
        }
        NameCallback name = new NameCallback("Username: ");
        PasswordCallback password = new PasswordCallback("Password: ", false);
        try {
            callbacks.handle(new Callback[] {name, password});
        } catch (Exception e) {
            throw new LoginException("cannot read the credentials: " + e.getMessage());
        }
        String username = name.getName();
        String secret = password.getPassword() == null ? null : new String(password.getPassword());
        password.clearPassword();
        List<String> roles;
        try {
            roles = book.consoleSignIn(username, secret, address());
        } catch (ProblemException p) {
            throw new FailedLoginException(p.detail());
        } catch (RuntimeException e) {
            throw new LoginException("the sign-in could not be checked: " + e.getMessage());
        }
        principals.clear();
        principals.add(new UserPrincipal(username.strip().toLowerCase(java.util.Locale.ROOT)));
        for (String role : ConsoleRoles.of(roles)) {
            principals.add(new RolePrincipal(role));
        }
        return true;
    }

    /** The client address Karaf's ssh server or JMX puts in the subject; none is a caller inside this JVM. */
    private String address() {
        if (subject != null) {
            for (ClientPrincipal client : subject.getPrincipals(ClientPrincipal.class)) {
                if (client.getAddress() != null) {
                    return host(client.getAddress());
                }
            }
        }
        return "127.0.0.1";
    }

    /** The host of a socket address as Java prints it: "/127.0.0.1:53214", "/0:0:0:0:0:0:0:1:53214", "[::1]:22". */
    static String host(String socket) {
        String a = socket.strip();
        int slash = a.indexOf('/');
        if (slash >= 0) {
            a = a.substring(slash + 1);
        }
        if (a.startsWith("[")) {
            return a.substring(1, Math.max(1, a.indexOf(']')));
        }
        int colon = a.lastIndexOf(':');
        return colon > 0 ? a.substring(0, colon) : a;
    }

    @Override
    public boolean commit() {
        if (principals.isEmpty()) {
            return false;
        }
        subject.getPrincipals().addAll(principals);
        return true;
    }

    @Override
    public boolean abort() {
        principals.clear();
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        principals.clear();
        return true;
    }
}
