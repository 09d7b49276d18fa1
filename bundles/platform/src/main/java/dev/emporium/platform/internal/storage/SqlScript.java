package dev.emporium.platform.internal.storage;

import java.util.ArrayList;
import java.util.List;

/** Splits a migration script into the statements a JDBC driver accepts one at a time. */
public final class SqlScript {

    private SqlScript() {
    }

    /**
     * Splits {@code script} on semicolons that are outside quotes, comments and PostgreSQL dollar quotes.
     *
     * @return the statements, trimmed, without the separating semicolons; empty and comment-only ones dropped
     */
    public static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        // A piece made only of comments would be an empty statement, which PostgreSQL accepts and H2 rejects.
        boolean hasCode = false;
        int n = script.length();
        int i = 0;
        while (i < n) {
            char c = script.charAt(i);
            int end;
            if (c == ';') {
                addIfCode(statements, current, hasCode);
                current.setLength(0);
                hasCode = false;
                i++;
                continue;
            } else if (c == '-' && next(script, i) == '-') {
                end = lineEnd(script, i);
            } else if (c == '/' && next(script, i) == '*') {
                end = blockCommentEnd(script, i);
            } else if (c == '\'') {
                end = quotedEnd(script, i, '\'', isEscapeStringPrefix(script, i));
                hasCode = true;
            } else if (c == '"') {
                end = quotedEnd(script, i, '"', false);
                hasCode = true;
            } else if (c == '$' && dollarTag(script, i) != null) {
                String tag = dollarTag(script, i);
                int close = script.indexOf(tag, i + tag.length());
                end = close < 0 ? n : close + tag.length();
                hasCode = true;
            } else {
                end = i + 1;
                hasCode |= !Character.isWhitespace(c);
            }
            current.append(script, i, end);
            i = end;
        }
        addIfCode(statements, current, hasCode);
        return statements;
    }

    private static void addIfCode(List<String> statements, StringBuilder current, boolean hasCode) {
        if (hasCode) {
            statements.add(current.toString().trim());
        }
    }

    private static char next(String s, int i) {
        return i + 1 < s.length() ? s.charAt(i + 1) : '\0';
    }

    private static int lineEnd(String s, int start) {
        int eol = s.indexOf('\n', start);
        return eol < 0 ? s.length() : eol + 1;
    }

    /** Block comments nest, as the SQL standard and PostgreSQL say. */
    private static int blockCommentEnd(String s, int start) {
        int depth = 0;
        int i = start;
        while (i < s.length()) {
            if (s.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (s.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return s.length();
    }

    /** A doubled quote character stands for itself; in PostgreSQL's E'...' strings a backslash escapes too. */
    private static int quotedEnd(String s, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (next(s, i) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return s.length();
    }

    private static boolean isEscapeStringPrefix(String s, int quote) {
        if (quote == 0) {
            return false;
        }
        char e = s.charAt(quote - 1);
        return (e == 'E' || e == 'e') && (quote == 1 || !isIdentifierPart(s.charAt(quote - 2)));
    }

    /** The opening {@code $tag$} at {@code i}, or null when that dollar sign is part of a name or a {@code $1}. */
    private static String dollarTag(String s, int i) {
        if (i > 0 && isIdentifierPart(s.charAt(i - 1))) {
            return null;
        }
        int j = i + 1;
        if (j < s.length() && s.charAt(j) != '$') {
            if (!Character.isLetter(s.charAt(j)) && s.charAt(j) != '_') {
                return null;
            }
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
        }
        return j < s.length() && s.charAt(j) == '$' ? s.substring(i, j + 1) : null;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
