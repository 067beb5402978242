(function () {
  var stored = null;
  try { stored = localStorage.getItem('codara.theme'); } catch (e) { /* private mode */ }
  var dark = stored ? stored === 'dark' : window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.setAttribute('data-theme', dark ? 'dark' : 'light');
})();
