package dev.emporium.platform.api;

/** 404: the thing asked for does not exist. */
public class NotFoundException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String detail) {
        super(404, "Not found", detail);
    }
}
