package io.codara.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.lang.reflect.Method;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.junit.jupiter.api.Test;

class RouteTaggerTest {

    @Path("/repos/")
    static class Repos {
        @GET
        @Path("{owner}/{repo}")
        public void get() {
        }

        @GET
        public void list() {
        }

        @GET
        @Path("//{owner}/{repo}/issues//")
        public void issues() {
        }
    }

    @Path("")
    static class Root {
        @GET
        public void root() {
        }

        @GET
        @Path("meta")
        public void meta() {
        }
    }

    @Path("/")
    static class Slash {
        @GET
        public void root() {
        }
    }

    private static Method method(Class<?> type, String name) throws NoSuchMethodException {
        return type.getMethod(name);
    }

    @Test
    void joinsClassAndMethodPaths() throws Exception {
        assertThat(RouteTagger.template(Repos.class, method(Repos.class, "get"))).isEqualTo("/repos/{owner}/{repo}");
        assertThat(RouteTagger.template(Repos.class, method(Repos.class, "list"))).isEqualTo("/repos");
        assertThat(RouteTagger.template(Repos.class, method(Repos.class, "issues")))
                .isEqualTo("/repos/{owner}/{repo}/issues");
    }

    @Test
    void emptyPathsGiveTheRoot() throws Exception {
        assertThat(RouteTagger.template(Root.class, method(Root.class, "root"))).isEqualTo("/");
        assertThat(RouteTagger.template(Root.class, method(Root.class, "meta"))).isEqualTo("/meta");
        assertThat(RouteTagger.template(Slash.class, method(Slash.class, "root"))).isEqualTo("/");
    }

    @Test
    void filterTagsTheServletRequestWithContextPathAndTemplate() throws Exception {
        ResourceInfo info = mock(ResourceInfo.class);
        doReturn(Repos.class).when(info).getResourceClass();
        when(info.getResourceMethod()).thenReturn(method(Repos.class, "get"));
        HttpServletRequest servletRequest = mock(HttpServletRequest.class);
        when(servletRequest.getContextPath()).thenReturn("/api/v3");
        RouteTagger tagger = new RouteTagger();
        tagger.resourceInfo = info;
        tagger.servletRequest = servletRequest;

        tagger.filter(mock(ContainerRequestContext.class));

        verify(servletRequest).setAttribute(RequestContextFilter.ROUTE_ATTRIBUTE, "/api/v3/repos/{owner}/{repo}");
    }

    @Test
    void filterDoesNothingWithoutAMatchedMethod() {
        ResourceInfo info = mock(ResourceInfo.class);
        HttpServletRequest servletRequest = mock(HttpServletRequest.class);
        RouteTagger tagger = new RouteTagger();
        tagger.resourceInfo = info;
        tagger.servletRequest = servletRequest;

        tagger.filter(mock(ContainerRequestContext.class));

        verify(servletRequest, never()).setAttribute(anyString(), any());
    }
}
