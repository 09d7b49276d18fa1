package dev.emporium.platform.api;

import java.util.Optional;

/**
 * Turns a request's credentials into a {@link Caller}. Published by the security and customers departments;
 * the gateway asks every registered authenticator in turn.
 */
public interface Authenticator {

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @param remoteAddress the client address the request came from
     * @return the caller, or empty when these credentials are not this authenticator's
     * @throws ProblemException (401) when the credentials are this authenticator's but are wrong or expired
     */
    Optional<Caller> authenticate(String authorization, String remoteAddress);
}
