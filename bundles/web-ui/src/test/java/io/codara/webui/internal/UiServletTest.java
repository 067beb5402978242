package io.codara.webui.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.util.zip.GZIPInputStream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.codara.api.rest.ForwardedRequest;

import org.junit.jupiter.api.Test;

/** Serves the test resources under {@code ui/} (an index.html and a hashed asset with its .gz). */
class UiServletTest {

    private final UiServlet servlet = new UiServlet();

    private record Answer(HttpServletResponse response, CapturedBody body) {
    }

    private Answer request(String method, String uri, String acceptEncoding, boolean forwarded) throws Exception {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getMethod()).thenReturn(method);
        when(request.getHeader("Accept-Encoding")).thenReturn(acceptEncoding);
        if (forwarded) {
            // As the dispatcher hands it over: the request's own URI is gone, the original is an attribute.
            when(request.getAttribute(ForwardedRequest.REQUEST_URI)).thenReturn(uri);
            when(request.getAttribute(ForwardedRequest.CONTEXT_PATH)).thenReturn("");
        } else {
            when(request.getRequestURI()).thenReturn(uri);
            when(request.getContextPath()).thenReturn("");
        }
        HttpServletResponse response = mock(HttpServletResponse.class);
        CapturedBody body = new CapturedBody();
        when(response.getOutputStream()).thenReturn(body);
        servlet.service(request, response);
        return new Answer(response, body);
    }

    @Test
    void everyPageOfTheAppIsIndexHtmlWithTheSecurityHeadersAndNoCache() throws Exception {
        Answer answer = request("GET", "/alice/tools/blob/main/src/App.java", null, true);

        verify(answer.response()).setStatus(200);
        verify(answer.response()).setContentType("text/html; charset=utf-8");
        verify(answer.response()).setHeader("Cache-Control", "no-cache");
        verify(answer.response()).setHeader("Content-Security-Policy", UiServlet.CONTENT_SECURITY_POLICY);
        verify(answer.response()).setHeader("X-Frame-Options", "DENY");
        verify(answer.response()).setHeader("X-Content-Type-Options", "nosniff");
        assertThat(answer.body().text()).contains("<div id=\"root\">");
        assertThat(UiServlet.CONTENT_SECURITY_POLICY).contains("script-src 'self'").doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval").contains("object-src 'none'").contains("frame-ancestors 'none'");
    }

    @Test
    void hashedAssetsAreCachedForGoodAndSentGzippedToWhoeverAccepts() throws Exception {
        Answer gzipped = request("GET", "/assets/app-abc123.js", "gzip, deflate, br", true);
        verify(gzipped.response()).setHeader("Content-Encoding", "gzip");
        verify(gzipped.response()).setHeader("Cache-Control", "public, max-age=31536000, immutable");
        verify(gzipped.response()).setContentType("text/javascript; charset=utf-8");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body().bytes()))) {
            assertThat(new String(in.readAllBytes())).isEqualTo("console.log(\"app\")\n");
        }

        Answer plain = request("GET", "/assets/app-abc123.js", null, false);
        verify(plain.response(), never()).setHeader("Content-Encoding", "gzip");
        verify(plain.response()).setHeader("Vary", "Accept-Encoding");
        assertThat(plain.body().text()).isEqualTo("console.log(\"app\")\n");
    }

    @Test
    void aMissingAssetIsA404NotTheApp() throws Exception {
        Answer answer = request("GET", "/assets/gone-000.js", "gzip", true);
        verify(answer.response()).setStatus(404);
        assertThat(answer.body().text()).contains("Not Found");
    }

    @Test
    void pathsThatTryToClimbOutAreOnlyPagesOfTheApp() throws Exception {
        for (String path : new String[] {"/assets/../../etc/passwd", "/..%2f..%2fMETA-INF/MANIFEST.MF", "/assets/%2e%2e/x.js",
                "/META-INF/MANIFEST.MF", "/io/codara/webui/internal/UiServlet.class"}) {
            Answer answer = request("GET", path, null, true);
            assertThat(answer.body().text()).as(path).contains("<div id=\"root\">");
        }
    }

    @Test
    void writesAreRefused() throws Exception {
        Answer answer = request("POST", "/alice/tools", null, true);
        verify(answer.response()).setStatus(405);
        verify(answer.response()).setHeader("Allow", "GET, HEAD");
    }

    @Test
    void headSendsNoBody() throws Exception {
        Answer answer = request("HEAD", "/", null, true);
        verify(answer.response()).setStatus(200);
        verify(answer.response()).setContentLength(anyInt());
        assertThat(answer.body().bytes()).isEmpty();
    }
}
