package dev.emporium.catalog.api;

/** Storefront search over products on sale: full text, facets, ranges, sorting, cursor paging. */
public interface ProductSearch {

    SearchResult search(SearchQuery query);
}
