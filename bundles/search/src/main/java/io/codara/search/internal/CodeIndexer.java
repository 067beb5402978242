package io.codara.search.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import io.codara.api.event.Topics;
import io.codara.api.git.Languages;
import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.git.RepositoryDirectories;
import io.codara.api.security.Principal;
import io.codara.api.storage.Job;
import io.codara.api.storage.JobOptions;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.spi.JobHandler;
import io.codara.search.internal.dependencies.ManifestParsers;
import io.codara.search.internal.symbols.SourceFile;
import io.codara.search.internal.symbols.SymbolDefinition;
import io.codara.search.internal.symbols.SymbolExtractor;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link CodeIndex} equal to the repositories: on a push, a repository's creation or deletion it queues a
 * job, and the job brings the repository's indexed branches (its default branch and those the configuration names)
 * to their current heads by diffing the trees of the indexed and the current commit, so only changed blobs are read.
 * A force-push is just another tree diff; a branch gone or no longer wanted is dropped; a commit the index knows but
 * git no longer has (collected after a force-push) means a full reindex of that branch. Jobs are idempotent, so
 * redelivered events and retried jobs do no harm, and on start a catch-up job finds every repository whose indexed
 * commits differ from its heads (pushes missed while Codara or this bundle was stopped).
 * <p>
 * Each manifest or lockfile that {@link ManifestParsers} reads (outside vendored directories) has its declared
 * dependencies indexed with it, replaced when it changes and removed with it, its branch or its repository.
 * <p>
 * Symbols come from every registered {@link SymbolExtractor}, in service ranking order: for each file, the first
 * extractor that finds definitions in it wins.
 */
@Component(service = {CodeIndexer.class, EventHandler.class, JobHandler.class}, configurationPid = CodeIndexer.PID,
        property = {EventConstants.EVENT_TOPIC + "=" + Topics.GIT_PUSH,
            EventConstants.EVENT_TOPIC + "=" + Topics.GIT_REPOSITORY_CREATED,
            EventConstants.EVENT_TOPIC + "=" + Topics.GIT_REPOSITORY_DELETED,
            EventConstants.EVENT_TOPIC + "=" + Topics.GIT_DEFAULT_BRANCH_CHANGED,
            JobHandler.QUEUE + "=" + CodeIndexer.QUEUE})
@Designate(ocd = CodeIndexerConfig.class)
public final class CodeIndexer implements EventHandler, JobHandler {

    static final String PID = "io.codara.search.indexer";
    static final String QUEUE = "search.index";
    /** Lists every repository, whatever its visibility: indexing is not answering anyone. */
    static final Principal INDEXER = new Principal("codara-search-indexer", true, null);

    private static final Logger LOG = LoggerFactory.getLogger(CodeIndexer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Files per symbol-extraction batch and per round of index writes. */
    private static final int BATCH_FILES = 200;
    /** A file with a NUL byte in its first 8000 bytes is binary, as git decides it. */
    private static final int BINARY_PROBE = 8000;

    private final CodeIndex index;
    private final JobQueue jobs;
    private final Repositories repositories;
    private final RepositoryDirectories directories;
    private final Languages languages;
    private final ManifestParsers manifests;
    private final List<Pattern> branchPatterns;
    private final int maxFileBytes;
    private final Map<Long, Object> locks = new ConcurrentHashMap<>();
    private final List<RankedExtractor> extractors = new CopyOnWriteArrayList<>();

    private record RankedExtractor(SymbolExtractor extractor, int ranking, long serviceId) {
    }

    @Activate
    public CodeIndexer(@Reference CodeIndex index, @Reference JobQueue jobs, @Reference Repositories repositories,
            @Reference RepositoryDirectories directories, @Reference Languages languages,
            @Reference ManifestParsers manifests, CodeIndexerConfig config) {
        this.index = index;
        this.jobs = jobs;
        this.repositories = repositories;
        this.directories = directories;
        this.languages = languages;
        this.manifests = manifests;
        this.branchPatterns = new ArrayList<>();
        for (String glob : config.branches()) {
            if (!glob.isBlank()) {
                branchPatterns.add(glob(glob.strip()));
            }
        }
        this.maxFileBytes = Math.max(1, config.max_file_bytes());
        if (config.catch_up_on_start()) {
            enqueue(Map.of("action", "catch_up"));
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSymbolExtractor(SymbolExtractor extractor, Map<String, Object> properties) {
        int ranking = properties.get(org.osgi.framework.Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
        long id = properties.get(org.osgi.framework.Constants.SERVICE_ID) instanceof Long l ? l : 0L;
        extractors.add(new RankedExtractor(extractor, ranking, id));
        extractors.sort(Comparator.comparingInt(RankedExtractor::ranking).reversed()
                .thenComparingLong(RankedExtractor::serviceId));
    }

    /** What the registered symbol extractors cannot do (a missing tagger, say), for the index's status. */
    List<String> symbolProblems() {
        List<String> problems = new ArrayList<>();
        for (RankedExtractor ranked : extractors) {
            ranked.extractor().problem().ifPresent(problems::add);
        }
        if (extractors.isEmpty()) {
            problems.add("No symbol extractor is registered: files are indexed without their definitions");
        }
        return problems;
    }

    void removeSymbolExtractor(SymbolExtractor extractor) {
        extractors.removeIf(r -> r.extractor() == extractor);
    }

    /**
     * Queues the repository's synchronisation: reading blobs is no work for EventAdmin's delivery thread, and a
     * queued job is retried when it fails.
     */
    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty("repository_id") instanceof Number id)) {
            return;
        }
        if (Topics.GIT_PUSH.equals(event.getTopic()) && event.getProperty("ref_updates") instanceof List<?> updates
                && updates.stream().noneMatch(u -> u instanceof Map<?, ?> m && m.get("ref") instanceof String ref
                        && ref.startsWith(Constants.R_HEADS))) {
            return; // tags only
        }
        enqueue(Map.of("action", "sync", "repository_id", id.longValue()));
    }

    /** Queues a synchronisation of one repository. */
    void enqueueSync(long repositoryId) {
        enqueue(Map.of("action", "sync", "repository_id", repositoryId));
    }

    private void enqueue(Map<String, Object> payload) {
        try {
            jobs.enqueue(QUEUE, JSON.writeValueAsString(payload), JobOptions.DEFAULT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An indexing job is not JSON: " + payload, e);
        }
    }

    @Override
    public void handle(Job job) throws Exception {
        JsonNode payload = JSON.readTree(job.payload());
        switch (payload.path("action").asText()) {
            case "sync" -> {
                if (!payload.path("repository_id").canConvertToLong()) {
                    throw new IllegalArgumentException("not an indexing job: " + job.payload());
                }
                sync(payload.path("repository_id").asLong());
            }
            case "catch_up" -> catchUp();
            default -> throw new IllegalArgumentException("not an indexing job: " + job.payload());
        }
    }

    /** Queues a synchronisation of every repository whose indexed branches differ from git's, and of the gone. */
    int catchUp() throws IOException {
        Map<Long, Map<String, String>> indexed = new HashMap<>(index.all());
        int queued = 0;
        long since = 0;
        for (List<Repository> batch = repositories.visible(INDEXER, since, 500); !batch.isEmpty();
                batch = repositories.visible(INDEXER, since, 500)) {
            for (Repository repository : batch) {
                Map<String, String> known = indexed.remove(repository.id());
                if (!heads(repository).equals(known == null ? Map.of() : known)) {
                    enqueueSync(repository.id());
                    queued++;
                }
            }
            since = batch.get(batch.size() - 1).id();
        }
        for (Long gone : indexed.keySet()) {
            enqueueSync(gone);
            queued++;
        }
        LOG.info("Code search catch-up queued {} repositories", queued);
        return queued;
    }

    /**
     * Brings the index of repository {@code repositoryId} to its branches' current heads (or removes it when the
     * repository is gone); returns the indexed branches and commits afterwards.
     */
    Map<String, String> sync(long repositoryId) throws IOException {
        synchronized (locks.computeIfAbsent(repositoryId, k -> new Object())) {
            Map<String, String> before = index.branches(repositoryId);
            Optional<Repository> repository = repositories.find(repositoryId);
            Path gitDir = directories.gitDirectory(repositoryId);
            if (repository.isEmpty() || !Files.isDirectory(gitDir)) {
                index.removeRepository(repositoryId);
                index.commit(repositoryId, Map.of());
                return Map.of();
            }
            Map<String, String> after = new LinkedHashMap<>();
            try (org.eclipse.jgit.lib.Repository git = open(gitDir)) {
                Map<String, ObjectId> heads = heads(git, repository.get());
                for (String branch : before.keySet()) {
                    if (!heads.containsKey(branch)) {
                        index.removeBranch(repositoryId, branch);
                    }
                }
                for (Map.Entry<String, ObjectId> head : heads.entrySet()) {
                    String branch = head.getKey();
                    String known = before.get(branch);
                    if (!head.getValue().name().equals(known)) {
                        update(git, repositoryId, branch, known, head.getValue());
                    }
                    after.put(branch, head.getValue().name());
                }
            }
            if (!after.equals(before)) {
                index.commit(repositoryId, after);
            }
            return after;
        }
    }

    /** Drops what the index holds of a repository, durably. */
    void drop(long repositoryId) throws IOException {
        synchronized (locks.computeIfAbsent(repositoryId, k -> new Object())) {
            index.removeRepository(repositoryId);
            index.commit(repositoryId, Map.of());
        }
    }

    private static org.eclipse.jgit.lib.Repository open(Path gitDir) throws IOException {
        return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).setBare().build();
    }

    /** The branches to index (default branch and configured ones) and their commits, read from git. */
    private Map<String, String> heads(Repository repository) throws IOException {
        Path gitDir = directories.gitDirectory(repository.id());
        if (!Files.isDirectory(gitDir)) {
            return Map.of();
        }
        try (org.eclipse.jgit.lib.Repository git = open(gitDir)) {
            Map<String, String> out = new HashMap<>();
            heads(git, repository).forEach((branch, id) -> out.put(branch, id.name()));
            return out;
        }
    }

    private Map<String, ObjectId> heads(org.eclipse.jgit.lib.Repository git, Repository repository) throws IOException {
        Map<String, ObjectId> heads = new LinkedHashMap<>();
        try (RevWalk walk = new RevWalk(git)) {
            for (Ref ref : git.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
                String branch = ref.getName().substring(Constants.R_HEADS.length());
                if (ref.getObjectId() == null
                        || !branch.equals(repository.defaultBranch()) && branchPatterns.stream().noneMatch(p -> p.matcher(branch).matches())) {
                    continue;
                }
                try {
                    RevCommit commit = walk.parseCommit(ref.getObjectId());
                    heads.put(branch, commit.getId());
                } catch (MissingObjectException | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
                    LOG.warn("Branch {} of repository {} does not point at a commit: not indexed", branch, repository.id());
                }
            }
        }
        return heads;
    }

    /** Indexes {@code branch} at {@code head}, from the tree of {@code known} when the index has one. */
    private void update(org.eclipse.jgit.lib.Repository git, long repositoryId, String branch, String known,
            ObjectId head) throws IOException {
        try (RevWalk walk = new RevWalk(git); ObjectReader reader = git.newObjectReader();
                TreeWalk tree = new TreeWalk(reader)) {
            RevCommit now = walk.parseCommit(head);
            RevCommit then = null;
            if (known != null && ObjectId.isId(known)) {
                try {
                    then = walk.parseCommit(ObjectId.fromString(known));
                } catch (MissingObjectException gone) {
                    LOG.info("Indexed commit {} of {}:{} is gone from git: reindexing the branch", known, repositoryId, branch);
                }
            }
            tree.setRecursive(true);
            if (then == null) {
                index.removeBranch(repositoryId, branch);
                tree.addTree(now.getTree());
            } else {
                tree.addTree(then.getTree());
                tree.addTree(now.getTree());
                tree.setFilter(TreeFilter.ANY_DIFF);
            }
            int nowTree = then == null ? 0 : 1;
            List<Pending> batch = new ArrayList<>();
            while (tree.next()) {
                String path = tree.getPathString();
                FileMode mode = tree.getFileMode(nowTree);
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    if (then != null) {
                        index.remove(repositoryId, branch, path);
                    }
                    continue;
                }
                ObjectId blob = tree.getObjectId(nowTree);
                String text = read(reader, blob);
                if (text == null) {
                    if (then != null) {
                        index.remove(repositoryId, branch, path);
                    }
                    continue;
                }
                batch.add(new Pending(path, blob.name(), text));
                if (batch.size() >= BATCH_FILES) {
                    write(repositoryId, branch, batch);
                    batch.clear();
                }
            }
            write(repositoryId, branch, batch);
        }
    }

    private record Pending(String path, String sha, String text) {
    }

    /** The blob's text, or {@code null} when it is too large or binary. */
    private String read(ObjectReader reader, ObjectId blob) throws IOException {
        ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
        if (loader.getSize() > maxFileBytes) {
            return null;
        }
        byte[] bytes = loader.getCachedBytes(maxFileBytes);
        for (int i = 0, n = Math.min(bytes.length, BINARY_PROBE); i < n; i++) {
            if (bytes[i] == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            // Latin-1 maps every byte to a character: legacy-encoded source stays searchable by its ASCII.
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private void write(long repositoryId, String branch, List<Pending> batch) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        List<SourceFile> sources = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            sources.add(new SourceFile(p.path(), languages.language(p.path()), p.text()));
        }
        List<List<SymbolDefinition>> definitions = definitions(sources);
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            SourceFile source = sources.get(i);
            index.put(new IndexedFile(repositoryId, branch, p.path(), p.sha(), source.language(), p.text(),
                    p.text().getBytes(StandardCharsets.UTF_8).length, TestPaths.isTest(p.path()),
                    languages.vendored(p.path()), languages.generated(p.path()), languages.documentation(p.path()),
                    definitions.get(i)));
            // A manifest committed inside node_modules/ or vendor/ declares a vendored package's dependencies, not
            // the repository's.
            if (manifests.reads(p.path()) && !languages.vendored(p.path())) {
                index.putDependencies(repositoryId, branch, p.path(), manifests.parse(p.path(), p.text()));
            }
        }
    }

    /** Each file's definitions from the first extractor (by ranking) that finds any. */
    private List<List<SymbolDefinition>> definitions(List<SourceFile> sources) {
        List<List<SymbolDefinition>> out = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            out.add(List.of());
        }
        for (RankedExtractor ranked : extractors) {
            List<Integer> open = new ArrayList<>();
            List<SourceFile> ask = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                if (out.get(i).isEmpty()) {
                    open.add(i);
                    ask.add(sources.get(i));
                }
            }
            if (ask.isEmpty()) {
                break;
            }
            List<List<SymbolDefinition>> found;
            try {
                found = ranked.extractor().extract(ask);
            } catch (RuntimeException e) {
                LOG.warn("Symbol extractor {} failed on a batch; those files are indexed without its symbols",
                        ranked.extractor().getClass().getName(), e);
                continue;
            }
            for (int j = 0; j < open.size() && j < found.size(); j++) {
                if (found.get(j) != null && !found.get(j).isEmpty()) {
                    out.set(open.get(j), List.copyOf(found.get(j)));
                }
            }
        }
        return out;
    }

    /** A branch glob: {@code *} within a path segment, {@code **} across segments, {@code ?} one character. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
