package dev.emporium.catalog.internal.search;

import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * The opaque {@code nextCursor}: the sort values of the last hit of a page (its SKU last), so the next page starts
 * right after it ("search after"). Unlike an offset, a product added or removed between two pages neither repeats
 * nor skips a hit of a field order. Format: URL-safe base64 of a version byte, the order, then each sort value.
 */
final class SearchCursor {

    private static final byte VERSION = 1;
    private static final int MAX_LENGTH = 2048;
    private static final int MAX_TERM = 32766;

    private SearchCursor() {
    }

    static String encode(SearchOrder order, FieldDoc last) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(order.ordinal());
            SortField[] fields = order.sort().getSort();
            for (int i = 0; i < fields.length; i++) {
                Object value = last.fields[i];
                switch (fields[i].getType()) {
                    case SCORE -> out.writeFloat((Float) value);
                    case LONG -> out.writeLong((Long) value);
                    case DOUBLE -> out.writeDouble((Double) value);
                    case STRING -> {
                        BytesRef term = (BytesRef) value;
                        out.writeBoolean(term != null);
                        if (term != null) {
                            out.writeShort(term.length);
                            out.write(term.bytes, term.offset, term.length);
                        }
                    }
                    default -> throw new IllegalStateException("no cursor form for " + fields[i]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from memory
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    /**
     * The place to continue after.
     *
     * @throws IllegalArgumentException if the text is not a cursor of this version, or was made for another order
     */
    static FieldDoc decode(String cursor, SearchOrder order) {
        if (cursor.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("too long");
        }
        byte[] bytes = Base64.getUrlDecoder().decode(cursor);
        SortField[] fields = order.sort().getSort();
        Object[] values = new Object[fields.length];
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readByte() != VERSION || in.readByte() != order.ordinal()) {
                throw new IllegalArgumentException("made for another version or order");
            }
            for (int i = 0; i < fields.length; i++) {
                values[i] = switch (fields[i].getType()) {
                    case SCORE -> in.readFloat();
                    case LONG -> in.readLong();
                    case DOUBLE -> in.readDouble();
                    case STRING -> {
                        if (!in.readBoolean()) {
                            yield null;
                        }
                        int length = in.readUnsignedShort();
                        if (length > MAX_TERM) {
                            throw new IllegalArgumentException("term too long");
                        }
                        byte[] term = new byte[length];
                        in.readFully(term);
                        yield new BytesRef(term);
                    }
                    default -> throw new IllegalStateException("no cursor form for " + fields[i]);
                };
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("trailing bytes");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated", e);
        }
        // every hit with exactly these values (the same SKU) was on the previous page: a doc id above all skips it
        return new FieldDoc(Integer.MAX_VALUE, Float.NaN, values);
    }
}
