package dev.emporium.platform.api;

/** Answers one route: validates, calls one service method and returns what to render. */
@FunctionalInterface
public interface RouteHandler {

    /**
     * @return a {@link RouteResponse}, or any other object to be rendered as a 200 JSON body
     *         ({@code null} renders 204 No Content)
     * @throws ProblemException for a client mistake or a business refusal
     */
    Object handle(RouteRequest request) throws Exception;
}
