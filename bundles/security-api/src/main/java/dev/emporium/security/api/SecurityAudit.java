package dev.emporium.security.api;

import dev.emporium.platform.api.Page;
import dev.emporium.platform.api.PageRequest;

/** The append-only security audit trail, newest first. */
public interface SecurityAudit {

    Page<AuditEntry> page(PageRequest request);
}
