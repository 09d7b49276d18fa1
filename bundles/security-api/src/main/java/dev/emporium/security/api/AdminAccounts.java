package dev.emporium.security.api;

import java.util.List;
import java.util.Optional;

/** Admin accounts: created, disabled, unlocked and reset by a security admin; passwords changed by their owner. */
public interface AdminAccounts {

    List<AdminAccount> list();

    Optional<AdminAccount> find(String username);

    /** Creates an account with a generated one-time password that must be changed at its first sign-in. */
    OneTimePassword create(String username, List<String> roles, String actor, String address);

    AdminAccount disable(String username, String actor, String address);

    AdminAccount enable(String username, String actor, String address);

    /** Lifts a lockout after failed sign-ins. */
    AdminAccount unlock(String username, String actor, String address);

    /** Replaces the password with a generated one-time password and ends the account's sessions. */
    OneTimePassword resetPassword(String username, String actor, String address);

    /**
     * The owner changes its password, proving the current one. Ends the account's sessions.
     *
     * @throws dev.emporium.platform.api.ValidationException on field {@code password} when the policy refuses it
     */
    AdminAccount changePassword(String username, String currentPassword, String newPassword, String address);
}
