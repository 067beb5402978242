package io.codara.api.rest;

import java.util.List;

/**
 * One page of a list. A resource method that returns a {@code Page} answers with a JSON array of its items and
 * GitHub's {@code Link} header (first, prev, next, last) built by the web bundle.
 *
 * @param items the items of this page
 * @param request which page this is
 * @param total the number of items in all pages
 */
public record Page<T>(List<T> items, PageRequest request, long total) {

    public Page {
        items = List.copyOf(items);
    }

    /** The number of the last page (1 for an empty list). */
    public long lastPage() {
        return request.lastPage(total);
    }
}
