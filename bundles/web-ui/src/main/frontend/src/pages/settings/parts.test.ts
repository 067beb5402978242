import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import { capitalize, errorMessages, fieldErrors } from './parts';

describe('form errors', () => {
  const failure = new ApiError(422, 'Validation Failed', 'req-1', [
    { resource: 'PublicKey', field: 'title', code: 'missing_field', message: 'title is required' },
    { resource: 'PublicKey', field: 'key', code: 'custom', message: 'key data is not valid base64' },
    { resource: 'PublicKey', field: 'key', code: 'invalid' },
  ]);
  it('lists every field error, not only the first', () => {
    expect(errorMessages(failure)).toEqual(['title is required', 'key data is not valid base64', 'key is invalid']);
  });
  it('picks the errors of one field', () => {
    expect(fieldErrors(failure, 'key')).toEqual(['key data is not valid base64', 'key is invalid']);
    expect(fieldErrors(failure, 'name')).toEqual([]);
    expect(fieldErrors(new Error('boom'), 'key')).toEqual([]);
  });
  it('falls back to the message', () => {
    expect(errorMessages(new ApiError(500, 'Server error'))).toEqual(['Server error']);
    expect(errorMessages(new Error('Choose the day the token expires.'))).toEqual(['Choose the day the token expires.']);
    expect(errorMessages(undefined)).toEqual([]);
  });
  it('capitalizes sentences', () => {
    expect(capitalize('key is already in use')).toBe('Key is already in use');
    expect(capitalize('')).toBe('');
  });
});
