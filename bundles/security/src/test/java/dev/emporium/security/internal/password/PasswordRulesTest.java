package dev.emporium.security.internal.password;

import org.junit.Test;

import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

/** The password policy's rules, the shipped common list and the PBKDF2 hashes. */
public class PasswordRulesTest {

    private final CommonPasswords common = CommonPasswords.shipped();
    private final PasswordPolicy policy = new PasswordPolicy(12, common);

    @Test
    public void theShippedListHoldsSomeHundredsOfPasswords() {
        assertTrue(common.size() + " passwords", common.size() >= 300);
        assertTrue(common.isCommon("password"));
        assertTrue(common.isCommon("Password123!"));
        assertTrue(common.isCommon("!!Qwertyuiop2026"));
        assertTrue(common.isCommon("123456789"));
        assertFalse(common.isCommon("violet tractor mumbles"));
    }

    @Test
    public void eachRuleRefusesWithItsOwnMessage() {
        assertEquals(List.of("must be at least 12 characters long (it has 9)"), policy.refusals("alice", "xK9#mPq2v"));
        assertEquals(List.of("must not be one character repeated"), policy.refusals("alice", "zzzzzzzzzzzzzz"));
        assertEquals(List.of("must not contain the username"), policy.refusals("alice", "Alice-rides-at-noon"));
        assertEquals(List.of("is one of the most common passwords; choose one nobody would guess"),
                policy.refusals("alice", "Password2026!"));
        assertEquals(List.of("is required"), policy.refusals("alice", ""));
        assertEquals(2, policy.refusals("alice", "aaaa").size());
        assertTrue(policy.refusals("alice", "x".repeat(100) + "y".repeat(200)).contains("must be at most 256 characters long"));
    }

    @Test
    public void aGoodPassphrasePasses() {
        assertEquals(List.of(), policy.refusals("alice", "violet tractor mumbles"));
        assertEquals(List.of(), new PasswordPolicy(20, common).refusals("bob", "correct-llama-staple-9"));
    }

    @Test
    public void hashesAreSaltedAndVerifyInConstantTimeCompare() {
        PasswordHasher hasher = new PasswordHasher(1_000);
        String a = hasher.hash("violet tractor mumbles");
        String b = hasher.hash("violet tractor mumbles");
        assertNotEquals("a fresh salt each time", a, b);
        assertTrue(a, a.startsWith("pbkdf2-sha256$1000$"));
        assertTrue(hasher.matches("violet tractor mumbles", a));
        assertTrue("the work factor comes from the hash", new PasswordHasher(2_000).matches("violet tractor mumbles", b));
        assertFalse(hasher.matches("violet tractor mumble", a));
        assertFalse(hasher.matches("x", "garbage"));
        assertFalse(hasher.matches("x", "pbkdf2-sha256$1$%%%$%%%"));
    }

    @Test
    public void oneTimePasswordsAreLongAndUnambiguous() {
        String p = OneTimePasswords.generate();
        assertTrue(p, p.matches("[A-HJ-NP-Za-km-z2-9]{20}"));
        assertNotEquals(p, OneTimePasswords.generate());
        assertEquals(List.of(), policy.refusals("admin", p));
    }
}
