/**
 * Orders contracts: carts, orders and their lifecycle, the payment provider service interface and the order event
 * topics.
 */
@Export
@Version("1.2.0")
package dev.emporium.orders.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
