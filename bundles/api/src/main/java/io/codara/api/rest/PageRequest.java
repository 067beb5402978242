package io.codara.api.rest;

/**
 * The {@code page} and {@code per_page} query parameters, as GitHub reads them: pages count from 1,
 * {@code per_page} defaults to 30 and is capped at 100.
 */
public record PageRequest(int page, int perPage) {

    public static final int DEFAULT_PER_PAGE = 30;
    public static final int MAX_PER_PAGE = 100;

    public PageRequest {
        if (page < 1) {
            throw new ApiException(422, "page must be 1 or more");
        }
        if (perPage < 1) {
            throw new ApiException(422, "per_page must be 1 or more");
        }
        perPage = Math.min(perPage, MAX_PER_PAGE);
    }

    /** Reads nullable query parameters, applying GitHub's defaults. */
    public static PageRequest of(Integer page, Integer perPage) {
        return new PageRequest(page == null ? 1 : page, perPage == null ? DEFAULT_PER_PAGE : perPage);
    }

    /** The number of the last page of {@code total} items (1 for none). */
    public long lastPage(long total) {
        return Math.max(1, (total + perPage - 1) / perPage);
    }

    /** The row offset of this page. */
    public long offset() {
        return (long) (page - 1) * perPage;
    }
}
