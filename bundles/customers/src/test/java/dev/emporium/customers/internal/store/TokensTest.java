package dev.emporium.customers.internal.store;

import org.junit.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

public class TokensTest {

    @Test
    public void tokensCarryTheirPrefixAnd256RandomBits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String t = Tokens.newToken(Tokens.SESSION_PREFIX);
            assertTrue(t, t.startsWith("ct_"));
            assertEquals(3 + 43, t.length());
            assertTrue(Tokens.wellFormed(Tokens.SESSION_PREFIX, t));
            assertFalse(Tokens.wellFormed(Tokens.RESET_PREFIX, t));
            assertTrue(seen.add(t));
        }
    }

    @Test
    public void theStoredHashIsSha256InHexAndNotTheToken() {
        String t = Tokens.newToken(Tokens.SESSION_PREFIX);
        String h = Tokens.hash(t);
        assertEquals(64, h.length());
        assertTrue(h.matches("[0-9a-f]{64}"));
        assertEquals(h, Tokens.hash(t));
        assertNotEquals(h, Tokens.hash(Tokens.newToken(Tokens.SESSION_PREFIX)));
        assertFalse(h.contains(t.substring(3)));
        // a known vector: SHA-256("abc")
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Tokens.hash("abc"));
    }

    @Test
    public void otherAuthenticatorsTokensAreNotWellFormed() {
        for (String t : new String[] {null, "", "customer:c-1", "admin:support", "ct_", "ct_short", "ct_" + "a".repeat(44),
                "ct_" + "a".repeat(42) + "=", "cr_" + "a".repeat(43)}) {
            assertFalse(String.valueOf(t), Tokens.wellFormed(Tokens.SESSION_PREFIX, t));
        }
    }
}
