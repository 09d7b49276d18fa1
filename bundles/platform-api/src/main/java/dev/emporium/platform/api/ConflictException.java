package dev.emporium.platform.api;

/** 409: the request clashes with the current state (a duplicate, a stale version, not enough stock). */
public class ConflictException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String detail) {
        super(409, "Conflict", detail);
    }
}
