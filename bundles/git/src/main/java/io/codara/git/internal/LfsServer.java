package io.codara.git.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.api.security.Decision;
import io.codara.api.security.Permissions;
import io.codara.api.security.Principal;
import io.codara.api.security.ResourceRef;
import io.codara.api.storage.Database;
import io.codara.api.storage.StorageLayout;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Git LFS at {@code /{owner}/{repo}.git/info/lfs/}: the batch API with the basic transfer adapter (upload, download
 * and verify under the same repository URL), and the file locking API, with the same authentication and
 * authorisation as git over HTTP (read to download and list locks, write to upload and lock). Errors are LFS's JSON
 * ({@code message}, {@code request_id}, {@code documentation_url}). {@link GitHttpServlet} routes the requests here.
 */
@Component(service = LfsServer.class, configurationPid = LfsServer.PID)
@Designate(ocd = LfsConfig.class)
public final class LfsServer {

    static final String PID = "io.codara.git.lfs";
    static final long DEFAULT_MAX_OBJECT_BYTES = 2L * 1024 * 1024 * 1024;
    static final String MEDIA_TYPE = "application/vnd.git-lfs+json";
    static final String BATCH_DOCUMENTATION = "https://github.com/git-lfs/git-lfs/blob/main/docs/api/batch.md";
    static final String LOCKING_DOCUMENTATION = "https://github.com/git-lfs/git-lfs/blob/main/docs/api/locking.md";
    /** Largest JSON request body (a batch of git-lfs's default 100 objects is about 10 KiB). */
    static final int MAX_JSON_BYTES = 1024 * 1024;
    static final int MAX_BATCH_OBJECTS = 1000;
    static final int MAX_LOCK_PAGE = 100;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(LfsServer.class);

    private final Repositories repositories;
    private final Permissions permissions;
    private final GitAccess access;
    private final LfsObjectStore store;
    private final LfsObjects objects;
    private final LfsLocks locks;
    private final long maxObjectBytes;

    @Activate
    public LfsServer(@Reference GitSchema schema, @Reference Repositories repositories, @Reference Permissions permissions,
            @Reference Database database, @Reference StorageLayout layout, LfsConfig config) {
        this(repositories, permissions, database, new LfsObjectStore(layout.lfs()), config.max_object_bytes());
    }

    LfsServer(Repositories repositories, Permissions permissions, Database database, LfsObjectStore store,
            long maxObjectBytes) {
        if (maxObjectBytes <= 0) {
            throw new IllegalArgumentException("max_object_bytes must be positive");
        }
        this.repositories = repositories;
        this.permissions = permissions;
        this.access = new GitAccess(permissions);
        this.store = store;
        this.objects = new LfsObjects(database);
        this.locks = new LfsLocks(database);
        this.maxObjectBytes = maxObjectBytes;
    }

    /** An LFS error: status and message, sent as LFS's JSON; a 409 of the locking API carries the lock it ran into. */
    static final class LfsError extends Exception {

        private static final long serialVersionUID = 1L;

        private final int status;
        private final transient ObjectNode lock;

        LfsError(int status, String message) {
            this(status, message, null);
        }

        LfsError(int status, String message, ObjectNode lock) {
            super(message);
            this.status = status;
            this.lock = lock;
        }
    }

    /** Answers one LFS request. */
    void serve(LfsPath path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal principal = Principal.of(request.getAttribute(Principal.REQUEST_ATTRIBUTE));
        String documentation = switch (path.endpoint()) {
            case LOCKS, LOCKS_VERIFY, UNLOCK -> LOCKING_DOCUMENTATION;
            default -> BATCH_DOCUMENTATION;
        };
        try {
            switch (path.endpoint()) {
                case BATCH -> batch(path, principal, request, response);
                case OBJECT -> {
                    if ("PUT".equals(request.getMethod())) {
                        upload(path, principal, request, response);
                    } else {
                        download(path, principal, response);
                    }
                }
                case VERIFY -> verify(path, principal, request, response);
                case LOCKS -> {
                    if ("POST".equals(request.getMethod())) {
                        createLock(path, principal, request, response);
                    } else {
                        listLocks(path, principal, request, response);
                    }
                }
                case LOCKS_VERIFY -> verifyLocks(path, principal, request, response);
                case UNLOCK -> unlock(path, principal, request, response);
            }
        } catch (LfsError e) {
            error(response, e.status, e.getMessage(), documentation, e.lock);
        } catch (ApiException e) {
            if (e.status() >= 500) {
                LOG.error("LFS request {} {} failed", request.getMethod(), request.getRequestURI(), e);
            }
            error(response, e.status(), e.getMessage(), documentation, null);
        }
    }

    // ---- batch API and the basic transfer adapter

    private void batch(LfsPath path, Principal principal, HttpServletRequest request, HttpServletResponse response)
            throws IOException, LfsError {
        JsonNode body = jsonBody(request);
        String operation = body.path("operation").asText("");
        if (!operation.equals("upload") && !operation.equals("download")) {
            throw new LfsError(422, "The operation must be \"upload\" or \"download\".");
        }
        boolean upload = operation.equals("upload");
        Repository repo = authorise(path, principal, upload ? GitService.RECEIVE_PACK : GitService.UPLOAD_PACK);
        JsonNode transfers = body.path("transfers");
        if (!transfers.isMissingNode() && !transfers.isNull()) {
            if (!transfers.isArray() || !contains(transfers, "basic")) {
                throw new LfsError(422, "Codara offers the basic transfer adapter only.");
            }
        }
        JsonNode hashAlgo = body.path("hash_algo");
        if (!hashAlgo.isMissingNode() && !hashAlgo.isNull() && !"sha256".equals(hashAlgo.asText())) {
            throw new LfsError(409, "Codara stores objects by SHA-256 only (hash_algo \"sha256\").");
        }
        JsonNode requested = body.path("objects");
        if (!requested.isArray()) {
            throw new LfsError(422, "The request needs an \"objects\" array.");
        }
        if (requested.size() > MAX_BATCH_OBJECTS) {
            throw new LfsError(422, "At most " + MAX_BATCH_OBJECTS + " objects per batch request.");
        }
        List<String> oids = new ArrayList<>();
        for (JsonNode object : requested) {
            String oid = object.path("oid").asText("");
            if (LfsObjectStore.validOid(oid)) {
                oids.add(oid);
            }
        }
        Map<String, Long> held = objects.sizes(repo, oids);
        String base = baseUrl(request) + LfsPath.prefix(repo.fullName());
        ArrayNode answers = JSON.createArrayNode();
        for (JsonNode object : requested) {
            answers.add(upload ? uploadAnswer(object, held, base) : downloadAnswer(object, held, base));
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("transfer", "basic");
        answer.set("objects", answers);
        answer.put("hash_algo", "sha256");
        send(response, 200, answer);
    }

    private ObjectNode uploadAnswer(JsonNode object, Map<String, Long> held, String base) throws IOException {
        ObjectNode answer = objectAnswer(object);
        Optional<String> invalid = invalid(object);
        if (invalid.isPresent()) {
            return withError(answer, 422, invalid.get());
        }
        String oid = object.get("oid").asText();
        long size = object.get("size").asLong();
        if (size > maxObjectBytes) {
            return withError(answer, 413, "The object is " + size + " bytes; Codara's LFS size limit is " + maxObjectBytes + " bytes.");
        }
        Long recorded = held.get(oid);
        if (recorded != null && recorded != size) {
            return withError(answer, 422, "This repository has object " + oid + " with " + recorded + " bytes, not " + size + ".");
        }
        if (recorded != null && store.contains(oid, size)) {
            // Already here: git-lfs skips objects without actions.
            return answer;
        }
        ObjectNode actions = answer.putObject("actions");
        actions.putObject("upload").put("href", base + "/objects/" + oid);
        actions.putObject("verify").put("href", base + "/objects/verify");
        return answer;
    }

    private ObjectNode downloadAnswer(JsonNode object, Map<String, Long> held, String base) throws IOException {
        ObjectNode answer = objectAnswer(object);
        Optional<String> invalid = invalid(object);
        if (invalid.isPresent()) {
            return withError(answer, 422, invalid.get());
        }
        String oid = object.get("oid").asText();
        long size = object.get("size").asLong();
        Long recorded = held.get(oid);
        if (recorded == null || !store.contains(oid, recorded)) {
            return withError(answer, 404, "Object does not exist");
        }
        if (recorded != size) {
            return withError(answer, 422, "Object " + oid + " has " + recorded + " bytes, not " + size + ".");
        }
        answer.putObject("actions").putObject("download").put("href", base + "/objects/" + oid);
        return answer;
    }

    /** What is wrong with a requested object's oid or size, if anything. */
    private static Optional<String> invalid(JsonNode object) {
        if (!object.isObject() || !LfsObjectStore.validOid(object.path("oid").asText(""))) {
            return Optional.of("Invalid oid: an LFS object id is a SHA-256 in 64 lower-case hex digits.");
        }
        JsonNode size = object.path("size");
        if (!size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 0) {
            return Optional.of("Invalid size: it must be a whole number of bytes, 0 or more.");
        }
        return Optional.empty();
    }

    private static ObjectNode objectAnswer(JsonNode object) {
        ObjectNode answer = JSON.createObjectNode();
        JsonNode oid = object.path("oid");
        answer.put("oid", oid.isTextual() ? oid.asText() : "");
        JsonNode size = object.path("size");
        answer.put("size", size.isIntegralNumber() && size.canConvertToLong() ? size.asLong() : 0);
        return answer;
    }

    private static ObjectNode withError(ObjectNode answer, int code, String message) {
        answer.putObject("error").put("code", code).put("message", message);
        return answer;
    }

    /** {@code PUT objects/{oid}}: the content is kept only if it is the object, then recorded for the repository. */
    private void upload(LfsPath path, Principal principal, HttpServletRequest request, HttpServletResponse response)
            throws IOException, LfsError {
        Repository repo = authorise(path, principal, GitService.RECEIVE_PACK);
        long size = request.getContentLengthLong();
        if (size < 0) {
            throw new LfsError(411, "An upload must say its size in Content-Length.");
        }
        if (size > maxObjectBytes) {
            throw new LfsError(413, "The object is " + size + " bytes; Codara's LFS size limit is " + maxObjectBytes + " bytes.");
        }
        try (InputStream body = request.getInputStream()) {
            store.receive(path.oid(), size, body);
        } catch (LfsObjectStore.WrongContent e) {
            throw new LfsError(422, e.getMessage());
        }
        objects.record(repo, path.oid(), size);
        response.setStatus(200);
        response.setContentLength(0);
    }

    /** {@code GET objects/{oid}}: only an object recorded for a repository the caller may read. */
    private void download(LfsPath path, Principal principal, HttpServletResponse response) throws IOException, LfsError {
        Repository repo = authorise(path, principal, GitService.UPLOAD_PACK);
        Long size = objects.sizes(repo, List.of(path.oid())).get(path.oid());
        if (size == null || !store.contains(path.oid(), size)) {
            throw new LfsError(404, "Object does not exist");
        }
        response.setStatus(200);
        response.setContentType("application/octet-stream");
        response.setContentLengthLong(size);
        try (InputStream in = store.open(path.oid()); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    /** {@code POST objects/verify}: whether the upload arrived, whole. */
    private void verify(LfsPath path, Principal principal, HttpServletRequest request, HttpServletResponse response)
            throws IOException, LfsError {
        Repository repo = authorise(path, principal, GitService.RECEIVE_PACK);
        JsonNode body = jsonBody(request);
        Optional<String> invalid = invalid(body);
        if (invalid.isPresent()) {
            throw new LfsError(422, invalid.get());
        }
        String oid = body.get("oid").asText();
        long size = body.get("size").asLong();
        Long recorded = objects.sizes(repo, List.of(oid)).get(oid);
        if (recorded == null || recorded != size || !store.contains(oid, size)) {
            throw new LfsError(404, "Object " + oid + " of " + size + " bytes was not uploaded to " + repo.fullName() + ".");
        }
        send(response, 200, JSON.createObjectNode().put("message", "Verified"));
    }

    // ---- locking API

    private void createLock(LfsPath path, Principal principal, HttpServletRequest request, HttpServletResponse response)
            throws IOException, LfsError {
        Repository repo = authorise(path, principal, GitService.RECEIVE_PACK);
        JsonNode body = jsonBody(request);
        String lockPath = lockPath(body.path("path"));
        LfsLocks.Result result = locks.create(repo, lockPath, principal.login(), refName(body));
        if (!result.created()) {
            throw new LfsError(409, "already created lock", lockJson(result.lock()));
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("lock", lockJson(result.lock()));
        send(response, 201, answer);
    }

    private void listLocks(LfsPath path, Principal principal, HttpServletRequest request, HttpServletResponse response)
            throws IOException, LfsError {
        Repository repo = authorise(path, principal, GitService.UPLOAD_PACK);
        String lockPath = request.getParameter("path");
        if (lockPath != null) {
            lockPath = lockPath(JSON.getNodeFactory().textNode(lockPath));
        }
        Long id = number(request.getParameter("id"), "id");
        Long cursor = number(request.getParameter("cursor"), "cursor");
        int limit = limit(request.getParameter("limit"));
        LfsLocks.Page page = locks.list(repo, new LfsLocks.Query(lockPath, id, cursor, limit, null));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode list = answer.putArray("locks");
        page.locks().forEach(lock -> list.add(lockJson(lock)));
        if (page.nextCursor() != null) {
            answer.put("next_cursor", page.nextCursor());
        }
        send(response, 200, answer);
    }

    private void verifyLocks(LfsPath path, Principal principal, HttpServletRequest request, HttpServletResponse response)
            throws IOException, LfsError {
        Repository repo = authorise(path, principal, GitService.RECEIVE_PACK);
        JsonNode body = jsonBody(request);
        Long cursor = number(body.path("cursor").isNull() ? null : body.path("cursor").asText(null), "cursor");
        JsonNode limitNode = body.path("limit");
        int limit = limit(limitNode.isMissingNode() || limitNode.isNull() ? null : limitNode.asText());
        LfsLocks.Page page = locks.list(repo, new LfsLocks.Query(null, null, cursor, limit, null));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode ours = answer.putArray("ours");
        ArrayNode theirs = answer.putArray("theirs");
        for (LfsLocks.Lock lock : page.locks()) {
            (lock.owner().equalsIgnoreCase(principal.login()) ? ours : theirs).add(lockJson(lock));
        }
        if (page.nextCursor() != null) {
            answer.put("next_cursor", page.nextCursor());
        }
        send(response, 200, answer);
    }

    private void unlock(LfsPath path, Principal principal, HttpServletRequest request, HttpServletResponse response)
            throws IOException, LfsError {
        Repository repo = authorise(path, principal, GitService.RECEIVE_PACK);
        JsonNode body = jsonBody(request);
        boolean force = body.path("force").asBoolean(false);
        LfsLocks.Lock lock = locks.find(repo, path.lockId())
                .orElseThrow(() -> new LfsError(404, "Lock " + path.lockId() + " does not exist."));
        if (!lock.owner().equalsIgnoreCase(principal.login())) {
            if (!force) {
                throw new LfsError(403, "The lock on " + lock.path() + " is held by " + lock.owner()
                        + "; only they may remove it, or an administrator with --force.");
            }
            Decision admin = permissions.decide(principal, RepositoryAuthority.ADMIN, new ResourceRef("repository", repo.fullName()));
            if (admin != Decision.ALLOW) {
                throw new LfsError(403, "Only administrators of " + repo.fullName() + " may remove another user's lock.");
            }
        }
        if (!locks.delete(repo, lock.id())) {
            throw new LfsError(404, "Lock " + path.lockId() + " does not exist.");
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("lock", lockJson(lock));
        send(response, 200, answer);
    }

    private static String lockPath(JsonNode node) throws LfsError {
        String path = node.isTextual() ? node.asText() : "";
        if (path.isEmpty() || path.length() > 4096 || path.startsWith("/") || path.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw new LfsError(422, "A lock needs a \"path\": a file's path in the repository, relative, without control characters.");
        }
        return path;
    }

    private static String refName(JsonNode body) {
        JsonNode name = body.path("ref").path("name");
        return name.isTextual() && name.asText().length() <= 1024 ? name.asText() : null;
    }

    private static Long number(String value, String name) throws LfsError {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!value.matches("[1-9][0-9]{0,17}")) {
            throw new LfsError(422, "\"" + name + "\" must be a lock id.");
        }
        return Long.parseLong(value);
    }

    private static int limit(String value) throws LfsError {
        if (value == null || value.isEmpty()) {
            return MAX_LOCK_PAGE;
        }
        if (!value.matches("[0-9]{1,4}") || Integer.parseInt(value) < 1) {
            throw new LfsError(422, "\"limit\" must be a number from 1 to " + MAX_LOCK_PAGE + ".");
        }
        return Math.min(Integer.parseInt(value), MAX_LOCK_PAGE);
    }

    private static ObjectNode lockJson(LfsLocks.Lock lock) {
        ObjectNode json = JSON.createObjectNode();
        json.put("id", Long.toString(lock.id()));
        json.put("path", lock.path());
        json.put("locked_at", lock.lockedAt().toString());
        json.putObject("owner").put("name", lock.owner());
        return json;
    }

    // ---- shared

    /** The repository, if {@code principal} may use {@code service} on it; refused as git over HTTP refuses. */
    private Repository authorise(LfsPath path, Principal principal, GitService service) throws LfsError {
        Optional<Repository> repository;
        try {
            repository = repositories.resolve(path.owner(), path.name());
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            repository = Optional.empty();
        }
        Optional<GitAccess.Refusal> refusal = access.refusal(principal, service, repository);
        if (refusal.isPresent()) {
            throw new LfsError(refusal.get().status(), refusal.get().message());
        }
        return repository.get();
    }

    private static JsonNode jsonBody(HttpServletRequest request) throws IOException, LfsError {
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_JSON_BYTES + 1);
        }
        if (bytes.length > MAX_JSON_BYTES) {
            throw new LfsError(413, "The request body is larger than " + MAX_JSON_BYTES + " bytes.");
        }
        try {
            JsonNode body = JSON.readTree(bytes);
            if (body == null || !body.isObject()) {
                throw new LfsError(422, "The request body must be a JSON object.");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new LfsError(422, "The request body is not valid JSON.");
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode node : array) {
            if (value.equals(node.asText())) {
                return true;
            }
        }
        return false;
    }

    /** {@code scheme://host[:port]} and the context path, as the client addressed this server. */
    private static String baseUrl(HttpServletRequest request) {
        String url = request.getRequestURL().toString();
        String uri = request.getRequestURI();
        return url.substring(0, url.length() - uri.length()) + request.getContextPath();
    }

    private static void send(HttpServletResponse response, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static void error(HttpServletResponse response, int status, String message, String documentation,
            ObjectNode lock) throws IOException {
        if (status == 401) {
            response.setHeader("LFS-Authenticate", "Basic realm=\"Codara\"");
            response.setHeader("WWW-Authenticate", "Basic realm=\"Codara\"");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (lock != null) {
            body.put("lock", lock);
        }
        body.put("message", message);
        String requestId = response.getHeader("X-Request-Id");
        if (requestId != null) {
            body.put("request_id", requestId);
        }
        body.put("documentation_url", documentation);
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
