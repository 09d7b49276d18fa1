package dev.emporium.platform.api;

/** 403: the caller is known but may not do this. */
public class ForbiddenException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public ForbiddenException(String detail) {
        super(403, "Forbidden", detail);
    }
}
