package io.codara.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.codara.api.git.Repositories;
import io.codara.api.git.Repository;
import io.codara.api.rest.ApiException;
import io.codara.api.search.IndexStatus;
import io.codara.api.search.IndexedBranch;
import io.codara.api.search.SearchIndexAdmin;
import io.codara.api.storage.JobQueue;
import io.codara.api.storage.QueueStats;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Rebuilds the code index from git through the indexing queue and reports what it holds. */
@Component(service = SearchIndexAdmin.class)
public final class IndexAdministration implements SearchIndexAdmin {

    private final CodeIndex index;
    private final CodeIndexer indexer;
    private final Repositories repositories;
    private final JobQueue jobs;

    @Activate
    public IndexAdministration(@Reference CodeIndex index, @Reference CodeIndexer indexer,
            @Reference Repositories repositories, @Reference JobQueue jobs) {
        this.index = index;
        this.indexer = indexer;
        this.repositories = repositories;
        this.jobs = jobs;
    }

    @Override
    public void rebuild(String owner, String name) {
        Repository repository = repositories.resolve(owner, name).orElseThrow(ApiException::notFound);
        try {
            indexer.drop(repository.id());
        } catch (IOException e) {
            throw new UncheckedIOException("The code index could not be written", e);
        }
        indexer.enqueueSync(repository.id());
    }

    @Override
    public int rebuildAll() {
        try {
            index.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("The code index could not be written", e);
        }
        int queued = 0;
        long since = 0;
        for (List<Repository> batch = repositories.visible(CodeIndexer.INDEXER, since, 500); !batch.isEmpty();
                batch = repositories.visible(CodeIndexer.INDEXER, since, 500)) {
            for (Repository repository : batch) {
                indexer.enqueueSync(repository.id());
                queued++;
            }
            since = batch.get(batch.size() - 1).id();
        }
        return queued;
    }

    @Override
    public IndexStatus status() {
        try {
            List<IndexedBranch> branches = new ArrayList<>();
            for (Map.Entry<Long, Map<String, String>> e : index.all().entrySet()) {
                Optional<Repository> repository = repositories.find(e.getKey());
                for (Map.Entry<String, String> branch : e.getValue().entrySet()) {
                    branches.add(new IndexedBranch(e.getKey(), repository.map(Repository::fullName).orElse(null),
                            branch.getKey(), branch.getValue(), index.files(e.getKey(), branch.getKey())));
                }
            }
            long[] totals = index.totals();
            QueueStats queue = jobs.stats(CodeIndexer.QUEUE);
            return new IndexStatus((int) branches.stream().mapToLong(IndexedBranch::repositoryId).distinct().count(),
                    totals[0], totals[1], index.diskBytes(), queue.queued() + queue.running(), branches,
                    indexer.symbolProblems());
        } catch (IOException e) {
            throw new UncheckedIOException("The code index could not be read", e);
        }
    }
}
