package dev.emporium.catalog.api;

/** The kinds of value a product attribute holds, and the JSON each takes. */
public enum AttributeType {
    /** A string. */
    TEXT,
    /** An object of language tag to string, such as {@code {"en": "Dry", "fr": "Sec"}}. */
    LOCALIZED_TEXT,
    /** A decimal number, with the definition's unit (litres, % vol). */
    NUMBER,
    /** A whole number. */
    INTEGER,
    /** true or false. */
    BOOLEAN,
    /** One of the definition's values. */
    ENUMERATION,
    /** An array of strings, restricted to the definition's values when it lists any. */
    LIST,
    /** An ISO-8601 date, {@code 2024-05-01}. */
    DATE
}
