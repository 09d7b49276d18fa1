/**
 * Support contracts: the notification channel and social-listening source service interfaces that other bundles
 * implement to reach buyers and bring mentions in, and the support event topics.
 */
@Export
@Version("1.0.0")
package dev.emporium.support.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
