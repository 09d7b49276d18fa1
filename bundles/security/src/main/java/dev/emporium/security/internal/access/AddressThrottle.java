package dev.emporium.security.internal.access;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/** The per-address throttle: too many denied attempts from one address within a window earn a wait. */
public final class AddressThrottle {

    private AddressThrottle() {
    }

    /**
     * @param denied the address's denied attempts within the window
     * @param oldest the oldest of them (null when there are none)
     * @return the seconds to wait (at least 1), or empty when the address may try
     */
    public static OptionalLong retryAfter(long denied, Instant oldest, int limit, Duration window, Instant now) {
        if (denied < limit || oldest == null) {
            return OptionalLong.empty();
        }
        long seconds = Duration.between(now, oldest.plus(window)).toSeconds() + 1;
        return OptionalLong.of(Math.max(1, seconds));
    }
}
