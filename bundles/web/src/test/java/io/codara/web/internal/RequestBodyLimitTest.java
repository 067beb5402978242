package io.codara.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import jakarta.ws.rs.container.ContainerRequestContext;

import io.codara.api.rest.ApiException;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class RequestBodyLimitTest {

    private static final long LIMIT = 10;

    private final RequestBodyLimit filter = new RequestBodyLimit(config(LIMIT));

    private static WebConfig config(long maxBytes) {
        WebConfig config = mock(WebConfig.class);
        when(config.max_body_bytes()).thenReturn(maxBytes);
        return config;
    }

    private static ContainerRequestContext request(int declaredLength, byte[] body) {
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        when(request.getLength()).thenReturn(declaredLength);
        when(request.hasEntity()).thenReturn(body != null);
        if (body != null) {
            when(request.getEntityStream()).thenReturn(new ByteArrayInputStream(body));
        }
        return request;
    }

    private static InputStream installedStream(ContainerRequestContext request) {
        ArgumentCaptor<InputStream> stream = ArgumentCaptor.forClass(InputStream.class);
        verify(request).setEntityStream(stream.capture());
        return stream.getValue();
    }

    @Test
    void declaredLengthOverTheLimitIsRefusedWith413() {
        ContainerRequestContext request = request(11, new byte[11]);

        ApiException e = catchThrowableOfType(ApiException.class, () -> filter.filter(request));

        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(413);
        assertThat(e.getMessage()).contains("10 bytes");
        verify(request, never()).setEntityStream(any());
    }

    @Test
    void undeclaredStreamLongerThanTheLimitFailsWhileReading() {
        ContainerRequestContext request = request(-1, new byte[11]);
        filter.filter(request);
        InputStream limited = installedStream(request);

        ApiException e = catchThrowableOfType(ApiException.class, limited::readAllBytes);

        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(413);
    }

    @Test
    void byteByByteReadingIsCountedToo() throws Exception {
        ContainerRequestContext request = request(-1, new byte[11]);
        filter.filter(request);
        InputStream limited = installedStream(request);
        for (int i = 0; i < LIMIT; i++) {
            assertThat(limited.read()).isZero();
        }

        ApiException e = catchThrowableOfType(ApiException.class, limited::read);

        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(413);
    }

    @Test
    void bodyUpToTheLimitPassesUnchanged() throws Exception {
        byte[] body = "0123456789".getBytes();
        ContainerRequestContext request = request(body.length, body);

        filter.filter(request);

        assertThat(installedStream(request).readAllBytes()).isEqualTo(body);
    }

    @Test
    void shortBodyPassesUnchanged() throws Exception {
        byte[] body = "{}".getBytes();
        ContainerRequestContext request = request(-1, body);

        filter.filter(request);

        assertThat(installedStream(request).readAllBytes()).isEqualTo(body);
    }

    @Test
    void requestWithoutBodyIsLeftAlone() {
        ContainerRequestContext request = request(-1, null);

        filter.filter(request);

        verify(request, never()).setEntityStream(any());
    }
}
