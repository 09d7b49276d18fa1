/**
 * Inventory contracts: stock per SKU and location, admin adjustments, checkout reservations and the inventory
 * event topics (price proposals from 1.1).
 */
@Export
@Version("1.1.0")
package dev.emporium.inventory.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
