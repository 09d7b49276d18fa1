package dev.emporium.security.api;

/** Admin sign-in and sign-out with bearer tokens ({@code at_...}) kept hashed in the database. */
public interface AdminSessions {

    /**
     * @throws dev.emporium.platform.api.UnauthorizedException the same for a wrong username, password, a locked or a
     *                                                          disabled account
     * @throws dev.emporium.platform.api.ForbiddenException     from an address outside the admin allow-list, or
     *                                                          when the password must be changed first
     */
    SignIn signIn(String username, String password, String address);

    /** Revokes the session of {@code token}; false when it was not a live session. */
    boolean signOut(String token, String address);
}
