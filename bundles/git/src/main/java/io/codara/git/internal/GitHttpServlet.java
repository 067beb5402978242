package io.codara.git.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.PreReceiveHookChain;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.storage.Database;
import io.codara.api.storage.EventOutbox;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;

/**
 * Git over smart HTTP at {@code /{owner}/{repo}.git/...}: clone, fetch (protocol v0 and v2, shallow, partial) and
 * push, served by JGit's {@link GitServlet} once this servlet has checked the URL, found the repository (following
 * renames: the ref advertisement of an old name redirects to the new one) and authorised the caller that
 * Codara's authentication put in the request. Git LFS requests ({@code .git/info/lfs/...}) go to {@link LfsServer}.
 * It has no URL pattern of its own: the web bundle's dispatcher on {@code /} forwards git's URLs to it by its
 * whiteboard name, {@code codara.git}, and anything else that reaches it gets a JSON 404.
 */
@Component(service = Servlet.class, configurationPid = GitHttpServlet.PID)
@Designate(ocd = GitHttpConfig.class)
@HttpWhiteboardServletName("codara.git")
public final class GitHttpServlet extends HttpServlet {

    static final String PID = "io.codara.git.http";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GitHttpServlet.class);
    private static final long serialVersionUID = 1L;
    /** Request attribute carrying the authorised repository from {@link #service} to JGit's callbacks. */
    private static final String REPOSITORY_ATTRIBUTE = GitHttpServlet.class.getName() + ".repository";
    private static final byte[] NOT_FOUND_JSON = "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8);

    private final transient Repositories repositories;
    private final transient GitDirectories directories;
    private final transient GitAccess access;
    private final transient Database database;
    private final transient EventOutbox outbox;
    private final transient PushLimits limits;
    private final transient LfsServer lfs;
    private final transient PushProtection protection;
    private final transient CloneTraffic traffic;
    private final transient GitServlet git = new GitServlet();

    @Activate
    public GitHttpServlet(@Reference Repositories repositories, @Reference Permissions permissions,
            @Reference GitDirectories directories, @Reference Database database, @Reference EventOutbox outbox,
            @Reference LfsServer lfs, @Reference PushProtection protection, @Reference CloneTraffic traffic,
            GitHttpConfig config) {
        this(repositories, permissions, directories, database, outbox, PushLimits.of(config), lfs, protection,
                traffic);
    }

    GitHttpServlet(Repositories repositories, Permissions permissions, GitDirectories directories, Database database,
            EventOutbox outbox, PushLimits limits, LfsServer lfs, PushProtection protection, CloneTraffic traffic) {
        this.repositories = repositories;
        this.directories = directories;
        this.access = new GitAccess(permissions);
        this.database = database;
        this.outbox = outbox;
        this.limits = limits;
        this.lfs = lfs;
        this.protection = protection;
        this.traffic = traffic;
        git.setRepositoryResolver((request, name) -> open(request));
        git.setUploadPackFactory((request, db) -> uploadPack(request, db));
        git.setReceivePackFactory((request, db) -> receivePack(request, db));
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        git.init(config);
    }

    @Override
    public void destroy() {
        git.destroy();
        super.destroy();
    }

    /** Percent-decodes a raw path ({@code +} stays itself); a malformed escape gives "", which no route matches. */
    static String decode(String raw) {
        if (raw == null) {
            return "";
        }
        try {
            return java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return "";
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        request = Unforwarded.of(request);
        String raw = request.getRequestURI();
        String context = request.getContextPath();
        if (raw != null && !context.isEmpty() && raw.startsWith(context)) {
            raw = raw.substring(context.length());
        }
        // From the URI: a request forwarded by name (see the class comment) keeps no servlet path of its own.
        String decoded = decode(raw);
        Optional<LfsPath> lfsPath = LfsPath.parse(request.getMethod(), raw, decoded);
        if (lfsPath.isPresent()) {
            lfs.serve(lfsPath.get(), request, response);
            return;
        }
        // Only the query of a GET: a POST's body belongs to git, untouched.
        String service = "GET".equals(request.getMethod()) ? request.getParameter("service") : null;
        Optional<GitHttpPath> parsed = GitHttpPath.parse(request.getMethod(), raw, decoded, service);
        if (parsed.isEmpty()) {
            response.setStatus(404);
            response.setContentType("application/json");
            response.getOutputStream().write(NOT_FOUND_JSON);
            return;
        }
        GitHttpPath path = parsed.get();
        Principal principal = Principal.of(request.getAttribute(Principal.REQUEST_ATTRIBUTE));
        Optional<Repository> repository = resolve(path);
        Optional<GitAccess.Refusal> refusal = access.refusal(principal, path.service(), repository);
        if (refusal.isPresent()) {
            refuse(response, refusal.get());
            return;
        }
        Repository repo = repository.get();
        if (path.advertisement() && !repo.fullName().equalsIgnoreCase(path.fullName())) {
            // Renamed or transferred: git follows this for the advertisement and sends the rest to the new URL.
            response.setStatus(301);
            response.setHeader("Location", context + "/" + repo.fullName() + ".git/info/refs?service="
                    + path.service().endpoint());
            return;
        }
        request.setAttribute(REPOSITORY_ATTRIBUTE, repo);
        // The public service(ServletRequest, ServletResponse): JGit's servlet dispatches from there.
        git.service((ServletRequest) new GitRequest(request, decoded), response);
    }

    /** The repository the path names; a name the service refuses as invalid names none. */
    private Optional<Repository> resolve(GitHttpPath path) {
        try {
            return repositories.resolve(path.owner(), path.name());
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            return Optional.empty();
        }
    }

    private static void refuse(HttpServletResponse response, GitAccess.Refusal refusal) throws IOException {
        response.setStatus(refusal.status());
        if (refusal.status() == 401) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Codara\"");
        }
        // git prints a text/plain body of an error as "remote: " lines.
        response.setContentType("text/plain;charset=utf-8");
        response.getOutputStream().write((refusal.message() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The repository {@link #service} authorised: opened by id, never by a name from the URL. */
    private org.eclipse.jgit.lib.Repository open(HttpServletRequest request) throws RepositoryNotFoundException {
        if (!(request.getAttribute(REPOSITORY_ATTRIBUTE) instanceof Repository repo)) {
            throw new RepositoryNotFoundException("not authorised by Codara");
        }
        try {
            return directories.open(repo.id());
        } catch (IOException e) {
            throw new RepositoryNotFoundException(repo.fullName(), e);
        }
    }

    private UploadPack uploadPack(HttpServletRequest request, org.eclipse.jgit.lib.Repository db) {
        UploadPack uploadPack = new UploadPack(db);
        Repository repo = (Repository) request.getAttribute(REPOSITORY_ATTRIBUTE);
        Principal principal = Principal.of(request.getAttribute(Principal.REQUEST_ATTRIBUTE));
        String visitor = principal.anonymous() ? "address:" + request.getRemoteAddr() : "user:" + principal.login();
        // Called once per request that sent a pack: a clone or a fetch that brought something, however many
        // negotiation requests came before it; ls-remote and up-to-date fetches send none.
        uploadPack.setPostUploadHook(statistics -> countClone(repo, visitor));
        // Protocol v2 (and later versions) are asked for in this header, as JGit's own factory reads it.
        String protocol = request.getHeader("Git-Protocol");
        if (protocol != null) {
            uploadPack.setExtraParameters(List.of(protocol.split(":")));
        }
        return uploadPack;
    }

    private void countClone(Repository repo, String visitor) {
        try {
            traffic.record(repo.id(), visitor, java.time.Instant.now());
        } catch (RuntimeException e) {
            // The pack is sent: a lost count must not fail the clone.
            LOG.warn("Could not count a clone of {}: {}", repo.fullName(), e.toString());
        }
    }

    private ReceivePack receivePack(HttpServletRequest request, org.eclipse.jgit.lib.Repository db) {
        Repository repo = (Repository) request.getAttribute(REPOSITORY_ATTRIBUTE);
        Principal principal = Principal.of(request.getAttribute(Principal.REQUEST_ATTRIBUTE));
        String pusher = principal.login();
        ReceivePack receivePack = new ReceivePack(db);
        receivePack.setRefLogIdent(new PersonIdent(pusher, ""));
        limits.applyTo(receivePack);
        // Checks first, then the recorder, which moves the refs that every check let through.
        receivePack.setPreReceiveHook(PreReceiveHookChain.newChain(List.of(limits, protection.hook(repo, principal),
                new StaleRefLocks(StaleRefLocks.STALE), new PushRecorder(database, outbox, repo, pusher))));
        return receivePack;
    }

    /** The request as JGit's servlet expects it: the whole path as path info. */
    private static final class GitRequest extends HttpServletRequestWrapper {

        private final String pathInfo;

        GitRequest(HttpServletRequest request, String pathInfo) {
            super(request);
            this.pathInfo = pathInfo;
        }

        @Override
        public String getServletPath() {
            return "";
        }

        @Override
        public String getPathInfo() {
            return pathInfo;
        }
    }
}
