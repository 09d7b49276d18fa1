package dev.emporium.catalog.internal.http;

import com.fasterxml.jackson.databind.util.RawValue;
import dev.emporium.catalog.api.ProductStatus;
import dev.emporium.catalog.internal.transfer.BatchFormat;
import dev.emporium.catalog.internal.transfer.CatalogExport;
import dev.emporium.catalog.internal.transfer.CatalogImport;
import dev.emporium.catalog.internal.transfer.ImportMapping;
import dev.emporium.catalog.internal.transfer.ImportReport;
import dev.emporium.platform.api.BadRequestException;
import dev.emporium.platform.api.FieldError;
import dev.emporium.platform.api.HttpMethod;
import dev.emporium.platform.api.ProblemException;
import dev.emporium.platform.api.Route;
import dev.emporium.platform.api.RouteRequest;
import dev.emporium.platform.api.ValidationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The catalog's supplier imports and channel exports over HTTP, for editors. */
@Component(service = CatalogRouteGroup.class)
public class CatalogTransferRoutes implements CatalogRouteGroup {

    private final CatalogImport importer;
    private final CatalogExport export;

    @Activate
    public CatalogTransferRoutes(@Reference CatalogImport importer, @Reference CatalogExport export) {
        this.importer = importer;
        this.export = export;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.admin(HttpMethod.POST, "/api/admin/catalog/imports", CatalogRoutes.EDITOR,
                        "Imports a supplier batch (text/csv with a header row, or an application/json array) keyed by SKU, "
                                + "whole or not at all; dryRun=true checks and reports only", this::importBatch),
                Route.admin(HttpMethod.GET, "/api/admin/catalog/exports", CatalogRoutes.EDITOR,
                        "Structured product data for other channels: format=json|csv, status=draft|published|archived",
                        this::export));
    }

    private Object importBatch(RouteRequest r) {
        boolean dryRun = flag(r, "dryRun");
        String contentType = r.header("Content-Type").orElse("");
        BatchFormat format = r.query("format").map(BatchFormat::of).orElse(BatchFormat.guess(contentType));
        if (format == null) {
            throw new ProblemException(415, "Unsupported media type",
                    "send the batch as text/csv or application/json, not " + (contentType.isEmpty() ? "without a Content-Type" : contentType));
        }
        byte[] body = r.rawBody();
        if (body.length == 0) {
            throw new BadRequestException("the batch is the request body, and it is empty");
        }
        // decoded once (malformed bytes become U+FFFD, as a reader would make them), not once per pass
        String text = new String(body, StandardCharsets.UTF_8);
        ImportReport report = importer.importBatch(() -> new StringReader(text), format, ImportMapping.DEFAULT, dryRun);
        if (!report.badRows().isEmpty()) {
            List<FieldError> rows = report.badRows().stream()
                    .map(b -> new FieldError("line " + b.line(), (b.sku() == null || b.sku().isBlank() ? "" : b.sku() + ": ") + b.reasons()))
                    .toList();
            throw new ProblemException(400, "Invalid batch", report.summary(), rows, Map.of());
        }
        return report;
    }

    private Object export(RouteRequest r) {
        String f = r.query("format").orElse("json");
        BatchFormat format = BatchFormat.of(f);
        if (format == null) {
            throw new ValidationException("format", "must be json or csv, not '" + f + "'");
        }
        ProductStatus status = null;
        if (r.query("status").isPresent()) {
            try {
                status = ProductStatus.valueOf(r.query("status").get().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ValidationException("status", "must be draft, published or archived");
            }
        }
        StringWriter out = new StringWriter();
        int count = export.export(out, format, status);
        // the gateway answers JSON only: a CSV export travels as one string field, ready to save as a file
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("format", format.name().toLowerCase(Locale.ROOT));
        body.put("count", count);
        if (format == BatchFormat.JSON) {
            body.put("products", new RawValue(out.toString()));
        } else {
            body.put("mediaType", "text/csv");
            body.put("csv", out.toString());
        }
        return body;
    }

    private static boolean flag(RouteRequest r, String name) {
        String v = r.query(name).orElse("false").strip().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new ValidationException(name, "must be true or false");
        }
        return v.equals("true");
    }
}
