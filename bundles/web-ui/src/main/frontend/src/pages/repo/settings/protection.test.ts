import { describe, expect, it } from 'vitest';
import { emptyProtection, protectionBody, protectionForm, protectionSummary, splitContexts, type ProtectionJson } from './protection';

describe('protection form to PUT body', () => {
  it('sends null for what is off, as GitHub requires the four keys', () => {
    const body = protectionBody({ ...emptyProtection('main'), requireReviews: false });
    expect(body).toEqual({
      required_status_checks: null,
      enforce_admins: false,
      required_pull_request_reviews: null,
      restrictions: null,
      required_linear_history: false,
      allow_force_pushes: false,
      allow_deletions: false,
      required_signatures: false,
    });
  });

  it('maps every setting', () => {
    const body = protectionBody({
      ...emptyProtection('main'),
      reviewCount: 2,
      dismissStaleReviews: true,
      requireStatusChecks: true,
      strictStatusChecks: true,
      contexts: 'ci/build\nci/test, ci/build\n',
      enforceAdmins: true,
      requiredLinearHistory: true,
      requiredSignatures: true,
      allowForcePushes: true,
    });
    expect(body.required_pull_request_reviews).toEqual({
      required_approving_review_count: 2, dismiss_stale_reviews: true, require_code_owner_reviews: false,
    });
    expect(body.required_status_checks).toEqual({ strict: true, contexts: ['ci/build', 'ci/test'] });
    expect(body.enforce_admins).toBe(true);
    expect(body.required_linear_history).toBe(true);
    expect(body.required_signatures).toBe(true);
    expect(body.allow_force_pushes).toBe(true);
    expect(body.allow_deletions).toBe(false);
  });
});

describe('GET answer to form', () => {
  const json: ProtectionJson = {
    required_status_checks: { strict: false, contexts: ['lint', 'test'] },
    required_pull_request_reviews: { required_approving_review_count: 3, dismiss_stale_reviews: false, require_code_owner_reviews: true },
    required_signatures: { enabled: true },
    enforce_admins: { enabled: false },
    required_linear_history: { enabled: true },
    allow_force_pushes: { enabled: false },
    allow_deletions: { enabled: true },
  };

  it('reads every setting back', () => {
    const form = protectionForm('main', json);
    expect(form).toMatchObject({
      pattern: 'main', requireReviews: true, reviewCount: 3, requireCodeOwnerReviews: true, requireStatusChecks: true,
      contexts: 'lint\ntest', requiredSignatures: true, requiredLinearHistory: true, allowDeletions: true, enforceAdmins: false,
    });
  });

  it('round-trips: form from GET, body from form equals what was saved', () => {
    const body = protectionBody(protectionForm('main', json));
    expect(body.required_status_checks).toEqual(json.required_status_checks);
    expect(body.required_pull_request_reviews).toEqual(json.required_pull_request_reviews);
    expect(body.allow_deletions).toBe(true);
  });

  it('reads a rule without reviews or checks as off', () => {
    const form = protectionForm('dev', { required_status_checks: null, enforce_admins: { enabled: true } });
    expect(form.requireReviews).toBe(false);
    expect(form.requireStatusChecks).toBe(false);
    expect(form.enforceAdmins).toBe(true);
  });

  it('summarises a rule in words', () => {
    expect(protectionSummary(json)).toEqual(['3 approving reviews', 'Status checks: lint, test', 'Signed commits',
      'Linear history', 'Deletion allowed']);
    expect(splitContexts(' a ,\n\nb ')).toEqual(['a', 'b']);
  });
});
