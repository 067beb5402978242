// The jobs of a run as GitHub draws them: columns by depth, where a job's depth is one more than the deepest job it
// `needs` (jobs without needs, or whose needs are not in the run, start at column 0).

export interface GraphJob {
  id: number;
  name: string;
  /** The job's id in the workflow file; matrix jobs share it. */
  job_key?: string | null;
  needs?: string[] | null;
}

/** The depth of every job by its id. A cycle (which the engine refuses anyway) is cut where it closes. */
export function jobDepths(jobs: GraphJob[]): Map<number, number> {
  const byKey = new Map<string, GraphJob[]>();
  for (const job of jobs) {
    const key = job.job_key ?? job.name;
    byKey.set(key, [...(byKey.get(key) ?? []), job]);
  }
  const depths = new Map<number, number>();
  const visiting = new Set<number>();
  const depthOf = (job: GraphJob): number => {
    const known = depths.get(job.id);
    if (known !== undefined) return known;
    if (visiting.has(job.id)) return 0;
    visiting.add(job.id);
    let depth = 0;
    for (const need of job.needs ?? []) {
      for (const needed of byKey.get(need) ?? []) depth = Math.max(depth, depthOf(needed) + 1);
    }
    visiting.delete(job.id);
    depths.set(job.id, depth);
    return depth;
  };
  jobs.forEach(depthOf);
  return depths;
}

/** The jobs in columns by depth, each column in the run's order. */
export function layoutJobs<T extends GraphJob>(jobs: T[]): T[][] {
  const depths = jobDepths(jobs);
  const columns: T[][] = [];
  for (const job of jobs) {
    const depth = depths.get(job.id) ?? 0;
    while (columns.length <= depth) columns.push([]);
    columns[depth].push(job);
  }
  return columns.filter((column) => column.length > 0);
}
