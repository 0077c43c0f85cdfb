/**
 * The progressive enhancement of the service page (served as /public/assets/public-search.<hash>.js):
 * search-as-you-type through the JSON search endpoint. Without JavaScript the form submits (GET)
 * and the server renders the same results. Texts come from the page (#public-texts, a JSON data
 * block rendered from TEXT), so both renderings say the same; results are built with DOM methods
 * (textContent), never as HTML strings.
 */
export const PUBLIC_SEARCH_JS = `(function () {
  'use strict';
  var form = document.querySelector('form.search[data-ozg-id]');
  var textsNode = document.getElementById('public-texts');
  if (!form || !textsNode || !window.fetch) return;
  var T = JSON.parse(textsNode.textContent);
  var input = form.querySelector('#q');
  var out = document.getElementById('results');
  var lang = form.getAttribute('data-lang');
  var ozg = form.getAttribute('data-ozg-id');
  var timer = 0, seq = 0;
  function fill(tpl, v) { return tpl.replace(/\\{(\\w+)\\}/g, function (_, k) { return v[k] == null ? '' : String(v[k]); }); }
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
  function date(iso) { var p = iso.split('-'); return new Intl.DateTimeFormat(T.locale, T.dateFormat).format(new Date(Date.UTC(+p[0], +p[1] - 1, +p[2]))); }
  function quarter(q) { var m = /^(\\d{4})-Q([1-4])$/.exec(q); return m ? fill(T.quarter, { year: m[1], q: m[2] }) : q; }
  function answer(r) {
    var li = el('li'), h = el('h3'), a = el('a', null, r.name);
    a.href = '/public/' + lang + '/services/' + encodeURIComponent(ozg) + '/authorities/' + r.ars;
    h.appendChild(a); li.appendChild(h);
    var text, detail = null;
    if (r.status === 'LIVE') {
      text = r.liveSince ? fill(T.live, { date: date(r.liveSince) }) : T.liveNoDate;
      if (r.applyUrl && /^https?:\\/\\//i.test(r.applyUrl)) {
        detail = el('p'); var ap = el('a', 'apply', T.apply); ap.href = r.applyUrl; ap.rel = 'noopener';
        ap.appendChild(el('span', 'visually-hidden', ' (' + r.name + ')')); detail.appendChild(ap);
      } else detail = el('p', 'meta', T.noApplyLink);
    } else if (r.status === 'PREPARING') {
      text = T.preparing + ' – ' + (r.plannedQuarter ? fill(T.plannedFor, { quarter: quarter(r.plannedQuarter) }) : T.noPlanPublished);
    } else { text = T.notPlanned; detail = el('p', 'meta', T.notPlannedHint); }
    var p = el('p'); p.appendChild(el('span', 'status status-' + r.status, text)); li.appendChild(p);
    if (detail) li.appendChild(detail);
    li.appendChild(el('p', 'meta', fill(T.authorityState, { name: r.stateName }) + ' · ARS ' + r.ars));
    return li;
  }
  function render(d) {
    var nodes = [];
    if (!d.total) { var none = el('p', null, fill(T.noResults, { q: d.query })); none.id = 'result-count'; nodes.push(none); }
    else {
      nodes.push(el('h3', 'visually-hidden', T.results));
      var c = el('p', null, fill(d.total === 1 ? T.resultOne : T.resultMany, { n: new Intl.NumberFormat(T.locale).format(d.total), q: d.query })); c.id = 'result-count'; nodes.push(c);
      var ul = el('ul', 'results'); d.results.forEach(function (r) { ul.appendChild(answer(r)); }); nodes.push(ul);
      if (d.total > d.results.length) nodes.push(el('p', 'meta', fill(T.more, { n: new Intl.NumberFormat(T.locale).format(d.total - d.results.length) })));
    }
    out.replaceChildren.apply(out, nodes);
  }
  function run() {
    var q = input.value.trim();
    if (q.length < 2 || q.length > 100) return;
    var mine = ++seq;
    fetch('/public/v1/services/' + encodeURIComponent(ozg) + '/search?limit=10&lang=' + lang + '&q=' + encodeURIComponent(q), { headers: { accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) {
        if (!d || mine !== seq) return;
        render(d);
        form.setAttribute('data-enhanced', 'results');
        if (window.history && history.replaceState) history.replaceState(null, '', '?q=' + encodeURIComponent(q));
      })
      .catch(function () { /* the form still submits */ });
  }
  input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(run, 200); });
  form.setAttribute('data-enhanced', 'ready');
})();
`;
