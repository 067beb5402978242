// Runs in <head>, before the app's code has even arrived (a file, because the CSP allows no inline script).
(function () {
  // The theme, before the first paint: no flash of the wrong one.
  var stored = null;
  try { stored = localStorage.getItem('codara.theme'); } catch (e) { /* private mode */ }
  var dark = stored ? stored === 'dark' : window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.setAttribute('data-theme', dark ? 'dark' : 'light');

  // The first requests of the page at this URL, and the code of its route, start now, while the browser still
  // fetches and parses the app: the app's first GET of the same path takes the early answer (lib/api.ts).
  if (!window.fetch || !window.Promise) return;
  var early = (window.__codaraEarly = {});
  function get(path) {
    var response = fetch('/api/v3' + path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    response['catch'](function () { /* the app asks again */ });
    early[path] = response;
  }
  var chunks = {};
  try {
    var meta = document.querySelector('meta[name="codara-route-chunks"]');
    if (meta) chunks = JSON.parse(meta.getAttribute('content'));
  } catch (e) { /* no hints: the router loads the code itself */ }
  function preload(route) {
    (chunks[route] || []).forEach(function (href) {
      var link = document.createElement('link');
      if (/\.css$/.test(href)) {
        link.rel = 'preload';
        link.setAttribute('as', 'style');
      } else {
        link.rel = 'modulepreload';
      }
      link.crossOrigin = ''; // as the app's own module scripts and style sheets ask, so the cache answers them
      link.href = href;
      document.head.appendChild(link);
    });
  }

  get('/session');
  var segments = location.pathname.split('/').filter(Boolean);
  // The app's own top-level pages; any other first segment is an owner.
  var reserved = /^(login|signup|new|explore|search|settings|-|api|assets)$/;
  if (segments.length === 0) {
    preload('dashboard');
  } else if (segments.length >= 2 && !reserved.test(segments[0])) {
    var base;
    try {
      base = '/repos/' + segments.slice(0, 2).map(function (s) { return encodeURIComponent(decodeURIComponent(s)); }).join('/');
    } catch (e) {
      return; /* a malformed escape: the app shows its error */
    }
    get(base);
    preload('repository');
    if (segments.length === 2) {
      get(base + '/contents');
      get(base + '/readme');
      preload('repository-home');
    }
  }
})();
