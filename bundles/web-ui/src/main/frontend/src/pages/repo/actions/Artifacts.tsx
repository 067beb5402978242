import { useEffect, useRef } from 'react';
import type { ArtifactsJson } from './types';
import { API } from '../../../lib/api';
import { formatBytes, formatDate, plural, timeAgo } from '../../../lib/format';
import { useApi } from '../../../lib/hooks';

/**
 * A run's artifacts: name, size and a download link of its zip archive, or that it expired. Asked again with the
 * run while it goes on (`version` changes), as a job uploads them.
 */
export function RunArtifacts({ base, runId, version }: { base: string; runId: number; version: string }) {
  const artifacts = useApi<ArtifactsJson>(`${base}/actions/runs/${runId}/artifacts?per_page=100`);
  const { reload } = artifacts;
  const shown = useRef(version);
  useEffect(() => {
    if (shown.current === version) return;
    shown.current = version;
    reload();
  }, [version, reload]);
  // A server without artifacts (or a refused read) shows no section rather than an error beside the run's own.
  if (!artifacts.data || artifacts.data.artifacts.length === 0) return null;
  return (
    <section className="box run-artifacts" aria-labelledby="artifacts-title" data-testid="run-artifacts">
      <div className="box-header">
        <h3 id="artifacts-title" className="section-title">Artifacts</h3>
        <span className="muted small">{plural(artifacts.data.total_count, 'artifact')} produced during this run</span>
      </div>
      <ul className="artifact-list">
        {artifacts.data.artifacts.map((artifact) => (
          <li key={artifact.id} className="box-row artifact-row" data-artifact={artifact.name} data-expired={artifact.expired}>
            {artifact.expired ? (
              <span className="artifact-name muted" title="Its archive was deleted when it expired">{artifact.name}</span>
            ) : (
              <a className="artifact-name" href={`${API}${base}/actions/artifacts/${artifact.id}/zip`} download={`${artifact.name}.zip`}>
                {artifact.name}
              </a>
            )}
            <span className="muted small">{formatBytes(artifact.size_in_bytes)}</span>
            <span className="muted small">
              {artifact.expired ? <span className="badge">Expired</span> : (
                <>Expires <time dateTime={artifact.expires_at} title={formatDate(artifact.expires_at)}>{timeAgo(artifact.expires_at)}</time></>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
