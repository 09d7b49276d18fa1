package dev.emporium.customers.internal.store;

import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

public class PasswordsTest {

    @Test
    public void aHashVerifiesItsPasswordAndNoOther() {
        String stored = Passwords.hash("correct horse battery", 1000);
        assertTrue(Passwords.verify("correct horse battery", stored));
        assertFalse(Passwords.verify("correct horse batterY", stored));
        assertFalse(Passwords.verify("", stored));
    }

    @Test
    public void theHashNamesItsAlgorithmAndIterationsAndIsSalted() {
        String a = Passwords.hash("same password!", 1000);
        String b = Passwords.hash("same password!", 1000);
        assertNotEquals("a random salt per hash", a, b);
        String[] parts = a.split("\\$");
        assertEquals(4, parts.length);
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals("1000", parts[1]);
        assertEquals("16 bytes of salt", 22, parts[2].length());
        assertEquals("256 bits of hash", 43, parts[3].length());
        assertFalse(a.contains("same password"));
    }

    @Test
    public void theDefaultIterationCountIsAtLeastOwaspsAndItTakesMeasurableTime() throws Exception {
        int iterations = (Integer) dev.emporium.customers.internal.CustomersConfig.class.getMethod("passwordIterations").getDefaultValue();
        assertTrue(iterations >= 210_000);
        long start = System.nanoTime();
        String stored = Passwords.hash("a long enough password", iterations);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(Passwords.verify("a long enough password", stored));
        System.out.println("PBKDF2-HMAC-SHA256 with " + iterations + " iterations: " + millis + " ms");
    }

    @Test
    public void olderHashesAreRehashedWhenTheIterationsRise() {
        String stored = Passwords.hash("password one two", 1000);
        assertFalse(Passwords.needsRehash(stored, 1000));
        assertTrue(Passwords.needsRehash(stored, 2000));
        assertTrue(Passwords.needsRehash("md5$abc", 1000));
    }

    @Test
    public void unreadableStoredValuesNeverVerify() {
        for (String stored : new String[] {null, "", "pbkdf2-sha256$x$y$z", "pbkdf2-sha256$0$AAAA$AAAA", "bcrypt$10$a$b",
                "pbkdf2-sha256$1000$!!!$AAAA"}) {
            assertFalse(String.valueOf(stored), Passwords.verify("anything at all", stored));
        }
    }
}
