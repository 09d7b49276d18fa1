/**
 * Inventory contracts: stock per SKU and location, admin adjustments, checkout reservations and the inventory
 * event topics.
 */
@Export
@Version("1.0.0")
package dev.emporium.inventory.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
