package dev.emporium.catalog.internal.http;

import dev.emporium.catalog.api.Catalog;
import dev.emporium.catalog.api.Category;
import dev.emporium.catalog.api.Product;
import dev.emporium.catalog.api.ProductEvidence;
import dev.emporium.catalog.api.ProductInput;
import dev.emporium.catalog.api.ProductRelations;
import dev.emporium.catalog.api.ProductStatus;
import dev.emporium.catalog.api.ProductType;
import dev.emporium.catalog.api.SearchQuery;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.emporium.catalog.internal.CatalogSearch;
import dev.emporium.catalog.internal.pages.ProductPages;
import dev.emporium.catalog.internal.search.ProductIndex;
import dev.emporium.platform.api.BadRequestException;
import dev.emporium.platform.api.RenderedJson;
import dev.emporium.platform.api.DepartmentRoutes;
import dev.emporium.platform.api.GoneException;
import dev.emporium.platform.api.HttpMethod;
import dev.emporium.platform.api.NotFoundException;
import dev.emporium.platform.api.Route;
import dev.emporium.platform.api.RouteRequest;
import dev.emporium.platform.api.RouteResponse;
import dev.emporium.platform.api.ValidationException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;

/** The catalog's HTTP routes: storefront reads and search, and the editors' admin routes. */
@Component
public class CatalogRoutes implements DepartmentRoutes {

    /** The admin role that edits the catalog. */
    public static final String EDITOR = "catalog-editor";

    private final Catalog catalog;
    private final CatalogSearch search;
    private final ProductEvidence evidenceOf;
    private final ProductRelations relations;

    private final ProductPages pages;
    private final ObjectMapper mapper;
    private final CatalogRouteGroup transfers;
    private final CatalogRouteGroup evidence;

    @Activate
    public CatalogRoutes(@Reference Catalog catalog, @Reference CatalogSearch search,
                         @Reference ProductEvidence evidenceOf, @Reference ProductRelations relations,
                         @Reference(target = "(component.name=dev.emporium.catalog.internal.http.CatalogTransferRoutes)") CatalogRouteGroup transfers,
                         @Reference(target = "(component.name=dev.emporium.catalog.internal.http.CatalogEvidenceRoutes)") CatalogRouteGroup evidence,
                         @Reference ProductPages pages, @Reference ObjectMapper mapper) {
        this.pages = pages;
        this.mapper = mapper;
        this.catalog = catalog;
        this.search = search;
        this.evidenceOf = evidenceOf;
        this.relations = relations;
        this.transfers = transfers;
        this.evidence = evidence;
    }

    @Override
    public String department() {
        return "catalog";
    }

    @Override
    public List<Route> routes() {
        List<Route> all = new java.util.ArrayList<>(productRoutes());
        all.addAll(transfers.routes());
        all.addAll(evidence.routes());
        return all;
    }

    private List<Route> productRoutes() {
        return List.of(
                Route.open(HttpMethod.GET, "/api/catalog/products/{sku}",
                        "A product on sale, by SKU, with its ratings, critics, press and related products",
                        r -> kept(r, r.pathParam("sku"))),
                Route.open(HttpMethod.GET, "/api/catalog/slugs/{slug}", "The same product page, by slug",
                        r -> kept(r, onSale(catalog.bySlug(r.pathParam("slug")), "slug " + r.pathParam("slug")).sku())),
                Route.open(HttpMethod.GET, "/api/catalog/search",
                        "Full-text search with facets (facet=code:value), ranges (range=code:min..max), sort and cursor paging",
                        r -> searchAnswer(SearchParameters.read(r))),
                Route.open(HttpMethod.GET, "/api/catalog/categories", "The category tree", r -> Map.of("items", catalog.categories())),
                Route.open(HttpMethod.GET, "/api/catalog/categories/{code}/products", "Products on sale in a category and below it",
                        r -> browse(r)),

                Route.admin(HttpMethod.GET, "/api/admin/catalog/types", EDITOR, "Every product type",
                        r -> Map.of("items", catalog.types())),
                Route.admin(HttpMethod.GET, "/api/admin/catalog/types/{code}", EDITOR, "A product type",
                        r -> catalog.type(r.pathParam("code")).orElseThrow(() -> new NotFoundException("no product type " + r.pathParam("code")))),
                Route.admin(HttpMethod.PUT, "/api/admin/catalog/types/{code}", EDITOR, "Creates or redefines a product type",
                        r -> {
                            ProductType t = r.body(ProductType.class);
                            requireSame("code", t.code(), r.pathParam("code"));
                            return catalog.defineType(new ProductType(r.pathParam("code"), t.name(), t.attributes()));
                        }),
                Route.admin(HttpMethod.PUT, "/api/admin/catalog/categories/{code}", EDITOR, "Creates or moves a category",
                        r -> {
                            Category c = r.body(Category.class);
                            requireSame("code", c.code(), r.pathParam("code"));
                            return catalog.defineCategory(new Category(r.pathParam("code"), c.name(), c.parent()));
                        }),
                Route.admin(HttpMethod.GET, "/api/admin/catalog/products", EDITOR, "Every product, any status, by SKU with cursor paging",
                        r -> catalog.list(r.page())),
                Route.admin(HttpMethod.POST, "/api/admin/catalog/products", EDITOR, "Creates a draft product",
                        r -> {
                            Product p = catalog.create(r.body(ProductInput.class));
                            return RouteResponse.created("/api/admin/catalog/products/" + p.sku(), p);
                        }),
                Route.admin(HttpMethod.GET, "/api/admin/catalog/products/{sku}", EDITOR, "A product, any status",
                        r -> found(catalog.bySku(r.pathParam("sku")), r.pathParam("sku"))),
                Route.admin(HttpMethod.PUT, "/api/admin/catalog/products/{sku}", EDITOR,
                        "Replaces a product's data; If-Match: <version> refuses a stale write",
                        r -> catalog.update(r.pathParam("sku"), r.body(ProductInput.class), ifMatch(r))),
                Route.admin(HttpMethod.POST, "/api/admin/catalog/products/{sku}/publish", EDITOR, "Puts a product on the storefront",
                        r -> catalog.publish(r.pathParam("sku"))),
                Route.admin(HttpMethod.POST, "/api/admin/catalog/products/{sku}/archive", EDITOR, "Takes a product off the storefront",
                        r -> catalog.archive(r.pathParam("sku"))));
    }

    private Object browse(RouteRequest r) {
        String code = r.pathParam("code");
        if (catalog.categories().stream().noneMatch(c -> c.code().equals(code))) {
            throw new NotFoundException("no category " + code);
        }
        SearchQuery q = SearchParameters.read(r);
        var filters = new java.util.LinkedHashMap<>(q.filters());
        filters.put("category", List.of(code));
        return searchAnswer(new SearchQuery(q.text(), filters, q.ranges(), q.sort(), q.cursor(), q.limit()));
    }

    /** A search answer as {@link dev.emporium.catalog.api.SearchResult} renders, but for its items (written first). */
    record SearchAnswerRest(long total, Map<String, List<dev.emporium.catalog.api.SearchResult.FacetValue>> facets,
                            String nextCursor) {
    }

    private static final byte[] ITEMS = "{\"items\":[".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /**
     * The search's hits with each product's JSON kept by {@link ProductPages} (rendered from the database on its first
     * showing, dropped by its writes and events): the same bytes as {@code ProductSearch.search}'s result would render
     * ({@code items}, {@code total}, {@code facets}, {@code nextCursor}), the items copied rather than rendered.
     */
    private RenderedJson searchAnswer(SearchQuery q) {
        ProductIndex.Hits hits = search.hits(q);
        Map<String, byte[]> json = hits.skus().isEmpty() ? Map.of() : pages.items(hits.skus(), search::items, this::renderItems);
        return new RenderedJson(answer(mapper, hits, json));
    }

    /** The answer's bytes: the items that are still on sale (those in {@code items}) in the hits' order, then the rest. */
    static byte[] answer(ObjectMapper mapper, ProductIndex.Hits hits, Map<String, byte[]> items) {
        byte[] rest;
        try {
            rest = mapper.writeValueAsBytes(new SearchAnswerRest(hits.total(), hits.facets(), hits.nextCursor()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a search answer", e);
        }
        List<byte[]> shown = new java.util.ArrayList<>(hits.skus().size());
        int size = ITEMS.length + rest.length;
        for (String sku : hits.skus()) {
            byte[] item = items.get(sku);
            if (item != null) { // else no longer on sale since it was indexed
                shown.add(item);
                size += item.length + 1; // and a comma, or the closing bracket
            }
        }
        if (shown.isEmpty()) {
            size++; // the closing bracket
        }
        byte[] answer = new byte[size];
        System.arraycopy(ITEMS, 0, answer, 0, ITEMS.length);
        int at = ITEMS.length;
        for (int i = 0; i < shown.size(); i++) {
            if (i > 0) {
                answer[at++] = ',';
            }
            System.arraycopy(shown.get(i), 0, answer, at, shown.get(i).length);
            at += shown.get(i).length;
        }
        answer[at++] = ']';
        answer[at++] = ',';
        System.arraycopy(rest, 1, answer, at, rest.length - 1); // the rest without its opening brace
        return answer;
    }

    private Map<String, byte[]> renderItems(List<String> skus) {
        Map<String, byte[]> rendered = new java.util.HashMap<>();
        for (Product p : search.onSale(skus).values()) {
            try {
                rendered.put(p.sku(), mapper.writeValueAsBytes(p));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render product " + p.sku(), e);
            }
        }
        return rendered;
    }

    /**
     * The product's page from the kept rendered bytes, with its entity tag; 304 when the client's copy is current.
     */
    private RouteResponse kept(RouteRequest r, String sku) {
        ProductPages.Page page = pages.page(sku, this::render);
        Map<String, String> headers = Map.of("ETag", page.etag());
        if (ProductPages.fresh(r.header("If-None-Match").orElse(null), page)) {
            return new RouteResponse(304, null, headers);
        }
        return new RouteResponse(200, new RenderedJson(page.json()), headers);
    }

    /** Renders a page from the database; the products it shows are the page's own and every related one. */
    private ProductPages.Built render(String sku) {
        Product p = onSale(catalog.bySku(sku), "SKU " + sku);
        Set<String> shows = new HashSet<>();
        shows.add(sku);
        relations.relationsOf(sku).forEach(rel -> shows.add(rel.relatedSku()));
        try {
            return new ProductPages.Built(mapper.writeValueAsBytes(page(p)), shows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the page of " + sku, e);
        }
    }

    private ProductPage page(Product onSale) {
        return ProductPage.of(onSale, catalog.type(onSale.type()), evidenceOf.evidence(onSale.sku()), relations.related(onSale.sku()));
    }

    private static Product onSale(Optional<Product> product, String what) {
        Product p = product.filter(x -> x.status() == ProductStatus.PUBLISHED)
                .orElseThrow(() -> new NotFoundException("no product on sale with " + what));
        if (!p.sellable()) {
            throw new GoneException(p.name() + " (" + p.sku() + ") is no longer sold");
        }
        return p;
    }

    private static Product found(Optional<Product> product, String sku) {
        return product.orElseThrow(() -> new NotFoundException("no product " + sku));
    }

    private static void requireSame(String field, String inBody, String inPath) {
        if (inBody != null && !inBody.equals(inPath)) {
            throw new ValidationException(field, "is '" + inBody + "' in the body but '" + inPath + "' in the path");
        }
    }

    private static Long ifMatch(RouteRequest r) {
        Optional<String> v = r.header("If-Match");
        if (v.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(v.get().replace("\"", "").trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("If-Match must be the product's version number, such as \"3\"");
        }
    }
}
