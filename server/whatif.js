// pacta serve's what-if panel: each slider names an actor's capability, position or salience;
// a change sends the changed ones as edits to the JSON API (docs/server.md) and shows the
// forecasts and verdicts it returns beside those of the scenario as written. No libraries,
// nothing loaded from anywhere but this server.
(function () {
  'use strict';
  var form = document.getElementById('wi-form');
  if (!form) return;
  var scenario = form.getAttribute('data-scenario');
  var hasProposals = Number(form.getAttribute('data-proposals')) > 0;
  var statusLine = document.getElementById('wi-status');
  var errorLine = document.getElementById('wi-error');
  var sliders = Array.prototype.slice.call(form.querySelectorAll('input[type=range]'));
  var baseline = null;
  var latest = 0;

  function edits() {
    var list = [];
    sliders.forEach(function (s) {
      if (Number(s.value) === Number(s.getAttribute('data-default'))) return;
      var e = {actor: s.getAttribute('data-actor'), field: s.getAttribute('data-field'),
               value: Number(s.value)};
      if (s.hasAttribute('data-issue')) e.issue = s.getAttribute('data-issue');
      list.push(e);
    });
    return list;
  }

  function post(what, format, list) {
    return fetch('/api/' + what + '?format=' + format, {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({scenario: scenario, edits: list})
    }).then(function (r) {
      return r.text().then(function (text) {
        if (!r.ok) {
          var message = text;
          try { message = JSON.parse(text).error.message; } catch (e) { /* not JSON */ }
          throw new Error('HTTP ' + r.status + ': ' + message);
        }
        return text;
      });
    });
  }

  function analyse(list) {
    var jobs = [post('forecast', 'json', list).then(JSON.parse)];
    if (hasProposals) jobs.push(post('evaluate', 'json', list).then(JSON.parse));
    return Promise.all(jobs);
  }

  function number(x) { return typeof x === 'number' ? x.toFixed(1) : '\u2013'; }

  function cell(row, tag, text, attrs) {
    var c = document.createElement(tag);
    c.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { c.setAttribute(k, attrs[k]); });
    row.appendChild(c);
    return c;
  }

  function showForecast(doc, base) {
    var table = document.getElementById('wi-forecast');
    var head = table.tHead, body = table.tBodies[0];
    head.textContent = '';
    body.textContent = '';
    if (!doc.issues.length) return;
    var hr = head.insertRow();
    cell(hr, 'th', 'Issue', {scope: 'col'});
    doc.issues[0].models.forEach(function (m) { cell(hr, 'th', m.model, {scope: 'col'}); });
    doc.issues.forEach(function (issue, i) {
      var row = body.insertRow();
      cell(row, 'th', issue.name, {scope: 'row'});
      issue.models.forEach(function (m, k) {
        var was = base.issues[i].models[k].forecast;
        var c = cell(row, 'td', number(m.forecast) + ' (' + number(was) + ')',
                     {'data-issue': issue.id, 'data-model': m.model});
        if (number(m.forecast) !== number(was)) c.className = 'wi-changed';
      });
    });
  }

  function verdictText(v) {
    if (v.viable) return 'viable' + (v.emboldens ? '; it emboldens the aggressor' : '');
    var parts = [];
    if (v.blocked_by && v.blocked_by.length) parts.push('blocked by ' + v.blocked_by.join(', '));
    if (v.fights_on) parts.push(v.fights_on + ' expects more by fighting on');
    if (v.stops_holding_year !== null && v.stops_holding_year !== undefined)
      parts.push('would stop holding in year ' + v.stops_holding_year);
    if (v.emboldens) parts.push('it emboldens the aggressor');
    return 'not viable' + (parts.length ? ': ' + parts.join('; ') : '');
  }

  function showVerdicts(doc, base) {
    var list = document.getElementById('wi-verdicts');
    list.textContent = '';
    if (!doc) return;
    doc.proposals.forEach(function (p, i) {
      var item = document.createElement('li');
      var now = verdictText(p.verdict), was = verdictText(base.proposals[i].verdict);
      item.setAttribute('data-proposal', p.id);
      item.textContent = p.id + ' ' + p.name + ': ' + now +
        (now === was ? ' (unchanged)' : ' (as written: ' + was + ')');
      if (now !== was) item.className = 'wi-changed';
      list.appendChild(item);
    });
  }

  function recompute() {
    if (!baseline) return;
    var list = edits(), ticket = ++latest, started = Date.now();
    statusLine.textContent = 'Recomputing with ' + list.length + ' change' +
      (list.length === 1 ? '' : 's') + '\u2026';
    analyse(list).then(function (docs) {
      if (ticket !== latest) return;
      errorLine.hidden = true;
      showForecast(docs[0], baseline[0]);
      showVerdicts(docs[1], baseline[1]);
      statusLine.textContent = (list.length ? list.length + ' change' +
        (list.length === 1 ? '' : 's') : 'No changes') + '; recomputed in ' +
        (Date.now() - started) + ' ms.';
    }).catch(function (e) {
      if (ticket !== latest) return;
      errorLine.textContent = e.message;
      errorLine.hidden = false;
      statusLine.textContent = 'The changes could not be recomputed.';
    });
  }

  sliders.forEach(function (s) {
    var out = form.querySelector('output[for="' + s.id + '"]');
    s.addEventListener('input', function () {
      out.textContent = s.value;
      s.classList.toggle('wi-changed', Number(s.value) !== Number(s.getAttribute('data-default')));
    });
    s.addEventListener('change', recompute);
  });

  document.getElementById('wi-reset').addEventListener('click', function () {
    sliders.forEach(function (s) {
      s.value = s.getAttribute('data-default');
      s.dispatchEvent(new Event('input'));
    });
    recompute();
  });

  Array.prototype.forEach.call(document.querySelectorAll('#what-if button[data-download]'),
    function (b) {
      b.addEventListener('click', function () {
        var what = b.getAttribute('data-download'), format = b.getAttribute('data-format');
        post(what, format, edits()).then(function (text) {
          var type = format === 'json' ? 'application/json' :
                     format === 'csv' ? 'text/csv' : 'application/yaml';
          var link = document.createElement('a');
          link.href = URL.createObjectURL(new Blob([text], {type: type}));
          link.download = scenario.replace(/\.[^.]*$/, '') + '-' +
            (what === 'scenario' ? 'what-if' : what) + '.' + format;
          document.body.appendChild(link);
          link.click();
          link.remove();
        }).catch(function (e) {
          errorLine.textContent = e.message;
          errorLine.hidden = false;
        });
      });
    });

  analyse([]).then(function (docs) {
    baseline = docs;
    showForecast(docs[0], docs[0]);
    showVerdicts(docs[1], docs[1]);
    statusLine.textContent = 'The scenario as written; move a slider to change it.';
    form.setAttribute('data-ready', 'true');
  }).catch(function (e) {
    errorLine.textContent = e.message;
    errorLine.hidden = false;
    statusLine.textContent = 'The forecasts could not be loaded.';
  });
})();
