// Resolution Portal: small enhancements; every page works without this file.
// - the language switch keeps the reader's place (query and #fragment), as the path already does;
// - root-relative citation links (no base_url configured) become absolute for copying;
// - each paragraph gets a button that copies its full citation (the text shown under a targeted paragraph)
//   and says "Copied" on itself and in a live region;
// - on the whole list of resolutions, the filter and sort links apply in place, combine and are counted
//   for the combination (the URL's query keeps the choice: ?session=2&funding=...); every list page
//   understands that query (a filtered page sends it on to the whole list).
(function () {
  'use strict';
  var doc = document;
  doc.documentElement.classList.add('js');

  // ---- language switch: the same paragraph and query in the other language
  var switches = doc.querySelectorAll('.langs a[hreflang], .other-lang a[hreflang]');
  for (var i = 0; i < switches.length; i++) {
    switches[i].setAttribute('data-path', switches[i].getAttribute('href').split(/[?#]/)[0]);
  }
  function keepPlace() {
    for (var i = 0; i < switches.length; i++) {
      switches[i].setAttribute('href', switches[i].getAttribute('data-path') + location.search + location.hash);
    }
  }
  keepPlace();
  // Also just before following one: a script may have changed the query without telling anyone.
  for (var s = 0; s < switches.length; s++) switches[s].addEventListener('click', keepPlace);
  window.addEventListener('hashchange', keepPlace);
  window.addEventListener('popstate', keepPlace);
  window.portalKeepPlace = keepPlace;

  // ---- absolute addresses in citations when the build had no host
  function absolute(s) {
    return s.charAt(0) === '/' ? location.origin + s : s;
  }
  var urls = doc.querySelectorAll('.pcite-url, .cite-url a');
  for (var j = 0; j < urls.length; j++) urls[j].textContent = absolute(urls[j].textContent);
  var main = doc.querySelector('main[data-url]');
  if (main) main.setAttribute('data-url', absolute(main.getAttribute('data-url')));

  // ---- copy a paragraph's citation
  var status = doc.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  doc.body.appendChild(status);
  function say(msg) {
    status.textContent = '';
    setTimeout(function () { status.textContent = msg; }, 50);
  }
  function fallbackCopy(text) {
    var ta = doc.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    doc.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = doc.execCommand('copy'); } catch (e) { ok = false; }
    doc.body.removeChild(ta);
    return ok;
  }
  function copy(text, done, failed) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () {
        if (fallbackCopy(text)) done(); else failed();
      });
    } else if (fallbackCopy(text)) done();
    else failed();
  }
  var lists = doc.querySelectorAll('ol.paras[data-copy]');
  for (var k = 0; k < lists.length; k++) {
    var ol = lists[k];
    var items = ol.children;
    for (var n = 0; n < items.length; n++) {
      var li = items[n];
      var cite = li.querySelector('.pcite-text');
      var num = li.getAttribute('value');
      if (!cite || !num) continue;
      var b = doc.createElement('button');
      b.type = 'button';
      b.className = 'copy-cite';
      b.textContent = ol.getAttribute('data-copy');
      b.setAttribute('aria-label', (ol.getAttribute('data-label') || '').replace('%n', num));
      b.addEventListener('click', (function (li, cite, ol, b) {
        return function () {
          var text = cite.textContent.replace(/\s+/g, ' ').trim();
          copy(text, function () {
            // Seen on the button itself ("Copied ✓") and heard in the live region; the label comes back
            // after a few seconds so that the button can be used again.
            li.classList.add('copied');
            b.textContent = ol.getAttribute('data-done') || ol.getAttribute('data-copy');
            clearTimeout(b.portalTimer);
            b.portalTimer = setTimeout(function () {
              li.classList.remove('copied');
              b.textContent = ol.getAttribute('data-copy');
            }, 4000);
            say(ol.getAttribute('data-copied'));
          }, function () {
            // The citation is on the page: show it so that it can be selected by hand.
            li.classList.add('show-cite');
            say(ol.getAttribute('data-failed'));
          });
        };
      })(li, cite, ol, b));
      var pnum = li.querySelector('.pnum');
      if (pnum) pnum.insertAdjacentElement('afterend', b);
    }
  }

  // ---- filter and sort the list of resolutions
  // Every list page has the panel (nav.filters). Its links work without this script: each leads to
  // the pre-rendered list that keeps the page's other choices. The whole list (no facet of its own,
  // every row present) applies the choices in place instead, combines any number of groups, counts
  // each choice for the current combination and keeps the choice in the URL's query
  // (?status=…&funding=…&sort=latest). A filtered page given a query sends it on to the whole list.
  var nav = doc.querySelector('nav.filters');
  if (nav) {
    var groups = ['session', 'shortfall', 'status', 'funding', 'topic'];
    var own = new URLSearchParams(nav.getAttribute('data-own') || '');
    var all = nav.getAttribute('data-all');
    var fold = nav.querySelector('details.filters-fold');
    var wide = window.matchMedia ? window.matchMedia('(min-width: 30.01rem)') : null;
    // The fold is for phones: wider screens see the panel open.
    if (fold && (!wide || wide.matches)) fold.open = true;
    // Groups that need the script (a third group, topics on a filtered page) show.
    var jsOnly = nav.querySelectorAll('[data-js-only]');
    for (var q = 0; q < jsOnly.length; q++) jsOnly[q].hidden = false;
    var query = new URLSearchParams(location.search);
    var asked = groups.concat(['sort']).filter(function (f) { return query.has(f); });
    var table = doc.getElementById('res-list');
    var inPlace = !own.toString() && table && table.tBodies[0];
    if (!inPlace && asked.length) {
      // This page holds only its own rows: the whole list answers the combined question.
      var merged = new URLSearchParams(own.toString());
      if (nav.getAttribute('data-sort') === 'latest') merged.set('sort', 'latest');
      asked.forEach(function (f) { merged.set(f, query.get(f)); });
      location.replace(all + '?' + merged.toString() + location.hash);
    } else if (inPlace) {
      filterInPlace(table, query);
    }
  }

  function filterInPlace(table, query) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var chips = nav.querySelectorAll('a[data-facet]');
    var count = doc.getElementById('list-count');
    var countText = count && count.querySelector('.count-text');
    var clearLink = count && count.querySelector('.list-clear');
    var empty = doc.getElementById('list-empty');
    var wrap = table.parentNode;
    var caption = table.caption;
    var summary = doc.getElementById('filters-active');
    var state = { sort: nav.getAttribute('data-sort') || 'number' };
    groups.concat(['sort']).forEach(function (f) {
      var v = query.get(f);
      if (v !== null) state[f] = v;
    });
    var label = function (a) { return (a.firstChild && a.firstChild.nodeType === 3 ? a.firstChild.nodeValue : a.textContent).trim(); };
    var groupName = function (f) {
      var el = doc.getElementById('facet-' + f);
      return el ? el.textContent.trim() : f;
    };
    var has = function (row, f, want) {
      var v = row.getAttribute('data-' + f) || '';
      return f === 'topic' ? v.split(' ').indexOf(want) >= 0 : v === want;
    };
    // Rows kept by `s`, with `f` set to `v` when given.
    var matching = function (s, f, v) {
      return rows.filter(function (row) {
        return groups.every(function (g) {
          var want = g === f ? v : s[g];
          return !want || has(row, g, want);
        });
      });
    };
    var queryOf = function (s) {
      var q = new URLSearchParams();
      groups.forEach(function (g) { if (s[g]) q.set(g, s[g]); });
      if (s.sort && s.sort !== 'number') q.set('sort', s.sort);
      var qs = q.toString();
      return qs ? '?' + qs : '';
    };
    var chipLabel = function (f, v) {
      for (var i = 0; i < chips.length; i++) {
        if (chips[i].getAttribute('data-facet') === f && chips[i].getAttribute('data-value') === v) return label(chips[i]);
      }
      return v;
    };
    var apply = function () {
      var num = function (row, f) { return Number(row.getAttribute('data-' + f)) || 0; };
      // By number, then (when asked) newest report first: rows of one date keep their number order.
      var order = rows.slice().sort(function (a, b) {
        return num(a, 'session') - num(b, 'session') || num(a, 'number') - num(b, 'number');
      });
      if (state.sort === 'latest') {
        order.sort(function (a, b) {
          var x = a.getAttribute('data-changed') || '';
          var y = b.getAttribute('data-changed') || '';
          return x === y ? 0 : (x < y ? 1 : -1);
        });
      }
      var kept = matching(state);
      order.forEach(function (row) {
        row.hidden = kept.indexOf(row) < 0;
        body.appendChild(row);
      });
      // Each choice: marked when current, counted for the combination, linked to it.
      for (var i = 0; i < chips.length; i++) {
        var a = chips[i];
        var f = a.getAttribute('data-facet');
        var v = a.getAttribute('data-value');
        var on = (state[f] || (f === 'sort' ? 'number' : '')) === v;
        if (on) a.setAttribute('aria-current', 'true'); else a.removeAttribute('aria-current');
        var next = {};
        for (var k in state) next[k] = state[k];
        next[f] = v;
        a.setAttribute('href', all + queryOf(next));
        var n = a.querySelector('.n');
        if (n && v && f !== 'sort') {
          n.textContent = n.textContent.replace(/\d+/, String(matching(state, f, v).length));
        }
      }
      var active = groups.filter(function (g) { return state[g]; });
      var tpl = summary ? summary.getAttribute('data-template') : '%f: %v';
      var sep = summary ? summary.getAttribute('data-sep') : '; ';
      var words = active.map(function (g) { return tpl.replace('%f', groupName(g)).replace('%v', chipLabel(g, state[g])); }).join(sep);
      if (summary) summary.textContent = words || summary.getAttribute('data-none');
      if (caption && wrap) {
        caption.textContent = active.length ? wrap.getAttribute('data-caption-template').replace('%s', words) : wrap.getAttribute('data-caption-all');
      }
      if (countText) countText.textContent = count.getAttribute('data-template').replace('%n', kept.length).replace('%t', rows.length);
      var clear = all + (state.sort === 'latest' ? queryOf({ sort: 'latest' }) : '');
      if (clearLink) {
        clearLink.hidden = !active.length;
        clearLink.setAttribute('href', clear);
      } else if (count && active.length) {
        clearLink = doc.createElement('a');
        clearLink.className = 'list-clear';
        clearLink.textContent = empty ? empty.querySelector('a').textContent : '';
        clearLink.setAttribute('href', clear);
        count.appendChild(doc.createTextNode(' '));
        count.appendChild(clearLink);
      }
      // No match: say so and offer to clear, instead of a bare table header.
      if (empty) {
        empty.hidden = kept.length > 0;
        empty.querySelector('a').setAttribute('href', clear);
      }
      if (wrap) wrap.hidden = kept.length === 0;
    };
    nav.addEventListener('click', function (e) {
      var a = e.target.closest ? e.target.closest('a[data-facet]') : null;
      if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button) return;
      e.preventDefault();
      state[a.getAttribute('data-facet')] = a.getAttribute('data-value');
      apply();
      history.replaceState(null, '', location.pathname + queryOf(state) + location.hash);
      keepPlace();
    });
    // "Clear the filters" in place too.
    [doc.querySelector('#list-empty a'), count && count.querySelector('.list-clear')].forEach(function (link) {
      if (!link) return;
      link.addEventListener('click', function (e) {
        if (e.ctrlKey || e.metaKey || e.shiftKey || e.button) return;
        e.preventDefault();
        groups.forEach(function (g) { state[g] = ''; });
        apply();
        history.replaceState(null, '', location.pathname + queryOf(state) + location.hash);
        keepPlace();
      });
    });
    apply();
  }
})();
