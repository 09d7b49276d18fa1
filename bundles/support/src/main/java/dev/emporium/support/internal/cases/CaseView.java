package dev.emporium.support.internal.cases;

import java.time.Instant;
import java.util.List;

/** A case with its timers, entries and the messages sent to the buyer. */
public record CaseView(ServiceCase serviceCase, Timers timers, List<CaseEntry> entries, List<SentNotification> notifications) {

    /**
     * The first-response timer runs from the buyer's oldest unanswered entry, the resolution timer from the buyer's
     * first complaint or question since the case was last resolved; each is overdue past its configured target.
     */
    public record Timers(long firstResponseTargetMinutes, Instant firstResponseDue, boolean firstResponseOverdue,
                         long resolutionTargetHours, Instant resolutionDue, boolean resolutionOverdue) {
    }
}
