package dev.emporium.security.api;

/** A generated password shown once, to be changed at the account's first sign-in. */
public record OneTimePassword(String username, String oneTimePassword) {
}
