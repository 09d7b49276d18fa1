package dev.emporium.catalog.api;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What an editor records of a critic's rating: a score on the critic's own scale, such as 94 of 100 or 17 of 20. */
public record ExpertRatingInput(String critic, BigDecimal score, BigDecimal scale, LocalDate date, String note) {
}
