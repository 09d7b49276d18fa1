package dev.emporium.support.api;

/**
 * A way of telling a buyer what happens to their case (the store's own message table, email, SMS...). Support sends
 * every notification through every registered channel; a channel that cannot reach this buyer answers false.
 */
public interface NotificationChannel {

    /** The channel's name, such as {@code store}, {@code email} or {@code sms}; recorded with each message it sends. */
    String name();

    /**
     * Sends one notification. Called outside support's transactions; a channel that throws is logged and skipped, so
     * one broken channel never stops the others.
     *
     * @return true when the message left through this channel
     */
    boolean send(Notification notification);
}
