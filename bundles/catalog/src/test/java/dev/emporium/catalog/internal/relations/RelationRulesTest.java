package dev.emporium.catalog.internal.relations;

import dev.emporium.catalog.api.RelationInput;
import dev.emporium.catalog.api.RelationKind;
import dev.emporium.platform.api.FieldError;
import org.junit.Test;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

public class RelationRulesTest {

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    public void aRelationNeedsAKindAnotherSkuAndAShortReason() {
        assertTrue(RelationRules.check("A", new RelationInput(RelationKind.COMPLEMENTARY, "B", "Goes with lamb")).isEmpty());
        assertTrue(RelationRules.check("A", new RelationInput(RelationKind.SIMILAR, "B", null)).isEmpty());
        assertEquals(List.of("kind", "sku"), fields(RelationRules.check("A", new RelationInput(null, null, null))));
        assertEquals(List.of("sku"), fields(RelationRules.check("A", new RelationInput(RelationKind.UP_SELL, "A", null))));
        assertEquals(List.of("reason"), fields(RelationRules.check("A", new RelationInput(RelationKind.UP_SELL, "B", "r".repeat(501)))));
    }

    @Test
    public void aSuggestionRequestNamesOneToAHundredSkus() {
        assertTrue(RelationRules.checkSet(List.of("A"), null).isEmpty());
        assertEquals(List.of("skus"), fields(RelationRules.checkSet(List.of(), null)));
        assertEquals(List.of("skus"), fields(RelationRules.checkSet(null, null)));
        assertEquals(List.of("skus"), fields(RelationRules.checkSet(Collections.nCopies(101, "A"), null)));
        assertEquals(List.of("skus[1]", "limit"), fields(RelationRules.checkSet(Arrays.asList("A", " "), 0)));
        assertEquals(List.of("limit"), fields(RelationRules.checkSet(List.of("A"), 51)));
    }
}
