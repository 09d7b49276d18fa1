package dev.emporium.catalog.internal.transfer;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** Writing CSV records, and the lists packed into one cell (items joined by a separator, '\' escaping it). */
final class CsvCells {

    private CsvCells() {
    }

    /** Writes one record, quoting the cells that need it, ended by CRLF as RFC 4180 says. */
    static void writeRecord(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String cell = cells.get(i) == null ? "" : cells.get(i);
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
                out.write('"');
                out.write(cell.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(cell);
            }
        }
        out.write("\r\n");
    }

    /** Joins items with {@code separator}, escaping the separator and '\' inside items with '\'. */
    static String join(List<String> items, String separator) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.append(separator);
            }
            b.append(items.get(i).replace("\\", "\\\\").replace(separator, "\\" + separator));
        }
        return b.toString();
    }

    /** Splits a cell written by {@link #join}; an empty cell is an empty list. */
    static List<String> split(String cell, String separator) {
        List<String> items = new ArrayList<>();
        if (cell.isEmpty()) {
            return items;
        }
        StringBuilder item = new StringBuilder();
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == '\\' && i + 1 < cell.length()) {
                char n = cell.charAt(i + 1);
                if (n == '\\' || cell.startsWith(separator, i + 1)) {
                    item.append(n == '\\' ? "\\" : separator);
                    i += n == '\\' ? 1 : separator.length();
                    continue;
                }
            }
            if (cell.startsWith(separator, i)) {
                items.add(item.toString().strip());
                item.setLength(0);
                i += separator.length() - 1;
                continue;
            }
            item.append(c);
        }
        items.add(item.toString().strip());
        return items;
    }
}
