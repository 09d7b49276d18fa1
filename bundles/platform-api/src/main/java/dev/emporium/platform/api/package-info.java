/**
 * Kernel contracts every department builds on: HTTP routes, problems, money, paging, the outbox and schema migrations.
 */
@Export
@Version("1.3.0")
package dev.emporium.platform.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
