package io.codara.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.codara.api.rest.ForwardedRequest;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Every URL that no other servlet claims: git's ({@code /{owner}/{repo}.git/...}, and git's endpoints without
 * {@code .git}) go to the servlet named {@value #GIT}, the rest to the web UI's servlet named {@value #UI}. Either
 * may be absent (its bundle stopped): its URLs then answer a JSON 404, and the other keeps working. The original
 * URI travels in the {@link ForwardedRequest} attributes.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/")
public final class RootDispatcher extends HttpServlet {

    /** Whiteboard name of the servlet that serves git over smart HTTP and LFS. */
    public static final String GIT = "codara.git";
    /** Whiteboard name of the servlet that serves the single-page web UI. */
    public static final String UI = "codara.ui";

    private static final long serialVersionUID = 1L;
    private static final Pattern GIT_PATH = Pattern.compile(
            "^/[^/]+/[^/]+(\\.git(/.*)?|/info/refs|/git-upload-pack|/git-receive-pack|/info/lfs(/.*)?)$");
    private static final byte[] NOT_FOUND_JSON = "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        // The path as the client sent it: an encoded slash ("..%2f") stays inside its segment, so a URL dressed as
        // a repository goes to git, which refuses it, rather than to the app.
        String raw = request.getRequestURI();
        String path = raw == null ? request.getServletPath() : raw.substring(Math.min(raw.length(), request.getContextPath().length()));
        RequestDispatcher target = request.getServletContext().getNamedDispatcher(isGit(path) ? GIT : UI);
        if (target == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("application/json");
            response.getOutputStream().write(NOT_FOUND_JSON);
            return;
        }
        // A dispatch by name keeps none of the request's path (Felix answers null), so the targets find it here.
        request.setAttribute(ForwardedRequest.REQUEST_URI, request.getRequestURI());
        request.setAttribute(ForwardedRequest.CONTEXT_PATH, request.getContextPath());
        request.setAttribute(ForwardedRequest.QUERY_STRING, request.getQueryString());
        target.forward(request, response);
    }

    static boolean isGit(String path) {
        return GIT_PATH.matcher(path).matches();
    }
}
