package dev.emporium.security.api;

import java.time.Instant;
import java.util.List;

/**
 * A successful admin sign-in. The token is shown only here; the store keeps only its hash.
 *
 * @param warning null, or a sentence the admin should read (such as the password expiring soon)
 */
public record SignIn(String token, String tokenType, Instant expiresAt, String username, List<String> roles,
                     Instant passwordExpiresAt, String warning) {

    public SignIn {
        roles = List.copyOf(roles);
    }
}
