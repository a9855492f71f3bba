/*
 * Demo host for the Credential Doctor panel: installs `window.__bridge`, the object @forge/bridge
 * talks to inside Jira, and answers its calls over fetch to the demo server (which runs the app's
 * resolvers in the local Forge runtime and Jira REST calls against the simulator).
 *
 * Calls answered (as @forge/bridge 7 sends them):
 *   callBridge('getContext')                                  → the Forge context of this page
 *   callBridge('invoke', { functionKey, payload })            → the resolver's return value
 *   callBridge('fetchProduct', { product, restPath, fetchRequestInit }) → { status, statusText, headers, body }
 *   callBridge('enableTheming')                               → applies Jira's design-token theme
 *   callBridge('navigate', { url, type })                     → opens the link
 * Anything else is refused with the error the real host gives for an unsupported call.
 *
 * The page's identity (signed-in user, page, project, theme) is in this frame's query string,
 * set by the demo shell.
 */
(function installDemoBridge() {
  'use strict';
  var params = new URLSearchParams(window.location.search);
  var session = {
    user: params.get('user') || '',
    surface: params.get('surface') === 'project' ? 'project' : 'admin',
    project: params.get('project') || '',
    theme: params.get('theme') === 'dark' ? 'dark' : 'light',
  };
  var themingEnabled = false;

  function post(path, body) {
    return fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session: session, body: body }),
    }).then(function (res) {
      return res.json().then(function (json) {
        if (!res.ok)
          throw new Error((json && json.error) || 'The demo host answered ' + res.status);
        return json;
      });
    });
  }

  function applyTheme(mode) {
    return fetch('/demo/api/theme?mode=' + encodeURIComponent(mode))
      .then(function (res) {
        return res.json();
      })
      .then(function (theme) {
        var root = document.documentElement;
        Object.keys(theme.attrs).forEach(function (name) {
          root.setAttribute(name, theme.attrs[name]);
        });
        var style = document.getElementById('demo-host-theme');
        if (!style) {
          style = document.createElement('style');
          style.id = 'demo-host-theme';
          document.head.insertBefore(style, document.head.firstChild);
        }
        style.textContent = theme.css;
      });
  }

  var handlers = {
    getContext: function () {
      return post('/demo/api/context', {});
    },
    invoke: function (req) {
      return post('/demo/api/invoke', {
        functionKey: req.functionKey,
        payload: req.payload || {},
      }).then(function (json) {
        return json.result;
      });
    },
    fetchProduct: function (req) {
      if (req.product !== 'jira') {
        return Promise.reject(new Error('The demo host only proxies Jira requests.'));
      }
      var init = req.fetchRequestInit || {};
      return post('/demo/api/product', {
        restPath: req.restPath,
        method: init.method || 'GET',
        headers: init.headers || [],
        body: init.body == null ? null : init.body,
      });
    },
    enableTheming: function () {
      themingEnabled = true;
      return applyTheme(session.theme);
    },
    navigate: function (req) {
      var url = req && req.url;
      if (!url) return Promise.reject(new Error('navigate: a URL is required'));
      // The app's admin page (/jira/settings/apps/{appId}/{envId}): the demo shell's admin page.
      if (/\/jira\/settings\/apps\//.test(url)) {
        var shell = new URLSearchParams(window.top.location.search);
        shell.set('page', 'admin');
        url = window.top.location.pathname + '?' + shell.toString();
      }
      if (req.type === 'new-tab') window.open(url, '_blank', 'noopener,noreferrer');
      else window.top.location.assign(url);
      return Promise.resolve();
    },
  };

  window.__bridge = {
    callBridge: function (name, payload) {
      var handler = handlers[name];
      if (!handler) {
        return Promise.reject(new Error('The demo host does not support ' + name + '.'));
      }
      try {
        return Promise.resolve(handler(payload));
      } catch (err) {
        return Promise.reject(err);
      }
    },
  };

  // The shell switches the theme live, as Jira does, and sizes the frame to its content.
  window.addEventListener('message', function (event) {
    if (event.origin !== window.location.origin) return;
    var data = event.data || {};
    if (data.type === 'cd-demo-theme' && (data.mode === 'light' || data.mode === 'dark')) {
      session.theme = data.mode;
      if (themingEnabled) void applyTheme(data.mode);
    }
  });
  if (window.parent !== window && typeof ResizeObserver === 'function') {
    var last = 0;
    var report = function () {
      var root = document.getElementById('root') || document.body;
      var box = root.getBoundingClientRect();
      var height = Math.ceil(box.bottom + window.scrollY + 24);
      if (height !== last) {
        last = height;
        window.parent.postMessage(
          { type: 'cd-demo-resize', height: height },
          window.location.origin,
        );
      }
    };
    document.addEventListener('DOMContentLoaded', function () {
      new ResizeObserver(report).observe(document.getElementById('root') || document.body);
      report();
    });
  }
})();
