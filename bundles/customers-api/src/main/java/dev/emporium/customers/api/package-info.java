/**
 * Customers contracts: customer profiles, the consent ledger other departments ask before marketing, B2B company accounts and the
 * customers event topics.
 */
@Export
@Version("1.3.0")
package dev.emporium.customers.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
