package io.codara.api.rest;

/**
 * One page of a list answered as a JSON object, as GitHub answers its searches ({@code total_count}, {@code items})
 * and its Actions lists: the web bundle writes {@code body} and adds GitHub's {@code Link} header (first, prev, next,
 * last) for {@code request} over {@code total} items, as it does for a {@link Page}.
 *
 * @param body the JSON object answered
 * @param request which page this is
 * @param total the number of items that can be paged through (GitHub's searches stop at a thousand, say)
 */
public record PagedObject(Object body, PageRequest request, long total) {

    /** The number of the last page (1 for an empty list). */
    public long lastPage() {
        return request.lastPage(total);
    }
}
