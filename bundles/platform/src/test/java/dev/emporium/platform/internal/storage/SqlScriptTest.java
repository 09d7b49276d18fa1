package dev.emporium.platform.internal.storage;

import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;

public class SqlScriptTest {

    @Test
    public void splitsOnSemicolonsAndTrims() {
        assertEquals(List.of("CREATE TABLE a (x INT)", "INSERT INTO a VALUES (1)"),
                SqlScript.split("  CREATE TABLE a (x INT);\n\n INSERT INTO a VALUES (1) ;\n"));
    }

    @Test
    public void keepsALastStatementWithoutSemicolon() {
        assertEquals(List.of("SELECT 1", "SELECT 2"), SqlScript.split("SELECT 1;\nSELECT 2"));
    }

    @Test
    public void dropsEmptyAndCommentOnlyStatements() {
        assertEquals(List.of("SELECT 1"),
                SqlScript.split(";;\n-- just a note; really\n;\n/* block; */ ;SELECT 1;\n-- trailing; comment\n"));
        assertEquals(List.of(), SqlScript.split("  \n-- nothing here\n/* nor; here */\n"));
        assertEquals(List.of(), SqlScript.split(""));
    }

    @Test
    public void ignoresSemicolonsInSingleQuotedStrings() {
        assertEquals(List.of("INSERT INTO a VALUES ('x;y', 'it''s; fine')", "SELECT 2"),
                SqlScript.split("INSERT INTO a VALUES ('x;y', 'it''s; fine'); SELECT 2"));
    }

    @Test
    public void ignoresSemicolonsInDoubleQuotedIdentifiers() {
        assertEquals(List.of("CREATE TABLE \"odd;name\"\"x\" (x INT)", "SELECT 2"),
                SqlScript.split("CREATE TABLE \"odd;name\"\"x\" (x INT); SELECT 2"));
    }

    @Test
    public void ignoresSemicolonsInComments() {
        assertEquals(List.of("SELECT 1 -- one; two\n+ 1", "SELECT /* a; b */ 2"),
                SqlScript.split("SELECT 1 -- one; two\n+ 1; SELECT /* a; b */ 2;"));
    }

    @Test
    public void blockCommentsNest() {
        assertEquals(List.of("SELECT /* a /* b; */ c; */ 1", "SELECT 2"),
                SqlScript.split("SELECT /* a /* b; */ c; */ 1; SELECT 2"));
    }

    @Test
    public void quotesInsideCommentsDoNotOpenStrings() {
        assertEquals(List.of("SELECT 1 -- it's", "SELECT 2 /* \" */", "SELECT 3"),
                SqlScript.split("SELECT 1 -- it's\n; SELECT 2 /* \" */; SELECT 3"));
    }

    @Test
    public void commentMarkersInsideStringsAreText() {
        assertEquals(List.of("SELECT '-- not a comment; really'", "SELECT '/* nor; this'"),
                SqlScript.split("SELECT '-- not a comment; really'; SELECT '/* nor; this';"));
    }

    @Test
    public void ignoresSemicolonsInDollarQuotes() {
        String function = """
                CREATE FUNCTION f() RETURNS INT AS $$
                BEGIN
                  PERFORM 1; RETURN 2;
                END;
                $$ LANGUAGE plpgsql""";
        assertEquals(List.of(function, "SELECT f()"), SqlScript.split(function + ";\nSELECT f();"));
    }

    @Test
    public void dollarQuotesWithTagsEndOnlyAtTheSameTag() {
        String body = "DO $body$ BEGIN EXECUTE $q$SELECT ';'; $x$ $q$; END $body$";
        assertEquals(List.of(body, "SELECT 1"), SqlScript.split(body + "; SELECT 1"));
    }

    @Test
    public void dollarSignsInNamesAndParametersAreNotQuotes() {
        assertEquals(List.of("SELECT a$b$c FROM t", "PREPARE p AS SELECT $1", "SELECT 3"),
                SqlScript.split("SELECT a$b$c FROM t; PREPARE p AS SELECT $1; SELECT 3"));
    }

    @Test
    public void backslashEscapesOnlyInEscapeStrings() {
        assertEquals(List.of("SELECT E'a\\';b'", "SELECT 'c\\'", "SELECT 1"),
                SqlScript.split("SELECT E'a\\';b'; SELECT 'c\\'; SELECT 1"));
    }

    @Test
    public void anUnterminatedStringRunsToTheEnd() {
        assertEquals(List.of("SELECT 'open; still open"), SqlScript.split("SELECT 'open; still open"));
    }
}
