/**
 * Customers contracts: customer profiles, the consent ledger other departments ask before marketing, and the
 * customers event topics.
 */
@Export
@Version("1.2.0")
package dev.emporium.customers.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
