// AiTM Defense console: live updates, filters that apply on change, and the buttons that call the REST API.
// Loaded as an external file (the Content-Security-Policy forbids inline script); no framework, no build.
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute('content') : '';
  }

  // Selects marked autosubmit (filters, tenant switcher) apply as soon as they change.
  document.addEventListener('change', function (e) {
    if (e.target.classList && e.target.classList.contains('autosubmit') && e.target.form) e.target.form.submit();
  });

  // Buttons: each form.api-action POSTs its fields as JSON to data-url with the session's CSRF token, then reloads.
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (!form.classList.contains('api-action')) return;
    e.preventDefault();
    var question = form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) return;
    var body = {};
    if (form.hasAttribute('data-steps')) body.steps = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled) return;
      if (el.type === 'checkbox') { if (el.checked && body.steps) body.steps.push(el.value); return; }
      body[el.name] = el.value;
    });
    var buttons = form.querySelectorAll('button');
    Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
    var section = form.closest('section');
    var error = section ? section.querySelector('.error') : null;
    fetch(form.getAttribute('data-url'), {
      method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf(), 'Accept': 'application/json'},
      body: JSON.stringify(body)
    }).then(function (r) {
      if (r.ok) { window.location.reload(); return null; }
      return r.text().then(function (t) {
        var message = 'The service answered ' + r.status;
        try { message = JSON.parse(t).error || message; } catch (ignored) { /* not JSON */ }
        throw new Error(message);
      });
    }).catch(function (err) {
      Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
      if (error) { error.textContent = err.message; error.classList.remove('hidden'); }
    });
  });

  // Live updates from the service's server-sent events.
  var queue = document.querySelector('[data-live="queue"]');
  var incident = document.querySelector('[data-live="incident"]');
  var sources = document.querySelector('[data-live="sources"]');
  if (sources) tickLag();
  if (!(queue || incident || sources) || !window.EventSource) return;
  var source = new EventSource('/api/v1/events');
  var pending = null;

  function liveState(state) {
    var el = document.getElementById('live-state');
    if (!el) return;
    el.classList.remove('connected', 'lost');
    el.classList.add(state);
    el.textContent = state === 'connected' ? 'live' : 'reconnecting…';
  }
  source.addEventListener('open', function () { liveState('connected'); });
  source.addEventListener('error', function () { liveState('lost'); });

  // Fetches this page again and swaps the element with id `id` for its fresh copy (filters, scroll and focus elsewhere
  // stay); then(fresh element) runs after the swap.
  function refresh(id, then) {
    fetch(window.location.href, {credentials: 'same-origin', headers: {'Accept': 'text/html'}})
      .then(function (r) { return r.ok ? r.text() : Promise.reject(new Error(String(r.status))); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById(id);
        var current = document.getElementById(id);
        if (!fresh || !current) return;
        var imported = document.importNode(fresh, true);
        current.replaceWith(imported);
        liveState('connected');
        if (then) then(imported);
      })
      .catch(function () { liveState('lost'); });
  }

  // a burst of updates (a day of logs arriving) becomes one refresh
  function soon(action) {
    if (pending) return;
    pending = window.setTimeout(function () { pending = null; action(); }, 400);
  }

  function refreshQueue() {
    var before = {};
    Array.prototype.forEach.call(document.querySelectorAll('#queue-body tr[data-id]'), function (tr) {
      before[tr.getAttribute('data-id')] = true;
    });
    refresh('queue-live', function (fresh) {
      queue = fresh;
      Array.prototype.forEach.call(document.querySelectorAll('#queue-body tr[data-id]'), function (tr) {
        if (!before[tr.getAttribute('data-id')]) tr.classList.add('new');
      });
    });
  }

  // The lag of each source counts on between events: the time since its newest record, in the server's words.
  function span(seconds) {
    if (seconds >= 2 * 86400) return Math.floor(seconds / 86400) + ' days';
    if (seconds >= 2 * 3600) return Math.floor(seconds / 3600) + ' h';
    if (seconds >= 60) return Math.floor(seconds / 60) + ' min';
    return Math.max(0, Math.floor(seconds)) + ' s';
  }
  function tickLag() {
    Array.prototype.forEach.call(document.querySelectorAll('td.lag[data-newest]'), function (td) {
      td.textContent = span((Date.now() - Date.parse(td.getAttribute('data-newest'))) / 1000);
    });
    window.setTimeout(tickLag, 5000);
  }

  source.addEventListener('incident', function (e) {
    var data = {};
    try { data = JSON.parse(e.data); } catch (ignored) { return; }
    if (queue) {
      soon(refreshQueue);
    } else if (incident && data.id === incident.getAttribute('data-id')) {
      document.getElementById('updated-banner').classList.remove('hidden');
    }
  });

  source.addEventListener('source', function (e) {
    var data = {};
    try { data = JSON.parse(e.data); } catch (ignored) { return; }
    if (!sources || !data.name) return;
    soon(function () {
      refresh('sources-live', function (fresh) {
        sources = fresh;
        var row = fresh.querySelector('tr.source[data-name="' + (window.CSS && CSS.escape ? CSS.escape(data.name) : data.name) + '"]');
        if (row) row.classList.add('new');
      });
    });
  });
})();
