import type { User } from '../../../lib/types';

export type RunStatus = 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';

/** GitHub's workflow run, as GET /repos/{o}/{r}/actions/runs gives it. */
export interface WorkflowRunJson {
  id: number;
  name: string;
  display_title: string;
  head_branch: string | null;
  head_sha: string;
  path: string;
  run_number: number;
  run_attempt: number;
  event: string;
  status: RunStatus | string;
  conclusion: string | null;
  html_url: string;
  created_at: string;
  updated_at: string;
  run_started_at: string | null;
  actor: User | null;
  triggering_actor: User | null;
}

export interface WorkflowRunsJson {
  total_count: number;
  workflow_runs: WorkflowRunJson[];
}

export interface WorkflowStepJson {
  name: string;
  status: string;
  conclusion: string | null;
  number: number;
  started_at: string | null;
  completed_at: string | null;
}

export interface WorkflowJobJson {
  id: number;
  run_id: number;
  run_attempt: number;
  name: string;
  job_key: string | null;
  needs: string[] | null;
  status: string;
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
  message: string | null;
  steps: WorkflowStepJson[];
  labels: string[] | null;
  runner_name: string | null;
}

export interface WorkflowJobsJson {
  total_count: number;
  jobs: WorkflowJobJson[];
}

/** GitHub's artifact, as GET /repos/{o}/{r}/actions/runs/{id}/artifacts gives it. */
export interface ArtifactJson {
  id: number;
  name: string;
  size_in_bytes: number;
  archive_download_url: string;
  expired: boolean;
  digest?: string | null;
  created_at: string;
  expires_at: string;
}

export interface ArtifactsJson {
  total_count: number;
  artifacts: ArtifactJson[];
}

/** GitHub's cache entry, as GET /repos/{o}/{r}/actions/caches gives it. */
export interface ActionsCacheJson {
  id: number;
  ref: string;
  key: string;
  version: string;
  size_in_bytes: number;
  created_at: string;
  last_accessed_at: string;
}

export interface ActionsCachesJson {
  total_count: number;
  actions_caches: ActionsCacheJson[];
}
