package dev.emporium.security.internal.access;

import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** RFC 6238 appendix B (SHA-1), the base32 of RFC 4648, drift and replay. */
public class TotpTest {

    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    public void theRfc6238Sha1TestVectors() {
        long[][] vectors = {{59, 94287082}, {1111111109, 7081804}, {1111111111, 14050471}, {1234567890, 89005924},
                {2000000000, 69279037}, {20000000000L, 65353130}};
        for (long[] v : vectors) {
            String expected = String.format("%08d", v[1]);
            assertEquals("T=" + v[0], expected, Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(v[0])), 8));
            assertEquals("6 digits are the last 6", expected.substring(2), Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(v[0])), 6));
        }
    }

    @Test
    public void base32RoundTripsAndMatchesRfc4648() {
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Totp.base32(RFC_KEY));
        assertArrayEquals(RFC_KEY, Totp.base32Decode("gezdgnbvgy3tqojqgezdgnbvgy3tqojq"));
        assertEquals("MZXW6YQ", Totp.base32("foob".getBytes(StandardCharsets.US_ASCII)));
        String secret = Totp.newSecret();
        assertEquals(32, secret.length());
        assertEquals(secret, Totp.base32(Totp.base32Decode(secret)));
    }

    @Test
    public void aCodeIsAcceptedOneStepEitherSideAndOnlyOnce() {
        String secret = Totp.base32(RFC_KEY);
        Instant now = Instant.ofEpochSecond(1111111111);
        long step = Totp.step(now);
        String current = Totp.code(RFC_KEY, step, 6);
        assertEquals(step, Totp.accept(secret, current, now, null).getAsLong());
        assertEquals(step, Totp.accept(secret, Totp.code(RFC_KEY, step - 1, 6), now, null).getAsLong() + 1);
        assertTrue(Totp.accept(secret, Totp.code(RFC_KEY, step + 1, 6), now, null).isPresent());
        assertFalse("two steps old", Totp.accept(secret, Totp.code(RFC_KEY, step - 2, 6), now, null).isPresent());
        assertFalse("replayed", Totp.accept(secret, current, now, step).isPresent());
        assertFalse(Totp.accept(secret, "12345", now, null).isPresent());
        assertFalse(Totp.accept(secret, "abcdef", now, null).isPresent());
    }

    @Test
    public void theUriIsWhatAuthenticatorAppsRead() {
        assertEquals("otpauth://totp/Emporium%3Aines?secret=ABC&issuer=Emporium&algorithm=SHA1&digits=6&period=30",
                Totp.uri("Emporium", "ines", "ABC"));
    }
}
