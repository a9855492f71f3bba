/** The demo shell: plays the part of Jira around the panel (page, signed-in user, theme). */
import type { DemoBackend } from './backend';
import { themeAttrs } from './theme';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028|\u2029/g, '');
}

const STYLES = `
  * { box-sizing: border-box; }
  html, body { margin: 0; min-height: 100%; }
  body {
    background: var(--ds-surface, #fff);
    color: var(--ds-text, #172b4d);
    font: var(--ds-font-body, normal 400 14px/20px ui-sans-serif, -apple-system, "Segoe UI", sans-serif);
  }
  .topbar { display: flex; align-items: center; gap: 12px; height: 48px; padding: 0 16px;
    border-bottom: 1px solid var(--ds-border, #091e4224); background: var(--ds-surface, #fff); }
  .logo { font-weight: 653; font-size: 16px; color: var(--ds-text-brand, #0c66e4); }
  .site { color: var(--ds-text-subtle, #44546f); font-size: 12px; }
  .demo { margin: 12px 16px 0; padding: 12px 16px; border: 1px dashed var(--ds-border-bold, #758195);
    border-radius: 8px; background: var(--ds-background-neutral, #091e420f); }
  .demo h2 { margin: 0 0 8px; font: var(--ds-font-heading-xsmall, 600 14px/16px sans-serif); }
  .controls { display: flex; flex-wrap: wrap; gap: 16px; align-items: end; }
  .controls label { display: grid; gap: 4px; font-size: 12px; font-weight: 600;
    color: var(--ds-text-subtle, #44546f); }
  select { font: inherit; color: var(--ds-text, #172b4d); background: var(--ds-background-input, #fff);
    border: 1px solid var(--ds-border-input, #8590a2); border-radius: 4px; padding: 4px 8px; min-width: 220px; }
  select:focus-visible, button:focus-visible, summary:focus-visible, a:focus-visible {
    outline: 2px solid var(--ds-border-focused, #388bff); outline-offset: 2px; }
  details { margin-top: 12px; }
  summary { cursor: pointer; font-weight: 600; }
  table { border-collapse: collapse; margin-top: 8px; width: 100%; font-size: 12px; }
  th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--ds-border, #091e4224); }
  th { color: var(--ds-text-subtle, #44546f); }
  code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; word-break: break-all; }
  button { font: inherit; font-size: 12px; padding: 2px 8px; border-radius: 4px; cursor: pointer;
    border: 1px solid var(--ds-border, #091e4224); background: var(--ds-background-neutral, #091e420f);
    color: var(--ds-text, #172b4d); }
  .crumbs { margin: 16px 16px 0; color: var(--ds-text-subtle, #44546f); font-size: 14px; }
  .watch { margin-top: 12px; align-items: center; }
  .watch .note { margin: 0; }
  .note { color: var(--ds-text-subtle, #44546f); font-size: 12px; margin: 8px 0 0; }
  iframe { display: block; width: 100%; min-height: 640px; border: 0; background: transparent; }
`;

const SCRIPT = `
(function () {
  var cfg = JSON.parse(document.getElementById('demo-config').textContent);
  var q = new URLSearchParams(location.search);
  var pageSel = document.getElementById('page');
  var userSel = document.getElementById('as');
  var themeSel = document.getElementById('theme');
  var frame = document.getElementById('app');
  var crumbs = document.getElementById('crumbs');

  function option(value, label) { var o = document.createElement('option'); o.value = value; o.textContent = label; return o; }
  pageSel.appendChild(option('admin', 'Jira settings › Apps › Credential Doctor'));
  cfg.projects.forEach(function (p) {
    pageSel.appendChild(option('project:' + p.key, 'Project settings of ' + p.name + ' (' + p.key + ')'));
  });
  cfg.people.forEach(function (p) { userSel.appendChild(option(p.role, p.displayName + ' (' + p.note + ')')); });

  function pick(sel, value) {
    if (value && Array.prototype.some.call(sel.options, function (o) { return o.value === value; })) sel.value = value;
  }
  pick(pageSel, q.get('page'));
  pick(userSel, q.get('as'));
  pick(themeSel, q.get('theme'));

  function applyShellTheme(mode) {
    document.documentElement.setAttribute('data-color-mode', mode);
  }

  function load() {
    var page = pageSel.value;
    var person = cfg.people.filter(function (p) { return p.role === userSel.value; })[0] || cfg.people[0];
    var params = new URLSearchParams();
    params.set('user', person.accountId);
    params.set('theme', themeSel.value);
    if (page.indexOf('project:') === 0) {
      var key = page.slice(8);
      var project = cfg.projects.filter(function (p) { return p.key === key; })[0];
      params.set('surface', 'project');
      params.set('project', key);
      crumbs.textContent = 'Projects / ' + (project ? project.name : key) + ' / Project settings / Apps / Credential Doctor';
    } else {
      params.set('surface', 'admin');
      crumbs.textContent = 'Jira settings / Apps / Credential Doctor';
    }
    var shellParams = new URLSearchParams({ page: page, as: userSel.value, theme: themeSel.value });
    history.replaceState(null, '', '?' + shellParams.toString());
    applyShellTheme(themeSel.value);
    frame.src = '/panel/index.html?' + params.toString();
  }

  pageSel.addEventListener('change', load);
  userSel.addEventListener('change', load);
  themeSel.addEventListener('change', function () {
    applyShellTheme(themeSel.value);
    var shellParams = new URLSearchParams(location.search);
    shellParams.set('theme', themeSel.value);
    history.replaceState(null, '', '?' + shellParams.toString());
    frame.contentWindow && frame.contentWindow.postMessage({ type: 'cd-demo-theme', mode: themeSel.value }, location.origin);
  });
  window.addEventListener('message', function (event) {
    if (event.origin !== location.origin || event.source !== frame.contentWindow) return;
    if (event.data && event.data.type === 'cd-demo-resize' && typeof event.data.height === 'number') {
      frame.style.height = Math.max(640, event.data.height) + 'px';
    }
  });
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button[data-copy]');
    if (!button) return;
    var text = button.getAttribute('data-copy');
    var done = function () { button.textContent = 'Copied'; setTimeout(function () { button.textContent = 'Copy'; }, 1500); };
    if (navigator.clipboard) navigator.clipboard.writeText(text).then(done, function () {});
  });
  // Permission watch (#27): the daily check now, and a permission change for it to catch.
  var watchStatus = document.getElementById('watch-status');
  var dailyButton = document.getElementById('watch-daily');
  var changeButton = document.getElementById('watch-change');
  function post(path, body) {
    return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body || {}) })
      .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.error || r.status); return j; }); });
  }
  function showChange(change) {
    changeButton.setAttribute('aria-pressed', change.applied ? 'true' : 'false');
    changeButton.dataset.applied = change.applied ? 'true' : 'false';
    changeButton.textContent = change.applied ? 'Put the group back in the Developers role of SYNC' : change.label;
  }
  fetch('/demo/api/watch/changes').then(function (r) { return r.json(); }).then(function (j) { showChange(j.changes[0]); });
  changeButton.addEventListener('click', function () {
    var applied = changeButton.dataset.applied !== 'true';
    post('/demo/api/watch/change', { id: 'sync-role', applied: applied }).then(function (j) {
      showChange(j.change);
      watchStatus.textContent = j.change.applied
        ? 'Done: the sync user is no longer in the Developers role of SYNC. Run the daily check to watch it catch it.'
        : 'Done: the sync user is back in the Developers role of SYNC.';
    }, function (err) { watchStatus.textContent = 'The change failed: ' + err.message; });
  });
  dailyButton.addEventListener('click', function () {
    dailyButton.disabled = true;
    watchStatus.textContent = 'Running the daily check…';
    post('/demo/api/watch/daily').then(function (j) {
      watchStatus.textContent = 'The daily check ran for ' + j.profiles + (j.profiles === 1 ? ' watched check' : ' watched checks') +
        (j.failed ? ' (' + j.failed + ' part(s) failed)' : '') + '. Refresh the Watch tab to see what changed.';
    }, function (err) { watchStatus.textContent = 'The daily check failed: ' + err.message; })
      .then(function () { dailyButton.disabled = false; });
  });
  load();
})();
`;

export function renderShell(backend: DemoBackend, css: string): string {
  const attrs = themeAttrs('light');
  const syncRows = backend.syncUsers
    .map(
      (u) => `<tr>
        <td>${escapeHtml(u.scenario)}</td>
        <td>${escapeHtml(u.displayName)}</td>
        <td><code>${escapeHtml(u.email)}</code> <button type="button" data-copy="${escapeHtml(u.email)}" aria-label="Copy the email of ${escapeHtml(u.displayName)}">Copy</button></td>
        <td><code>${escapeHtml(u.token)}</code> <button type="button" data-copy="${escapeHtml(u.token)}" aria-label="Copy the API token of ${escapeHtml(u.displayName)}">Copy</button></td>
      </tr>`,
    )
    .join('\n');
  const config = {
    people: backend.people,
    projects: backend.projects,
  };
  return `<!doctype html>
<html lang="en" data-theme="${escapeHtml(attrs['data-theme'] ?? '')}" data-color-mode="light">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Credential Doctor: local demo</title>
  <style>${css}</style>
  <style>${STYLES}</style>
</head>
<body>
  <header class="topbar">
    <span class="logo">Jira</span>
    <span class="site">Simulated site ${escapeHtml(backend.siteUrl)} · local demo</span>
  </header>
  <section class="demo" aria-labelledby="demo-title">
    <h2 id="demo-title">Demo controls (not part of the app)</h2>
    <div class="controls">
      <label>Page <select id="page"></select></label>
      <label>Signed in as <select id="as"></select></label>
      <label>Theme
        <select id="theme"><option value="light">Light</option><option value="dark">Dark</option></select>
      </label>
    </div>
    <div class="controls watch" role="group" aria-label="Permission watch">
      <button type="button" id="watch-daily">Run the daily check now</button>
      <button type="button" id="watch-change" aria-pressed="false">Remove the sync user from a role</button>
      <p class="note" id="watch-status" role="status" aria-live="polite">The daily check re-runs every watched check (Watch tab) as the administrator who saved it.</p>
    </div>
    <details>
      <summary>Sync users of the demo site, with their API tokens to paste</summary>
      <p class="note">Demo credentials of the simulator only. Pick the user in "Sync user", tick "Check the token too" and paste the email and token.</p>
      <table>
        <thead><tr><th scope="col">Scenario</th><th scope="col">Name</th><th scope="col">Email</th><th scope="col">API token</th></tr></thead>
        <tbody>${syncRows}</tbody>
      </table>
    </details>
  </section>
  <nav class="crumbs" id="crumbs" aria-label="Breadcrumb"></nav>
  <main>
    <iframe id="app" title="Credential Doctor (Forge app)" allow="clipboard-read; clipboard-write"></iframe>
  </main>
  <script type="application/json" id="demo-config">${jsonForScript(config)}</script>
  <script>${SCRIPT}</script>
</body>
</html>
`;
}
