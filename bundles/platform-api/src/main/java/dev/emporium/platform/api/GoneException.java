package dev.emporium.platform.api;

/** 410: the thing existed and no longer does (a discontinued product, an erased customer). */
public class GoneException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public GoneException(String detail) {
        super(410, "Gone", detail);
    }
}
