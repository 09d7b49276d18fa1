package dev.emporium.customers.internal.store;

import dev.emporium.customers.api.ConsentChange;
import dev.emporium.customers.api.ConsentSource;
import dev.emporium.customers.api.ContactChannel;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.ValidationException;
import dev.emporium.testing.MutableClock;
import org.junit.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** The rules of a consent decision, checked before the database is touched (so no DataSource here). */
public class ConsentRulesTest {

    private final ConsentBook book = new ConsentBook(null, null, new MutableClock(Instant.EPOCH),
            () -> new Settings(1000, Duration.ofHours(1), Duration.ofMinutes(30), List.of("newsletter", "social_lookup")));

    @Test
    public void noChannelsMeansEveryChannelAndDuplicatesCountOnce() {
        assertEquals(List.of(ContactChannel.EMAIL, ContactChannel.PHONE, ContactChannel.MESSAGING),
                book.validate(change("newsletter", List.of(), true, "text")));
        assertEquals(List.of(ContactChannel.PHONE),
                book.validate(change("newsletter", List.of(ContactChannel.PHONE, ContactChannel.PHONE), true, "text")));
    }

    @Test
    public void anUnknownPurposeIsNamedWithTheKnownOnes() {
        ValidationException e = refused(change("telemarketing", List.of(), true, "text"));
        assertEquals("purpose", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message(), e.errors().get(0).message().contains("newsletter, social_lookup"));
    }

    @Test
    public void aDecisionNeedsItsExplanationSourceAndDirection() {
        ValidationException e = refused(new ConsentChange(" ", null, Arrays.asList(ContactChannel.EMAIL, null), null, null, " "));
        assertEquals(List.of("purpose", "granted", "source", "explanation", "channels", "customerId"),
                e.errors().stream().map(FieldError::field).toList());
        assertEquals("explanation", refused(change("newsletter", List.of(), true, "x".repeat(4001))).errors().get(0).field());
    }

    @Test
    public void anUnconfiguredPurposeIsNeverAllowed() {
        assertFalse(book.mayContact("c-1", "telemarketing", ContactChannel.EMAIL));
        assertFalse(book.mayContact("c-1", null, ContactChannel.EMAIL));
        assertFalse(book.mayContact("c-1", "newsletter", null));
    }

    private static ConsentChange change(String purpose, List<ContactChannel> channels, Boolean granted, String explanation) {
        return new ConsentChange("c-1", purpose, channels, granted, ConsentSource.STOREFRONT, explanation);
    }

    private ValidationException refused(ConsentChange c) {
        try {
            book.validate(c);
            fail("accepted " + c);
            return null;
        } catch (ValidationException e) {
            return e;
        }
    }
}
