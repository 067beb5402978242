import { useState } from 'react';
import './branch-health.css';

/** One part of a branch's health score (GET /branch-health). */
export interface HealthPart {
  name: string;
  value: string | number | null;
  points: number;
  max: number;
  explanation: string;
}

/** One entry of GET /branch-health and GET /stale-branches. */
export interface BranchHealthJson {
  name: string;
  sha: string;
  last_activity_at: string;
  first_commit_at: string;
  ahead_by: number;
  behind_by: number;
  ci_state: string;
  pull_request: { number: number; mergeable: boolean | null } | null;
  score: number;
  parts: HealthPart[];
}

/** The badge colour of a score: 70 and up healthy, 40 and up needs attention, below that unhealthy. */
export function healthTone(score: number): 'success' | 'attention' | 'danger' {
  return score >= 70 ? 'success' : score >= 40 ? 'attention' : 'danger';
}

const LABELS: Record<string, string> = {
  behind: 'Behind', staleness: 'Staleness', ci: 'CI', pull_request: 'Pull request', age: 'Age',
};

/** A branch's score as a badge; a click lists the parts it adds up from, with their points and why. */
export function HealthBadge({ health }: { health: BranchHealthJson }) {
  const [open, setOpen] = useState(false);
  const id = `health-${health.name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <span className="branch-health" data-testid="branch-health" data-score={health.score}>
      <button type="button" className={`badge ${healthTone(health.score)}`} aria-expanded={open} aria-controls={id}
        title="Branch health: click for its parts" onClick={() => setOpen((o) => !o)}>
        Health {health.score}
      </button>
      {open && (
        <div id={id} className="box branch-health-popover" role="dialog" aria-label={`Health of ${health.name}`}>
          <table>
            <tbody>
              {health.parts.map((p) => (
                <tr key={p.name} data-part={p.name}>
                  <th scope="row">{LABELS[p.name] ?? p.name}</th>
                  <td className="mono">{p.points}/{p.max}</td>
                  <td className="muted small">{p.explanation}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </span>
  );
}
