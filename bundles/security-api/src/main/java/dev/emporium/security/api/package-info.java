/**
 * Security contracts: admin accounts and their roles, admin sign-in sessions and the security audit trail.
 */
@Export
@Version("1.0.0")
package dev.emporium.security.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
