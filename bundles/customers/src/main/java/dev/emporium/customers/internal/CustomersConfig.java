package dev.emporium.customers.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the customers department (PID {@code dev.emporium.customers}); changes take effect without a restart. */
@ObjectClassDefinition(name = "Emporium customers", description = "Passwords, sessions, password resets and consent purposes")
public @interface CustomersConfig {

    String PID = "dev.emporium.customers";

    @AttributeDefinition(name = "Password hash iterations", min = "1",
            description = "PBKDF2-HMAC-SHA256 iterations for new password hashes; older hashes are upgraded at the next sign-in")
    int passwordIterations() default 210_000;

    @AttributeDefinition(name = "Session seconds", min = "1", description = "How long a sign-in token stays valid")
    long sessionSeconds() default 604_800;

    @AttributeDefinition(name = "Password reset minutes", min = "1", description = "How long a password reset token stays valid")
    long resetTokenMinutes() default 30;

    @AttributeDefinition(name = "Consent purposes",
            description = "Comma-separated purposes customers may consent to (lower case letters, digits and '_')")
    String purposes() default "newsletter,promotions,profiling,social_lookup";

    @AttributeDefinition(name = "Sign-in window seconds", min = "1",
            description = "Failed sign-ins are counted over this many seconds")
    long signInWindowSeconds() default 900;

    @AttributeDefinition(name = "Failures per account", min = "1",
            description = "Failed sign-ins for one email within the window before it gets 423 until the window passes")
    int signInMaxFailuresPerAccount() default 5;

    @AttributeDefinition(name = "Failures per address", min = "1",
            description = "Failed sign-ins from one source address within the window before it gets 429")
    int signInMaxFailuresPerAddress() default 20;
}
