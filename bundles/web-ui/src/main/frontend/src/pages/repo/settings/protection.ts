// Branch protection between the form and GitHub's JSON: the PUT body (four required keys, null when off) and the
// GET answer (each setting an object with `enabled`).

/** What the form edits. */
export interface ProtectionForm {
  pattern: string;
  requireReviews: boolean;
  reviewCount: number;
  dismissStaleReviews: boolean;
  requireCodeOwnerReviews: boolean;
  requireStatusChecks: boolean;
  strictStatusChecks: boolean;
  /** One context per line or comma. */
  contexts: string;
  enforceAdmins: boolean;
  allowForcePushes: boolean;
  allowDeletions: boolean;
  requiredLinearHistory: boolean;
  requiredSignatures: boolean;
}

/** GitHub's GET .../branches/{branch}/protection (only what the form reads). */
export interface ProtectionJson {
  url?: string;
  required_status_checks?: { strict: boolean; contexts: string[] } | null;
  required_pull_request_reviews?: {
    required_approving_review_count: number;
    dismiss_stale_reviews: boolean;
    require_code_owner_reviews: boolean;
  } | null;
  required_signatures?: { enabled: boolean };
  enforce_admins?: { enabled: boolean };
  required_linear_history?: { enabled: boolean };
  allow_force_pushes?: { enabled: boolean };
  allow_deletions?: { enabled: boolean };
}

/** GitHub's PUT body. */
export interface ProtectionBody {
  required_status_checks: { strict: boolean; contexts: string[] } | null;
  enforce_admins: boolean;
  required_pull_request_reviews: {
    required_approving_review_count: number;
    dismiss_stale_reviews: boolean;
    require_code_owner_reviews: boolean;
  } | null;
  restrictions: null;
  required_linear_history: boolean;
  allow_force_pushes: boolean;
  allow_deletions: boolean;
  required_signatures: boolean;
}

export function emptyProtection(pattern = ''): ProtectionForm {
  return {
    pattern,
    requireReviews: true,
    reviewCount: 1,
    dismissStaleReviews: false,
    requireCodeOwnerReviews: false,
    requireStatusChecks: false,
    strictStatusChecks: false,
    contexts: '',
    enforceAdmins: false,
    allowForcePushes: false,
    allowDeletions: false,
    requiredLinearHistory: false,
    requiredSignatures: false,
  };
}

export function splitContexts(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[\n,]+/)) {
    const context = part.trim();
    if (context && !out.includes(context)) out.push(context);
  }
  return out;
}

export function protectionBody(form: ProtectionForm): ProtectionBody {
  return {
    required_status_checks: form.requireStatusChecks
      ? { strict: form.strictStatusChecks, contexts: splitContexts(form.contexts) }
      : null,
    enforce_admins: form.enforceAdmins,
    required_pull_request_reviews: form.requireReviews
      ? {
        required_approving_review_count: form.reviewCount,
        dismiss_stale_reviews: form.dismissStaleReviews,
        require_code_owner_reviews: form.requireCodeOwnerReviews,
      }
      : null,
    // Push restrictions (users, teams) are kept out of this form: null lifts them, as GitHub's PUT does.
    restrictions: null,
    required_linear_history: form.requiredLinearHistory,
    allow_force_pushes: form.allowForcePushes,
    allow_deletions: form.allowDeletions,
    required_signatures: form.requiredSignatures,
  };
}

export function protectionForm(pattern: string, json: ProtectionJson): ProtectionForm {
  const reviews = json.required_pull_request_reviews ?? null;
  const checks = json.required_status_checks ?? null;
  return {
    pattern,
    requireReviews: reviews !== null,
    reviewCount: reviews?.required_approving_review_count ?? 1,
    dismissStaleReviews: reviews?.dismiss_stale_reviews ?? false,
    requireCodeOwnerReviews: reviews?.require_code_owner_reviews ?? false,
    requireStatusChecks: checks !== null,
    strictStatusChecks: checks?.strict ?? false,
    contexts: (checks?.contexts ?? []).join('\n'),
    enforceAdmins: json.enforce_admins?.enabled ?? false,
    allowForcePushes: json.allow_force_pushes?.enabled ?? false,
    allowDeletions: json.allow_deletions?.enabled ?? false,
    requiredLinearHistory: json.required_linear_history?.enabled ?? false,
    requiredSignatures: json.required_signatures?.enabled ?? false,
  };
}

/** One line on what a rule does, for the list of rules. */
export function protectionSummary(json: ProtectionJson): string[] {
  const parts: string[] = [];
  const reviews = json.required_pull_request_reviews;
  if (reviews) {
    const n = reviews.required_approving_review_count;
    parts.push(n === 0 ? 'Pull request required' : `${n} approving review${n === 1 ? '' : 's'}`);
  }
  const checks = json.required_status_checks;
  if (checks) parts.push(checks.contexts.length ? `Status checks: ${checks.contexts.join(', ')}` : 'Status checks');
  if (json.required_signatures?.enabled) parts.push('Signed commits');
  if (json.required_linear_history?.enabled) parts.push('Linear history');
  if (json.enforce_admins?.enabled) parts.push('Includes administrators');
  if (json.allow_force_pushes?.enabled) parts.push('Force pushes allowed');
  if (json.allow_deletions?.enabled) parts.push('Deletion allowed');
  return parts;
}
