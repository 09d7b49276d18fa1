package dev.emporium.customers.internal.store;

import dev.emporium.customers.api.Address;
import dev.emporium.customers.api.Messaging;
import dev.emporium.customers.api.ProfileInput;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.ValidationException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules a profile and a password follow; a refusal names every invalid field at once. */
public final class ProfileRules {

    static final int MAX_EMAIL = 254;
    static final int MAX_NAME = 100;
    static final int MAX_ADDRESSES = 10;
    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 200;
    static final LocalDate OLDEST_BIRTHDAY = LocalDate.of(1900, 1, 1);

    /** Deliberately loose (RFC 5322 allows much more): one @, no spaces, a dot in the domain. */
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]{1,64}@[^\\s@.]+(\\.[^\\s@.]+)+");
    /** E.164: a plus, a country code, at most 15 digits. */
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s.()-]");
    private static final Pattern NETWORK = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
    static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private ProfileRules() {
    }

    /** The key duplicates are found by: emails are compared case-insensitively. */
    public static String emailKey(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Validates a profile against {@code today} and returns it normalized (trimmed, blanks as null, phone digits only,
     * language tag canonical, country upper case).
     *
     * @throws ValidationException naming every invalid field
     */
    public static ProfileInput validate(ProfileInput p, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        String email = trim(p.email());
        if (email == null) {
            errors.add(new FieldError("email", "is required"));
        } else if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            errors.add(new FieldError("email", "must be an email address such as ann@example.com"));
        }
        String givenName = text(errors, "givenName", p.givenName(), MAX_NAME, true);
        String familyName = text(errors, "familyName", p.familyName(), MAX_NAME, false);
        String origin = text(errors, "placeOfOrigin", p.placeOfOrigin(), MAX_NAME, false);
        LocalDate birthday = p.birthday();
        if (birthday != null && birthday.isAfter(today)) {
            errors.add(new FieldError("birthday", "must not be in the future"));
        } else if (birthday != null && birthday.isBefore(OLDEST_BIRTHDAY)) {
            errors.add(new FieldError("birthday", "must be after " + OLDEST_BIRTHDAY));
        }
        String language = language(errors, trim(p.language()));
        String phone = trim(p.phone());
        if (phone != null) {
            phone = PHONE_SEPARATORS.matcher(phone).replaceAll("");
            if (!PHONE.matcher(phone).matches()) {
                errors.add(new FieldError("phone", "must be an international number such as +33 6 12 34 56 78"));
            }
        }
        Messaging messaging = messaging(errors, p.messaging());
        List<Address> addresses = addresses(errors, p.addresses());
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new ProfileInput(email, givenName, familyName, origin, birthday, language, phone, messaging, addresses);
    }

    /** @throws ValidationException naming {@code field} when the password is too short or too long */
    public static void password(String field, String password) {
        if (password == null || password.isEmpty()) {
            throw new ValidationException(field, "is required");
        }
        if (password.length() < MIN_PASSWORD) {
            throw new ValidationException(field, "must be at least " + MIN_PASSWORD + " characters");
        }
        if (password.length() > MAX_PASSWORD) {
            throw new ValidationException(field, "must be at most " + MAX_PASSWORD + " characters");
        }
    }

    private static String language(List<FieldError> errors, String tag) {
        if (tag == null) {
            return null;
        }
        if (LANGUAGE.matcher(tag).matches()) {
            try {
                return new Locale.Builder().setLanguageTag(tag).build().toLanguageTag();
            } catch (IllformedLocaleException e) {
                // reported below
            }
        }
        errors.add(new FieldError("language", "must be a language tag such as fr or pt-BR"));
        return null;
    }

    private static Messaging messaging(List<FieldError> errors, Messaging m) {
        if (m == null) {
            return null;
        }
        String network = trim(m.network());
        if (network == null) {
            errors.add(new FieldError("messaging.network", "is required"));
        } else {
            network = network.toLowerCase(Locale.ROOT);
            if (!NETWORK.matcher(network).matches()) {
                errors.add(new FieldError("messaging.network", "must be a network name such as whatsapp or signal"));
            }
        }
        String handle = text(errors, "messaging.handle", m.handle(), MAX_NAME, true);
        return new Messaging(network, handle);
    }

    static List<Address> addresses(List<FieldError> errors, List<Address> addresses) {
        if (addresses.size() > MAX_ADDRESSES) {
            errors.add(new FieldError("addresses", "at most " + MAX_ADDRESSES + " addresses"));
            return List.of();
        }
        List<Address> normalized = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            String f = "addresses[" + i + "]";
            Address a = addresses.get(i);
            if (a == null) {
                errors.add(new FieldError(f, "is required"));
                continue;
            }
            String country = trim(a.country());
            if (country == null) {
                errors.add(new FieldError(f + ".country", "is required"));
            } else {
                country = country.toUpperCase(Locale.ROOT);
                if (!COUNTRIES.contains(country)) {
                    errors.add(new FieldError(f + ".country", "must be an ISO 3166 country code such as FR"));
                }
            }
            normalized.add(new Address(text(errors, f + ".label", a.label(), 40, false),
                    text(errors, f + ".recipient", a.recipient(), MAX_NAME, false),
                    text(errors, f + ".line1", a.line1(), 200, true),
                    text(errors, f + ".line2", a.line2(), 200, false),
                    text(errors, f + ".postalCode", a.postalCode(), 20, false),
                    text(errors, f + ".city", a.city(), MAX_NAME, true),
                    text(errors, f + ".region", a.region(), MAX_NAME, false),
                    country));
        }
        return normalized;
    }

    static String text(List<FieldError> errors, String field, String value, int max, boolean required) {
        String v = trim(value);
        if (v == null) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (v.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        } else if (v.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(field, "must not contain control characters"));
        }
        return v;
    }

    static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
