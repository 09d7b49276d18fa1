package dev.emporium.inventory.internal.stock;

import java.time.Instant;
import java.util.List;

/**
 * What one sync of a source did.
 *
 * @param status     {@code RUNNING}; {@code APPLIED} (every row good); {@code PARTIAL} (good rows applied, bad rows
 *                   reported: the source accepts partial feeds); {@code REJECTED} (bad rows and the source does not
 *                   accept partial feeds: nothing applied); {@code FAILED} (unreadable feed or bad configuration:
 *                   nothing applied)
 * @param trigger    {@code schedule}, {@code console}, {@code http} or {@code configuration}
 * @param rejections every bad row with its line and reason (empty in report lists)
 */
public record SyncReport(long id, String source, String status, String trigger, Instant startedAt, Instant finishedAt,
                         int rows, int added, int changed, int unchanged, int discontinued, int rejected, int priceProposals,
                         String message, List<Rejection> rejections) {

    /** One bad row of a feed. */
    public record Rejection(int line, String sku, String reason) {
    }

    public SyncReport {
        rejections = List.copyOf(rejections);
    }

    public boolean applied() {
        return status.equals("APPLIED") || status.equals("PARTIAL");
    }
}
