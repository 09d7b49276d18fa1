package dev.emporium.platform.api;

/** 400: the request cannot be read at all (malformed JSON, a bad parameter). */
public class BadRequestException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(String detail) {
        super(400, "Bad request", detail);
    }
}
