package dev.emporium.security.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the security department (PID {@code dev.emporium.security}); changes take effect without a restart. */
@ObjectClassDefinition(name = "Emporium security", description = "Admin accounts, password policy, sign-in, lockout, allowed addresses")
public @interface SecurityConfig {

    String PID = "dev.emporium.security";

    @AttributeDefinition(name = "Initial admin password", type = AttributeType.PASSWORD, required = false,
            description = "The one-time password of the first admin, created when no admin exists; empty: one is generated and written to the log")
    String initialAdminPassword() default "";

    @AttributeDefinition(name = "Allowed admin addresses",
            description = "Comma-separated addresses and CIDR ranges (IPv4 and IPv6) from which admins may sign in and use their tokens")
    String allowedAdminAddresses() default "127.0.0.1/32,::1/128";

    @AttributeDefinition(name = "Minimum password length", min = "8")
    int passwordMinLength() default 12;

    @AttributeDefinition(name = "Password history", min = "0", description = "A new password may not be one of the account's last N")
    int passwordHistory() default 5;

    @AttributeDefinition(name = "Maximum password age (days)", min = "0", description = "A password older than this must be changed at sign-in; 0 turns rotation off")
    int passwordMaxAgeDays() default 90;

    @AttributeDefinition(name = "Password expiry warning (days)", min = "0", description = "The sign-in answer warns this many days before the password expires")
    int passwordExpiryWarningDays() default 14;

    @AttributeDefinition(name = "PBKDF2 iterations", min = "100000", description = "Work factor of new password hashes (PBKDF2WithHmacSHA256)")
    int passwordHashIterations() default 210_000;

    @AttributeDefinition(name = "Session seconds", min = "1", description = "How long an admin token stays valid after sign-in")
    int sessionSeconds() default 28_800;

    @AttributeDefinition(name = "Lockout threshold", min = "1", description = "Failed sign-ins in a row that lock an account")
    int lockoutThreshold() default 5;

    @AttributeDefinition(name = "Lockout seconds", min = "1", description = "How long a locked account stays locked")
    int lockoutSeconds() default 900;

    @AttributeDefinition(name = "Failures per address", min = "1", description = "Failed sign-ins from one address within the window before it is throttled (429)")
    int addressFailureLimit() default 20;

    @AttributeDefinition(name = "Address window seconds", min = "1", description = "The window of the per-address throttle")
    int addressFailureWindowSeconds() default 600;

    @AttributeDefinition(name = "Backup directory", required = false,
            description = "Where backups are written and looked for; empty: ${karaf.data}/emporium/backups")
    String backupDirectory() default "";

    @AttributeDefinition(name = "Backup interval (minutes)", min = "0", description = "How often a backup of every department is taken; 0 turns scheduled backups off")
    int backupIntervalMinutes() default 1440;

    @AttributeDefinition(name = "Backups kept", min = "1", description = "How many archives the directory keeps; older ones are deleted after each backup")
    int backupRetention() default 14;

    @AttributeDefinition(name = "Console realm", description = "Karaf's console, ssh, JMX and web console sign in with Emporium admin accounts (a JAAS realm 'karaf' ranked above Karaf's); false gives them back to etc/users.properties")
    boolean consoleRealm() default true;
}
