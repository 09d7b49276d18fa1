package dev.emporium.inventory.internal.feed;

/** The feed as a whole cannot be used (cannot be opened, wrong format, no usable header): a sync then changes nothing. */
public class UnreadableFeedException extends Exception {

    public UnreadableFeedException(String message) {
        super(message);
    }

    public UnreadableFeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
