// Resolution Portal: small enhancements; every page works without this file.
// - the language switch keeps the reader's place (query and #fragment), as the path already does;
// - root-relative citation links (no base_url configured) become absolute for copying;
// - each paragraph gets a button that copies its full citation (the text shown under a targeted paragraph)
//   and says "Copied" on itself and in a live region;
// - on the whole list of resolutions, the filter and sort links apply in place and combine (the URL's
//   query keeps the choice: ?session=2&funding=...), instead of opening the pre-rendered lists.
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

  // ---- filter and sort the list of resolutions in place
  var table = doc.getElementById('res-list');
  var nav = doc.querySelector('nav.filters');
  if (table && nav && table.tBodies[0]) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var chips = nav.querySelectorAll('a[data-facet]');
    var count = doc.getElementById('list-count');
    var facets = ['session', 'shortfall', 'status', 'funding', 'topic'];
    var state = { sort: 'number' };
    for (var c = 0; c < chips.length; c++) {
      var ch = chips[c];
      if (ch.getAttribute('data-facet') === 'sort' && ch.getAttribute('aria-current')) state.sort = ch.getAttribute('data-value');
    }
    var params = new URLSearchParams(location.search);
    facets.concat(['sort']).forEach(function (f) {
      var v = params.get(f);
      if (v !== null) state[f] = v;
    });
    var keeps = function (row) {
      return facets.every(function (f) {
        var want = state[f];
        if (!want) return true;
        var have = row.getAttribute('data-' + f) || '';
        return f === 'topic' ? have.split(' ').indexOf(want) >= 0 : have === want;
      });
    };
    var apply = function () {
      var shown = 0;
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
      order.forEach(function (row) {
        var keep = keeps(row);
        row.hidden = !keep;
        if (keep) shown++;
        body.appendChild(row);
      });
      for (var i = 0; i < chips.length; i++) {
        var a = chips[i];
        var f = a.getAttribute('data-facet');
        var on = (state[f] || (f === 'sort' ? 'number' : '')) === a.getAttribute('data-value');
        if (on) a.setAttribute('aria-current', 'true'); else a.removeAttribute('aria-current');
      }
      if (count) count.textContent = count.getAttribute('data-template').replace('%n', shown).replace('%t', rows.length);
    };
    nav.addEventListener('click', function (e) {
      var a = e.target.closest ? e.target.closest('a[data-facet]') : null;
      if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button) return;
      e.preventDefault();
      state[a.getAttribute('data-facet')] = a.getAttribute('data-value');
      apply();
      var q = new URLSearchParams();
      facets.forEach(function (f) { if (state[f]) q.set(f, state[f]); });
      if (state.sort && state.sort !== 'number') q.set('sort', state.sort);
      var qs = q.toString();
      history.replaceState(null, '', location.pathname + (qs ? '?' + qs : '') + location.hash);
      keepPlace();
    });
    apply();
  }
})();
