package dev.emporium.platform.internal;

import java.util.Map;

/** What the migrations runner knows of each department's schema on this node, for health. */
public interface SchemaStates {

    /** A department's schema: its version, and the error of its last failed migration (null when none). */
    record SchemaState(int version, String error) {
    }

    Map<String, SchemaState> schemaStates();
}
