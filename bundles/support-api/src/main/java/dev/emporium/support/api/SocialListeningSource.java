package dev.emporium.support.api;

import java.time.Instant;
import java.util.List;

/**
 * Where mentions of the store come from (a social network's search API, a review site...). Support asks every
 * registered source for what it heard since the last time, and files each mention once per {@code source} and
 * {@code externalId}.
 */
public interface SocialListeningSource {

    /** The source's name, stored with each mention it brings. */
    String name();

    /**
     * @param since the newest {@code publishedAt} support has from this source, or null the first time
     * @return mentions published after {@code since}, at most a few hundred per call
     */
    List<MentionReport> heardSince(Instant since);
}
