/**
 * The catalog's contracts: product types with typed attributes, products described completely, search, ratings and
 * evidence, relations and suggestions.
 */
@Export
@Version("1.2.0")
package dev.emporium.catalog.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
