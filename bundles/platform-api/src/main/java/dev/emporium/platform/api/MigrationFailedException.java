package dev.emporium.platform.api;

/** A department's migration could not be applied; nothing of it was kept. */
public class MigrationFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MigrationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
