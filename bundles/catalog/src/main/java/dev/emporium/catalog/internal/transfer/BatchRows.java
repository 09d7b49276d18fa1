package dev.emporium.catalog.internal.transfer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.emporium.catalog.api.ProductInput;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Reads a supplier batch row by row, streaming: CSV with a header row, or a JSON array of objects. JSON objects are
 * read in the product's own shape (as the admin API and the export write them) unless a mapping is given or their
 * keys are flat ({@code attr.colour}), in which case they are read like CSV rows. Problems of the file itself (its
 * header, its JSON syntax) come out as rows without a product.
 */
final class BatchRows {

    private final BatchFormat format;
    private final ImportMapping mapping;
    private final RowAssembler assembler;
    private final ObjectMapper mapper;

    BatchRows(BatchFormat format, ImportMapping mapping, RowAssembler assembler, ObjectMapper mapper) {
        this.format = format;
        this.mapping = mapping;
        this.assembler = assembler;
        this.mapper = mapper;
    }

    void read(Reader in, Consumer<SupplierRow> sink) throws IOException {
        if (format == BatchFormat.CSV) {
            readCsv(in, sink);
        } else {
            readJson(in, sink);
        }
    }

    private void readCsv(Reader in, Consumer<SupplierRow> sink) throws IOException {
        CsvRecords records = new CsvRecords(in);
        CsvRecords.CsvRecord header = records.next();
        if (header == null) {
            sink.accept(SupplierRow.unreadable(1, SupplierRow.FILE, "the file is empty; a header row names the columns"));
            return;
        }
        if (header.broken() != null) {
            sink.accept(SupplierRow.unreadable(header.line(), SupplierRow.HEADER, header.broken()));
            return;
        }
        List<String> columns = header.cells().stream().map(String::strip).toList();
        String[] targets = new String[columns.size()];
        List<String> problems = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            String target = mapping.target(columns.get(i));
            if (target != null && target.isEmpty()) {
                problems.add("column '" + columns.get(i) + "' is not a product field nor attr.<code>: map it or ignore it");
                target = null;
            }
            if (target != null && seen.put(target, columns.get(i)) != null) {
                problems.add("columns '" + seen.get(target) + "' and '" + columns.get(i) + "' both fill " + target);
            }
            targets[i] = target;
        }
        if (!problems.isEmpty()) {
            sink.accept(SupplierRow.unreadable(header.line(), SupplierRow.HEADER, String.join("; ", problems)));
            return;
        }
        for (CsvRecords.CsvRecord r = records.next(); r != null; r = records.next()) {
            if (r.broken() != null) {
                sink.accept(SupplierRow.unreadable(r.line(), "csv", r.broken()));
            } else if (r.cells().size() == 1 && r.cells().get(0).isBlank() && columns.size() > 1) {
                continue; // an empty line
            } else if (r.cells().size() != columns.size()) {
                sink.accept(SupplierRow.unreadable(r.line(), "csv", "has " + r.cells().size() + " fields, the header has " + columns.size()));
            } else {
                Map<String, Object> cells = new LinkedHashMap<>();
                for (int i = 0; i < targets.length; i++) {
                    if (targets[i] != null) {
                        cells.put(targets[i], r.cells().get(i));
                    }
                }
                sink.accept(assembler.assemble(r.line(), cells));
            }
        }
    }

    private void readJson(Reader in, Consumer<SupplierRow> sink) throws IOException {
        try (JsonParser p = mapper.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                sink.accept(SupplierRow.unreadable(1, SupplierRow.FILE, "a JSON batch is an array of objects, one per product"));
                return;
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                int line = p.currentTokenLocation().getLineNr();
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    sink.accept(SupplierRow.unreadable(line, "json", "each element must be an object describing one product"));
                    continue;
                }
                // one element of the array: the shared mapper's FAIL_ON_TRAILING_TOKENS would see the next as trailing
                sink.accept(row(line, mapper.readerFor(JsonNode.class)
                        .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(p)));
            }
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            sink.accept(SupplierRow.unreadable(at == null ? 1 : at.getLineNr(), SupplierRow.FILE, "malformed JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse("")));
        }
    }

    private SupplierRow row(int line, JsonNode node) {
        ObjectNode object = (ObjectNode) node;
        ImportMapping.READ_ONLY.forEach(object::remove);
        boolean flat = mapping != ImportMapping.DEFAULT;
        for (Iterator<String> names = object.fieldNames(); names.hasNext() && !flat; ) {
            flat = names.next().contains(".");
        }
        if (flat) {
            Map<String, Object> cells = new LinkedHashMap<>();
            List<String> unknown = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> f = fields.next();
                String target = mapping.target(f.getKey());
                if (target != null && target.isEmpty()) {
                    unknown.add(f.getKey());
                } else if (target != null && !f.getValue().isNull()) {
                    cells.put(target, f.getValue().isTextual() ? f.getValue().textValue() : mapper.convertValue(f.getValue(), Object.class));
                }
            }
            if (!unknown.isEmpty()) {
                return new SupplierRow(line, null, unknown.stream()
                        .map(k -> new dev.emporium.platform.api.FieldError(k, "is not a product field nor attr.<code>: map it or ignore it"))
                        .collect(Collectors.toList()));
            }
            return assembler.assemble(line, cells);
        }
        try {
            ProductInput input = mapper.treeToValue(object, ProductInput.class);
            return new SupplierRow(line, input, List.of());
        } catch (JsonMappingException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining()).replaceFirst("^\\.", "");
            String message = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : e.getOriginalMessage().lines().findFirst().orElse("");
            if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
                message = "unknown field";
            } else if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && m.getTargetType() != null) {
                message = "wrong JSON type, expected " + m.getTargetType().getSimpleName();
            }
            return SupplierRow.unreadable(line, path.isEmpty() ? "json" : path, message);
        } catch (JsonProcessingException e) {
            return SupplierRow.unreadable(line, "json", e.getOriginalMessage());
        }
    }
}
