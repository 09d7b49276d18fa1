package dev.emporium.security.internal.access;

import org.junit.Test;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

/** Token format, header parsing and hashing. */
public class AdminTokensTest {

    @Test
    public void tokensAreAt_And256RandomBits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String t = AdminTokens.generate();
            assertTrue(t, t.matches("at_[A-Za-z0-9_-]{43}"));
            assertTrue(AdminTokens.wellFormed(t));
            seen.add(t);
        }
        assertEquals(1000, seen.size());
    }

    @Test
    public void onlyBearerAt_TokensAreThisDepartments() {
        String t = AdminTokens.generate();
        assertEquals(Optional.of(t), AdminTokens.fromHeader("Bearer " + t));
        assertEquals(Optional.of(t), AdminTokens.fromHeader("bearer  " + t));
        assertEquals(Optional.empty(), AdminTokens.fromHeader("Bearer ct_abc"));
        assertEquals(Optional.empty(), AdminTokens.fromHeader("Bearer admin:security-admin"));
        assertEquals(Optional.empty(), AdminTokens.fromHeader("Basic YWRtaW46eA=="));
        assertEquals(Optional.empty(), AdminTokens.fromHeader(null));
        assertEquals("ours, though malformed", Optional.of("at_short"), AdminTokens.fromHeader("Bearer at_short"));
        assertFalse(AdminTokens.wellFormed("at_short"));
    }

    @Test
    public void theStoredHashIsSha256Hex() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", AdminTokens.hash("abc"));
        String t = AdminTokens.generate();
        assertEquals(64, AdminTokens.hash(t).length());
        assertNotEquals(t, AdminTokens.hash(t));
    }
}
