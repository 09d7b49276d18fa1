package dev.emporium.catalog.internal.transfer;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV (RFC 4180: comma separated, fields quoted with '"', a quote inside a quoted field doubled, line breaks
 * allowed inside quotes) one record at a time, remembering the line each record starts on. A record whose quoting is
 * broken comes back with its problem and the reader carries on at the next line, so that every bad line is reported;
 * a quote never closed swallows the rest of the file and ends it.
 */
final class CsvRecords {

    /** One record: the line it starts on, its cells, and what is wrong with its quoting (null when nothing). */
    record CsvRecord(int line, List<String> cells, String broken) {
    }

    private final Reader in;
    /** Characters are taken from the reader a buffer at a time: one call per character costs a decoder call each. */
    private final char[] buffer = new char[8192];
    private int at;
    private int filled;
    private int pushedBack = -2;
    private int line = 1;
    private boolean ended;

    CsvRecords(Reader in) {
        this.in = in;
    }

    /** The next record, or null at the end of the input. */
    CsvRecord next() throws IOException {
        if (ended) {
            return null;
        }
        int c = read();
        if (line == 1 && c == '\uFEFF') {
            c = read();
        }
        if (c == -1) {
            ended = true;
            return null;
        }
        int start = line;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        while (true) {
            if (c == '"' && cell.isEmpty()) {
                // a quoted field
                int opened = line;
                while (true) {
                    c = read();
                    if (c == -1) {
                        ended = true;
                        return new CsvRecord(start, cells, "the quoted field opened on line " + opened + " is never closed");
                    }
                    if (c == '"') {
                        int after = read();
                        if (after == '"') {
                            cell.append('"');
                            continue;
                        }
                        c = after;
                        break;
                    }
                    // line breaks inside a field are kept as written, so that a value read back is the value exported
                    if (c == '\n') {
                        line++;
                    } else if (c == '\r') {
                        cell.append('\r');
                        int after = read();
                        if (after == '\n') {
                            cell.append('\n');
                        } else {
                            unread(after);
                        }
                        line++;
                        continue;
                    }
                    cell.append((char) c);
                    copyRun(cell, true);
                }
                if (c != ',' && c != '\n' && c != '\r' && c != -1) {
                    skipLine(c);
                    return new CsvRecord(start, cells, "text after the closing quote of field " + (cells.size() + 1)
                            + " (a quote inside a quoted field is written twice: \"\")");
                }
            } else {
                while (c != ',' && c != '\n' && c != '\r' && c != -1) {
                    if (c == '"') {
                        skipLine(c);
                        return new CsvRecord(start, cells, "a quote inside unquoted field " + (cells.size() + 1)
                                + " (quote the whole field and write the quote twice: \"\")");
                    }
                    cell.append((char) c);
                    copyRun(cell, false);
                    c = read();
                }
            }
            cells.add(cell.toString());
            cell.setLength(0);
            if (c == ',') {
                c = read();
                continue;
            }
            endOfLine(c);
            return new CsvRecord(start, cells, null);
        }
    }

    /**
     * Appends the plain characters that follow in the buffer at once (those {@link #next} would append one by one):
     * up to a quote or a line break, and in an unquoted field up to a comma too.
     */
    private void copyRun(StringBuilder cell, boolean quoted) {
        if (pushedBack != -2) {
            return;
        }
        int from = at;
        while (at < filled) {
            char ch = buffer[at];
            if (ch == '"' || ch == '\n' || ch == '\r' || (ch == ',' && !quoted)) {
                break;
            }
            at++;
        }
        if (at > from) {
            cell.append(buffer, from, at - from);
        }
    }

    private void endOfLine(int c) throws IOException {
        if (c == -1) {
            ended = true;
            return;
        }
        if (c == '\r') {
            int after = read();
            if (after != '\n') {
                unread(after);
            }
        }
        line++;
    }

    private void skipLine(int c) throws IOException {
        while (c != '\n' && c != '\r' && c != -1) {
            c = read();
        }
        endOfLine(c);
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        if (at == filled) {
            filled = in.read(buffer, 0, buffer.length);
            at = 0;
            if (filled <= 0) {
                filled = 0;
                return -1;
            }
        }
        return buffer[at++];
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
