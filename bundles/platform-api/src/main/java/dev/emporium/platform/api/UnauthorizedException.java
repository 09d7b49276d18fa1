package dev.emporium.platform.api;

import java.util.List;
import java.util.Map;

/** 401: the caller must sign in, or its credentials are wrong or expired. */
public class UnauthorizedException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public UnauthorizedException(String detail) {
        super(401, "Unauthorized", detail, List.of(), Map.of("WWW-Authenticate", "Bearer"));
    }
}
