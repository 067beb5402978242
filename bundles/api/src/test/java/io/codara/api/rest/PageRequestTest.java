package io.codara.api.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void nullParametersUseGitHubDefaults() {
        PageRequest request = PageRequest.of(null, null);

        assertThat(request.page()).isEqualTo(1);
        assertThat(request.perPage()).isEqualTo(30).isEqualTo(PageRequest.DEFAULT_PER_PAGE);
        assertThat(request.offset()).isZero();
    }

    @Test
    void givenParametersAreKept() {
        PageRequest request = PageRequest.of(3, 25);

        assertThat(request.page()).isEqualTo(3);
        assertThat(request.perPage()).isEqualTo(25);
    }

    @Test
    void perPageIsCappedAtOneHundred() {
        assertThat(PageRequest.of(1, 100).perPage()).isEqualTo(100);
        assertThat(PageRequest.of(1, 101).perPage()).isEqualTo(100);
        assertThat(new PageRequest(1, 5000).perPage()).isEqualTo(PageRequest.MAX_PER_PAGE);
    }

    @Test
    void pageBelowOneIsRejectedWith422() {
        ApiException zero = catchThrowableOfType(ApiException.class, () -> PageRequest.of(0, null));
        ApiException negative = catchThrowableOfType(ApiException.class, () -> new PageRequest(-1, 30));

        assertThat(zero.status()).isEqualTo(422);
        assertThat(zero.getMessage()).contains("page");
        assertThat(negative.status()).isEqualTo(422);
    }

    @Test
    void perPageBelowOneIsRejectedWith422() {
        ApiException zero = catchThrowableOfType(ApiException.class, () -> PageRequest.of(null, 0));
        ApiException negative = catchThrowableOfType(ApiException.class, () -> new PageRequest(1, -5));

        assertThat(zero.status()).isEqualTo(422);
        assertThat(zero.getMessage()).contains("per_page");
        assertThat(negative.status()).isEqualTo(422);
    }

    @Test
    void offsetIsRowsOfEarlierPages() {
        assertThat(PageRequest.of(1, 30).offset()).isZero();
        assertThat(PageRequest.of(2, 30).offset()).isEqualTo(30);
        assertThat(PageRequest.of(5, 7).offset()).isEqualTo(28);
        // capped per_page is what the offset uses
        assertThat(PageRequest.of(3, 500).offset()).isEqualTo(200);
    }

    @Test
    void offsetDoesNotOverflowForHugePages() {
        assertThat(PageRequest.of(Integer.MAX_VALUE, 100).offset()).isEqualTo((Integer.MAX_VALUE - 1L) * 100L);
    }
}
