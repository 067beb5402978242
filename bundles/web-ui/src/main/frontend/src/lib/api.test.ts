import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, encodePath, parseLinks, query, setCsrfToken } from './api';

describe('parseLinks', () => {
  it('reads GitHub pagination links', () => {
    const links = parseLinks('<https://h/api/v3/x?page=2>; rel="next", <https://h/api/v3/x?page=5>; rel="last"');
    expect(links).toEqual({ next: 'https://h/api/v3/x?page=2', last: 'https://h/api/v3/x?page=5' });
  });
  it('keeps commas inside URLs', () => {
    expect(parseLinks('<https://h/x?q=a,b&page=2>; rel="next"').next).toBe('https://h/x?q=a,b&page=2');
  });
  it('answers nothing for no header', () => {
    expect(parseLinks(null)).toEqual({});
  });
});

describe('paths and queries', () => {
  it('encodes each segment but not the slashes', () => {
    expect(encodePath('src/a b/#x.md')).toBe('src/a%20b/%23x.md');
  });
  it('drops empty values', () => {
    expect(query({ a: 1, b: '', c: undefined, d: 'x y' })).toBe('?a=1&d=x+y');
    expect(query({})).toBe('');
  });
});

describe('api', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    setCsrfToken(null);
  });

  it('sends the CSRF token on writes only', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async () =>
      new Response('{"ok":true}', { status: 200, headers: { 'Content-Type': 'application/json' } }));
    setCsrfToken('t0k3n');
    await api('/user/repos', { method: 'POST', body: { name: 'x' } });
    await api('/user/repos');
    const [, post] = fetch.mock.calls[0];
    const [, get] = fetch.mock.calls[1];
    expect((post!.headers as Record<string, string>)['X-CSRF-Token']).toBe('t0k3n');
    expect((post!.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect((get!.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
    expect(fetch.mock.calls[0][0]).toBe('/api/v3/user/repos');
  });

  it('turns an error body into an ApiError with the request id', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () =>
      new Response('{"message":"Validation Failed","errors":[{"resource":"Repository","field":"name","code":"already_exists","message":"name already exists on this account"}]}',
        { status: 422, headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'req-1' } }));
    const error = await api('/user/repos', { method: 'POST', body: {} }).then(() => null, (e: ApiError) => e) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.requestId).toBe('req-1');
    expect(error.detail).toBe('name already exists on this account');
  });

  it('reports an unreachable server plainly', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => { throw new TypeError('Failed to fetch'); });
    const error = await api('/user').then(() => null, (e: ApiError) => e) as ApiError;
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/cannot be reached/);
  });
});

describe('early answers from boot.js', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    delete window.__codaraEarly;
  });

  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

  it('the first plain GET of a path takes the early answer; later ones ask again', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => json({ from: 'fetch' }));
    window.__codaraEarly = { '/repos/a/b': Promise.resolve(json({ from: 'early' })) };
    expect(await api('/repos/a/b')).toEqual({ from: 'early' });
    expect(fetch).not.toHaveBeenCalled();
    expect(await api('/repos/a/b')).toEqual({ from: 'fetch' });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('an early failure is the call\'s failure, with the server\'s message', async () => {
    window.__codaraEarly = {
      '/repos/a/gone': Promise.resolve(new Response('{"message":"Not Found"}', { status: 404, headers: { 'Content-Type': 'application/json' } })),
    };
    await expect(api('/repos/a/gone')).rejects.toMatchObject({ status: 404, message: 'Not Found' });
  });

  it('writes, other media types and other paths never take it', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => json({ from: 'fetch' }));
    const early = Promise.resolve(json({ from: 'early' }));
    window.__codaraEarly = { '/session': early };
    await api('/session', { method: 'POST', body: { login: 'a', password: 'b' } });
    await api('/session', { accept: 'application/vnd.github.raw' });
    await api('/session/other');
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(window.__codaraEarly['/session']).toBe(early);
  });
});
