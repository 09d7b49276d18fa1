package dev.emporium.platform.internal.storage;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * How far a subscription got: every event with an id up to {@link #passed()} was handled, except the ids of its gaps.
 * Identity ids are taken at insert, not at commit: a transaction holding a lower id may commit after a higher id was
 * handled. So an id skipped on the way up is kept as a gap, looked for again on every round, and delivered when its
 * transaction commits; a gap is given up once it is older than the longest transaction may be (a rolled-back
 * transaction leaves its ids unused forever). At most {@link #MAX_GAPS} ranges are kept, the oldest dropped first.
 */
public final class SubscriptionCursor {

    /** A range of ids not seen yet, noticed at {@code since} (epoch millis). */
    public record Gap(long lo, long hi, long since) {
    }

    static final int MAX_GAPS = 64;

    private long passed;
    private final List<Gap> gaps;
    private int dropped;

    public SubscriptionCursor(long passed, List<Gap> gaps) {
        this.passed = passed;
        this.gaps = new ArrayList<>(gaps);
    }

    public long passed() {
        return passed;
    }

    public List<Gap> gaps() {
        return List.copyOf(gaps);
    }

    /** Gaps dropped because there were too many (their late events, if any, are never delivered). */
    public int dropped() {
        return dropped;
    }

    /** Gives up the gaps noticed before {@code oldest} (epoch millis): their transactions are taken as rolled back. */
    public void expire(long oldest) {
        gaps.removeIf(g -> g.since() < oldest);
    }

    /** Records that the event {@code id} was handled (or is of no interest); {@code now} dates a new gap. */
    public void pass(long id, long now) {
        if (id <= passed) {
            for (int i = 0; i < gaps.size(); i++) {
                Gap g = gaps.get(i);
                if (g.lo() <= id && id <= g.hi()) {
                    gaps.remove(i);
                    if (id < g.hi()) {
                        gaps.add(i, new Gap(id + 1, g.hi(), g.since()));
                    }
                    if (g.lo() < id) {
                        gaps.add(i, new Gap(g.lo(), id - 1, g.since()));
                    }
                    return;
                }
            }
            return;
        }
        if (id > passed + 1) {
            gaps.add(new Gap(passed + 1, id - 1, now));
            while (gaps.size() > MAX_GAPS) {
                removeOldest();
            }
        }
        passed = id;
    }

    private void removeOldest() {
        Iterator<Gap> it = gaps.iterator();
        Gap oldest = null;
        for (Gap g : gaps) {
            if (oldest == null || g.since() < oldest.since()) {
                oldest = g;
            }
        }
        while (it.hasNext()) {
            if (it.next() == oldest) {
                it.remove();
                dropped++;
                return;
            }
        }
    }

    /** The lowest id this subscription may still need: events below it can be pruned. */
    public long lowestNeeded() {
        long low = passed + 1;
        for (Gap g : gaps) {
            low = Math.min(low, g.lo());
        }
        return low;
    }

    /** The gaps as stored in {@code platform_outbox_subscription.gaps}: {@code lo-hi@since,...}, or null for none. */
    public String gapsText() {
        if (gaps.isEmpty()) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        for (Gap g : gaps) {
            if (s.length() > 0) {
                s.append(',');
            }
            s.append(g.lo()).append('-').append(g.hi()).append('@').append(g.since());
        }
        return s.toString();
    }

    /** Reads {@link #gapsText()} back; an unreadable part is dropped rather than stopping delivery. */
    public static List<Gap> parseGaps(String text) {
        List<Gap> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            int dash = part.indexOf('-');
            int at = part.indexOf('@');
            if (dash < 1 || at < dash) {
                continue;
            }
            try {
                out.add(new Gap(Long.parseLong(part.substring(0, dash).strip()), Long.parseLong(part.substring(dash + 1, at).strip()),
                        Long.parseLong(part.substring(at + 1).strip())));
            } catch (NumberFormatException e) {
                // dropped: a gap only ever delays nothing
            }
        }
        return out;
    }
}
