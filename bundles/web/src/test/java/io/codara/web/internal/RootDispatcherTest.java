package io.codara.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.codara.api.rest.ForwardedRequest;

import org.junit.jupiter.api.Test;

class RootDispatcherTest {

    @Test
    void gitsUrlsAreTheRepositoryWithDotGitOrGitsOwnEndpoints() {
        assertThat(RootDispatcher.isGit("/alice/tools.git")).isTrue();
        assertThat(RootDispatcher.isGit("/alice/tools.git/info/refs")).isTrue();
        assertThat(RootDispatcher.isGit("/alice/tools.git/git-upload-pack")).isTrue();
        assertThat(RootDispatcher.isGit("/alice/tools.git/info/lfs/objects/batch")).isTrue();
        assertThat(RootDispatcher.isGit("/alice/tools/info/refs")).isTrue();
        assertThat(RootDispatcher.isGit("/alice/tools/git-receive-pack")).isTrue();

        assertThat(RootDispatcher.isGit("/")).isFalse();
        assertThat(RootDispatcher.isGit("/alice")).isFalse();
        assertThat(RootDispatcher.isGit("/alice/tools")).isFalse();
        assertThat(RootDispatcher.isGit("/alice/tools/blob/main/x.git")).isFalse();
        assertThat(RootDispatcher.isGit("/alice/tools/tree/main/info/refs")).isFalse();
        assertThat(RootDispatcher.isGit("/alice/tools.gitx")).isFalse();
        // Raw paths: an encoded slash keeps a crafted name in one segment, for git to refuse.
        assertThat(RootDispatcher.isGit("/alice/..%2fsecrets.git/info/refs")).isTrue();
    }

    private static HttpServletRequest request(String path, ServletContext context) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getServletPath()).thenReturn(path);
        when(request.getRequestURI()).thenReturn(path);
        when(request.getContextPath()).thenReturn("");
        when(request.getQueryString()).thenReturn("service=git-upload-pack");
        when(request.getServletContext()).thenReturn(context);
        return request;
    }

    @Test
    void gitGoesToGitAndTheRestToTheUiWithTheOriginalUri() throws Exception {
        ServletContext context = mock(ServletContext.class);
        RequestDispatcher git = mock(RequestDispatcher.class);
        RequestDispatcher ui = mock(RequestDispatcher.class);
        when(context.getNamedDispatcher(RootDispatcher.GIT)).thenReturn(git);
        when(context.getNamedDispatcher(RootDispatcher.UI)).thenReturn(ui);
        HttpServletResponse response = mock(HttpServletResponse.class);

        HttpServletRequest clone = request("/alice/tools.git/info/refs", context);
        new RootDispatcher().service(clone, response);
        verify(git).forward(clone, response);
        verify(clone).setAttribute(ForwardedRequest.REQUEST_URI, "/alice/tools.git/info/refs");
        verify(clone).setAttribute(ForwardedRequest.QUERY_STRING, "service=git-upload-pack");

        HttpServletRequest page = request("/alice/tools/blob/main/README.md", context);
        new RootDispatcher().service(page, response);
        verify(ui).forward(page, response);
    }

    @Test
    void anAbsentTargetIsAJson404() throws Exception {
        ServletContext context = mock(ServletContext.class);
        HttpServletResponse response = mock(HttpServletResponse.class);
        CapturedBody body = new CapturedBody();
        when(response.getOutputStream()).thenReturn(body);

        new RootDispatcher().service(request("/alice/tools", context), response);

        verify(response).setStatus(404);
        verify(response).setContentType("application/json");
        assertThat(body.text()).contains("\"message\":\"Not Found\"");
    }
}
