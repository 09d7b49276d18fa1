package dev.emporium.support.internal.chat;

/**
 * Wakes the chat streams of this node as soon as a message is written here. Streams also look at the database every
 * second, so a message written on another node reaches them too, a little later.
 */
public final class ChatSignals {

    private long version;

    public synchronized void signal() {
        version++;
        notifyAll();
    }

    public synchronized long version() {
        return version;
    }

    /** Waits until a signal after {@code seen}, or {@code millis}. */
    public synchronized void awaitAfter(long seen, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (version == seen) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }
}
