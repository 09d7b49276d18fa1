package dev.emporium.customers.internal.store;

import dev.emporium.customers.api.Address;
import dev.emporium.customers.api.Messaging;
import dev.emporium.customers.api.ProfileInput;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.ValidationException;
import org.junit.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

public class ProfileRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    static ProfileInput ann() {
        return new ProfileInput("Ann.Martin@Example.com", "Ann", "Martin", "Lyon", LocalDate.of(1990, 5, 17), "fr",
                "+33 6 12 34 56 78", new Messaging("WhatsApp", "+33612345678"),
                List.of(new Address("home", "Ann Martin", "3 rue des Vignes", null, "69001", "Lyon", null, "fr")));
    }

    @Test
    public void aGoodProfileIsNormalized() {
        ProfileInput p = ProfileRules.validate(ann(), TODAY);
        assertEquals("Ann.Martin@Example.com", p.email());
        assertEquals("+33612345678", p.phone());
        assertEquals("whatsapp", p.messaging().network());
        assertEquals("FR", p.addresses().get(0).country());
        assertEquals("fr", p.language());
        assertEquals("ann.martin@example.com", ProfileRules.emailKey(" Ann.Martin@EXAMPLE.com "));
    }

    @Test
    public void onlyEmailAndGivenNameAreRequiredAndBlanksBecomeNull() {
        ProfileInput p = ProfileRules.validate(new ProfileInput("a@b.co", "Al", " ", null, null, "", null, null, null), TODAY);
        assertNull(p.familyName());
        assertNull(p.language());
        assertEquals(List.of(), p.addresses());
    }

    @Test
    public void everyInvalidFieldIsNamed() {
        ProfileInput bad = new ProfileInput("ann@", " ", "x".repeat(101), null, TODAY.plusDays(1), "not a language",
                "06 12", new Messaging("What App!", " "),
                Arrays.asList(new Address(null, null, " ", null, null, "Lyon", null, "XX"), null));
        assertEquals(List.of("email", "givenName", "familyName", "birthday", "language", "phone", "messaging.network",
                "messaging.handle", "addresses[0].country", "addresses[0].line1", "addresses[1]"), fields(bad));
    }

    @Test
    public void birthdaysAreInThePastAndAfter1900() {
        assertEquals(List.of("birthday"), fields(with(TODAY.plusDays(1))));
        assertEquals("must not be in the future", errors(with(TODAY.plusDays(1))).get(0).message());
        assertEquals(List.of("birthday"), fields(with(LocalDate.of(1899, 12, 31))));
        ProfileRules.validate(with(TODAY), TODAY);
    }

    @Test
    public void emailsNeedOneAtAndADottedDomain() {
        for (String email : new String[] {"ann", "ann@example", "ann @example.com", "@example.com", "ann@@example.com",
                "ann@example..com", "a".repeat(65) + "@example.com"}) {
            assertEquals(email, List.of("email"), fields(withEmail(email)));
        }
        for (String email : new String[] {"ann@example.com", "ann+wine@mail.example.co.uk", "ÉLodie@exemple.fr"}) {
            ProfileRules.validate(withEmail(email), TODAY);
        }
    }

    @Test
    public void passwordsHaveAMinimumAndAMaximumLength() {
        ProfileRules.password("password", "0123456789");
        for (String pw : new String[] {null, "", "short", "x".repeat(201)}) {
            try {
                ProfileRules.password("password", pw);
                fail("accepted " + pw);
            } catch (ValidationException e) {
                assertEquals("password", e.errors().get(0).field());
            }
        }
    }

    @Test
    public void atMostTenAddresses() {
        ProfileInput a = ann();
        List<Address> many = java.util.Collections.nCopies(11, a.addresses().get(0));
        assertEquals(List.of("addresses"), fields(new ProfileInput(a.email(), a.givenName(), null, null, null, null, null, null, many)));
    }

    private static ProfileInput with(LocalDate birthday) {
        ProfileInput a = ann();
        return new ProfileInput(a.email(), a.givenName(), a.familyName(), a.placeOfOrigin(), birthday, a.language(), a.phone(),
                a.messaging(), a.addresses());
    }

    private static ProfileInput withEmail(String email) {
        ProfileInput a = ann();
        return new ProfileInput(email, a.givenName(), null, null, null, null, null, null, null);
    }

    private static List<FieldError> errors(ProfileInput p) {
        try {
            ProfileRules.validate(p, TODAY);
        } catch (ValidationException e) {
            assertTrue(e.status() == 400);
            return e.errors();
        }
        throw new AssertionError("accepted " + p);
    }

    private static List<String> fields(ProfileInput p) {
        return errors(p).stream().map(FieldError::field).toList();
    }
}
