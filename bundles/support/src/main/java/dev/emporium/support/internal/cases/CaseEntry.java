package dev.emporium.support.internal.cases;

import java.time.Instant;

/**
 * One entry of a case: {@code kind} STATUS, COMPLAINT, QUESTION, REPLY (an agent's answer, sent to the buyer) or NOTE
 * (agents only); {@code by} BUYER, AGENT or SYSTEM.
 */
public record CaseEntry(long id, String kind, String by, String author, String body, Instant at) {
}
