package io.codara.api.ci.spi;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where a runner fetches a job's commit from: a bare repository on a file system it shares with Codara (forks find
 * their parent's objects through git alternates), or a clone URL with a token for runners elsewhere.
 *
 * @param gitDir the bare repository's path, or {@code null}
 * @param cloneUrl the smart-HTTP URL, or {@code null} when {@code gitDir} is given
 * @param token a token that may read the repository over {@code cloneUrl} (sent as HTTP basic auth and masked in
 *        logs), or {@code null} for a public repository
 */
public record RepositorySource(Path gitDir, URI cloneUrl, String token) {

    public RepositorySource {
        if ((gitDir == null) == (cloneUrl == null)) {
            throw new IllegalArgumentException("exactly one of gitDir and cloneUrl must be given");
        }
    }

    /** A bare repository on a shared file system. */
    public static RepositorySource local(Path gitDir) {
        return new RepositorySource(gitDir, null, null);
    }

    /** A repository fetched over smart HTTP, with an optional token. */
    public static RepositorySource remote(URI cloneUrl, String token) {
        return new RepositorySource(null, cloneUrl, token);
    }
}
