// The shapes of the REST API's JSON that the app reads (GitHub's field names). Only the fields the app uses.

export interface User {
  login: string;
  id: number;
  type: 'User' | 'Organization';
  name?: string | null;
  avatar_url: string;
  html_url?: string;
  bio?: string | null;
  company?: string | null;
  location?: string | null;
  blog?: string | null;
  email?: string | null;
  site_admin?: boolean;
  created_at?: string;
  public_repos?: number;
  followers?: number;
  following?: number;
}

export interface Session {
  user: User;
  csrf_token: string;
}

export interface Permissions {
  admin: boolean;
  maintain?: boolean;
  push: boolean;
  triage?: boolean;
  pull: boolean;
}

export interface Repository {
  id: number;
  name: string;
  full_name: string;
  owner: User;
  private: boolean;
  visibility: 'public' | 'private' | 'internal';
  description: string | null;
  fork: boolean;
  parent?: Repository;
  source?: Repository;
  template_repository?: Repository | null;
  is_template?: boolean;
  archived: boolean;
  default_branch: string;
  topics?: string[];
  clone_url: string;
  html_url?: string;
  homepage?: string | null;
  size: number;
  forks_count: number;
  stargazers_count?: number;
  watchers_count?: number;
  subscribers_count?: number;
  open_issues_count?: number;
  language?: string | null;
  created_at: string;
  updated_at: string;
  pushed_at: string | null;
  permissions?: Permissions;
}

export interface GitUser {
  name: string;
  email: string;
  date: string;
}

/** GitHub's commit.verification, plus Codara's key_id (GPG key id or SSH fingerprint) and signer (login). */
export interface CommitVerification {
  verified: boolean;
  reason: string;
  signature: string | null;
  payload: string | null;
  verified_at: string | null;
  key_id?: string | null;
  signer?: string | null;
}

export interface Commit {
  sha: string;
  commit: { message: string; author: GitUser; committer: GitUser; tree: { sha: string }; verification?: CommitVerification };
  author: User | null;
  committer: User | null;
  parents: Array<{ sha: string }>;
  stats?: { additions: number; deletions: number; total: number };
  files?: CommitFile[];
}

export interface CommitFile {
  sha?: string;
  filename: string;
  previous_filename?: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
}

export interface Branch {
  name: string;
  commit: { sha: string };
  protected: boolean;
}

export interface Tag {
  name: string;
  commit: { sha: string };
}

export interface ContentEntry {
  type: 'file' | 'dir' | 'symlink' | 'submodule';
  name: string;
  path: string;
  sha: string;
  size: number;
  content?: string;
  encoding?: string;
  target?: string;
}
