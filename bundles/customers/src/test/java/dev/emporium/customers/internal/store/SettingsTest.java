package dev.emporium.customers.internal.store;

import org.junit.Test;

import java.util.List;

import static org.junit.Assert.assertEquals;

public class SettingsTest {

    @Test
    public void purposesAreACommaSeparatedListOfNames() {
        assertEquals(List.of("newsletter", "promotions", "profiling", "social_lookup"),
                Settings.purposes(" newsletter, promotions ,profiling,,social_lookup,newsletter"));
        assertEquals("names only: nothing a ledger could not store", List.of("ok_1"), Settings.purposes("Bad Name, ok_1, 9x, a;b"));
        assertEquals(List.of(), Settings.purposes(null));
    }
}
