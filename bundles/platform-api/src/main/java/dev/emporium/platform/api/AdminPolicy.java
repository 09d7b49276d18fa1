package dev.emporium.platform.api;

/**
 * Who may call an admin route, and the record of every admin write: an optional service (published by the security
 * department) that the gateway consults for every signed-in request to an {@link Access#ADMIN} route (a request
 * without usable credentials is a 401 before it). Without one, the gateway applies {@link Caller#mayCall} alone and
 * records nothing.
 */
public interface AdminPolicy {

    /**
     * Admits or refuses a call to an admin route.
     *
     * @param caller        the authenticated caller
     * @param remoteAddress the client address the request came from
     * @throws ForbiddenException for a caller who is not an admin, lacks the route's role, or comes from an address
     *                            admins may not use
     */
    void admit(Route route, Caller caller, String remoteAddress);

    /** Records an admin write (any method but GET and HEAD on an admin route) once it is answered, refused or failed. */
    void recordWrite(AdminWrite write);
}
