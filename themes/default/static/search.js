// Search client: answers from the index fragments built by `portal build` (search/{lang}/). The
// tokeniser, scoring and snippets mirror src/search/{tokenize,query}.rs; see docs/search.md.
(() => {
'use strict';
const R = document.getElementById('search-results'), S = document.getElementById('search-status'),
  I = document.getElementById('q');
if (!R || !I) return;
const D = R.dataset, F = I.form;
const FOLD = "a:àáâãäåāăą c:çćĉċč d:ðďđ e:èéêëēĕėęě g:ĝğġģ h:ĥħ i:ìíîïĩīĭįı j:ĵ k:ķ l:ĺļľŀł n:ñńņňŉ o:òóôõöøōŏő r:ŕŗř s:śŝşšș t:ţťŧț u:ùúûüũūŭůűų w:ŵ y:ýÿŷ z:źżž ae:æ oe:œ ss:ß th:þ ij:ĳ";
const STOP = "a an and are as at be by for from has have in is it its of on or that the this to was were which with";
const SUFFIXES = "ations ation ings ing ions ion ments ment ies ied es ed s e y";
const AB = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
const W = [0, 1, 3, 10], LIMIT = 20, BEFORE = 40, CHARS = 180;
const fm = {}, stop = new Set(STOP.split(' ')), suf = SUFFIXES.split(' ');
FOLD.split(' ').forEach(g => { const [a, l] = g.split(':'); for (const c of l) fm[c] = a; });
const cjk = c => /[\u3005\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/u.test(c);
const wc = c => /[\p{Alphabetic}\p{N}]/u.test(c) && !cjk(c);
const dig = c => c && c >= '0' && c <= '9';
const fold = c => {
  const n = c.codePointAt(0);
  if (n >= 0xff01 && n <= 0xff5e) c = String.fromCodePoint(n - 0xfee0);
  let o = '';
  for (const l of c.toLowerCase()) o += l < '\x80' ? l : fm[l] || l;
  return o;
};
const stem = w => {
  if (!/^[a-z]+$/.test(w)) return w;
  if (w.length >= 6 && w.endsWith('ly')) w = w.slice(0, -2);
  for (const s of suf)
    if (w.length >= s.length + 3 && w.endsWith(s)) {
      if (s == 's' && /(ss|us|is)$/.test(w)) continue;
      return w.slice(0, -s.length);
    }
  return w;
};
const couldSuffix = r => !r || 'ly'.startsWith(r) || suf.some(s => s.startsWith(r));

// Tokens {t: term, f: folded word, k: kind (w word, n number, b bigram, u unigram), s, e: offsets}.
function tokenize(x) {
  const cs = [];
  for (let i = 0; i < x.length;) { const c = String.fromCodePoint(x.codePointAt(i)); cs.push([i, c]); i += c.length; }
  const end = i => i < cs.length ? cs[i][0] : x.length, ch = i => cs[i] && cs[i][1], out = [];
  for (let i = 0; i < cs.length;) {
    const c = cs[i][1], s = i;
    if (cjk(c)) {
      while (i < cs.length && cjk(ch(i))) i++;
      if (i - s == 1) out.push({ t: c, f: c, k: 'u', s: cs[s][0], e: end(i) });
      else for (let k = s; k < i - 1; k++) { const t = ch(k) + ch(k + 1); out.push({ t, f: t, k: 'b', s: cs[k][0], e: end(k + 2) }); }
    } else if (wc(c)) {
      let f = '', d = true;
      while (i < cs.length) {
        const c = ch(i), n = ch(i + 1);
        if (wc(c)) { d = d && dig(c); f += fold(c); i++; }
        else if ((c == "'" || c == '\u2019') && !d && n && wc(n)) i++;
        else if ((c == ',' || c == '/') && d && dig(n) &&
          (c == '/' || (i + 4 <= cs.length && dig(ch(i + 2)) && dig(ch(i + 3)) && !dig(ch(i + 4))))) {
          if (c == '/') { if (f.includes('/')) break; f += '/'; }
          i++;
        } else break;
      }
      const S = cs[s][0], E = end(i);
      if (/^[0-9/]+$/.test(f)) out.push({ t: f, f, k: 'n', s: S, e: E });
      else if (!stop.has(f)) out.push({ t: stem(f), f, k: 'w', s: S, e: E });
    } else i++;
  }
  return out;
}

// Required query tokens {x: exact, st: stems, p: prefix, k}.
function parse(q) {
  const ts = tokenize(q), open = !/\s$/.test(q), out = [];
  ts.forEach((t, i) => {
    const o = { x: t.t, st: [], p: null, k: t.k }, f = t.f;
    if (i == ts.length - 1 && open && (t.k == 'w' || t.k == 'n') && [...f].length >= 2) {
      o.p = f;
      if (t.k == 'w' && /^[a-z]+$/.test(f))
        for (let k = 3; k < f.length; k++) if (couldSuffix(f.slice(k)) && f.slice(0, k) != t.t) o.st.push(f.slice(0, k));
    } else if (t.k == 'u') o.p = t.t;
    if (!out.some(z => z.x == o.x && z.p == o.p)) out.push(o);
  });
  return out;
}

const cache = new Map();
const get = p => {
  if (!cache.has(p)) cache.set(p, fetch(D.index + p).then(r => { if (!r.ok) throw r.status; return r.json(); }));
  return cache.get(p);
};
const frag = (fr, t) => { let a = 0, b = fr.length; while (a < b) { const m = (a + b) >> 1; if (fr[m] <= t) a = m + 1; else b = m; } return Math.max(a - 1, 0); };
const varints = s => {
  const o = []; let v = 0, m = 1;
  for (const c of s) { const d = AB.indexOf(c); v += (d & 31) * m; if (d & 32) m *= 32; else { o.push(v); v = 0; m = 1; } }
  return o;
};

async function search(q) {
  const T = parse(q);
  if (!T.length) return { total: 0, hits: [], T };
  const meta = await get('meta.json'), fr = meta.frags, need = new Set(), pok = [];
  for (const t of T) {
    need.add(frag(fr, t.x));
    t.st.forEach(s => need.add(frag(fr, s)));
    let ok = false;
    if (t.p) {
      const a = frag(fr, t.p), b = frag(fr, t.p + '\uffff');
      if (b - a < 3) { for (let i = a; i <= b; i++) need.add(i); ok = true; }
    }
    pok.push(ok);
  }
  const dict = Object.assign({}, ...await Promise.all([...need].map(f => get('t/' + f + '.json'))));
  const has = k => Object.prototype.hasOwnProperty.call(dict, k);
  const P = Math.max(meta.pages, 1);
  const AL = T.map((t, ti) => {
    const a = [];
    if (has(t.x)) a.push([t.x, 1]);
    t.st.forEach(s => has(s) && a.push([s, 0.9]));
    if (t.p && pok[ti])
      Object.keys(dict).filter(k => k.startsWith(t.p) && k != t.x).sort().slice(0, 64).forEach(k => a.push([k, 0.7]));
    return a;
  });
  // Long posting lists: cheapest token first, within the budget (see query.rs).
  const cost = AL.map(a => a.reduce((c, [t]) => c + (Array.isArray(dict[t]) ? dict[t][1] : 0), 0));
  let spent = 0;
  const used = T.map((t, i) => i).sort((a, b) => cost[a] - cost[b] || a - b)
    .filter((i, k) => (k == 0 || spent + cost[i] <= 2e5) && (spent += cost[i], 1)).sort((a, b) => a - b).map(i => AL[i]);
  const post = {};
  await Promise.all(used.flat().map(async ([t]) => { post[t] = Array.isArray(dict[t]) ? await get('b/' + dict[t][0] + '.json') : dict[t]; }));
  let acc = new Map(), idfSum = 0;
  used.forEach((alts, ti) => {
    const best = new Map();
    let tidf = 0;
    for (const [term, fac] of alts) {
      const v = varints(post[term]), idf = Math.log(1 + P / Math.max(v.length / 2, 1));
      tidf = Math.max(tidf, idf);
      let page = 0;
      for (let i = 0; i < v.length; i += 2) {
        page += v[i];
        const doc = Math.floor(v[i + 1] / 4), w = idf * W[v[i + 1] % 4] * fac;
        if (!best.has(page)) best.set(page, new Map());
        const m = best.get(page);
        m.set(doc, Math.max(m.get(doc) || 0, w));
      }
    }
    idfSum += tidf;
    const next = new Map();
    for (const [page, docs] of best) {
      let e = acc.get(page);
      if (ti > 0 && !e) continue;
      e = e || [0, new Map()];
      e[0] += Math.max(...docs.values());
      for (const [d, w] of docs) { const x = e[1].get(d) || [0, 0]; e[1].set(d, [x[0] + 1, x[1] + w]); }
      next.set(page, e);
    }
    acc = next;
  });
  const n = used.length, ranked = [];
  for (const [page, [score, docs]] of acc) {
    let bd = 0, bx = null;
    for (const [d, x] of docs) {
      if (!bx || x[0] > bx[0] || (x[0] == bx[0] && ((d > 0) > (bd > 0) || ((d > 0) == (bd > 0) && (x[1] > bx[1] || (x[1] == bx[1] && d < bd)))))) { bd = d; bx = x; }
    }
    ranked.push([page, score + (n > 1 && bx && bx[0] == n ? idfSum / 2 : 0), bd]);
  }
  ranked.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const hits = await Promise.all(ranked.slice(0, LIMIT).map(async ([page, , doc]) => ({ f: await get('p/' + page + '.json'), doc })));
  return { total: ranked.length, hits, T };
}

const match = (tk, T) => T.some(t => tk.t == t.x || t.st.includes(tk.t) ||
  (t.p && (t.k == 'u' ? tk.t.startsWith(t.p) || tk.t.endsWith(t.p) : tk.f.startsWith(t.p))));

// Text with matches in <mark>; `win` cuts a window around the first match.
function marked(text, T, win) {
  const rs = [];
  for (const tk of tokenize(text)) if (match(tk, T)) {
    const l = rs[rs.length - 1];
    if (l && tk.s <= l[1]) l[1] = Math.max(l[1], tk.e); else rs.push([tk.s, tk.e]);
  }
  let from = 0, to = text.length;
  if (win) {
    const cp = [...text], first = rs.length ? [...text.slice(0, rs[0][0])].length : 0, a = Math.max(first - BEFORE, 0);
    from = cp.slice(0, a).join('').length;
    to = from + cp.slice(a, a + CHARS).join('').length;
  }
  const fr = document.createDocumentFragment(), add = (s, m) => {
    if (!s) return;
    if (m) { const e = document.createElement('mark'); e.textContent = s; fr.append(e); } else fr.append(s);
  };
  let pos = from;
  add(from > 0 ? '…' : '');
  for (let [a, b] of rs) {
    a = Math.max(a, from); b = Math.min(b, to);
    if (a >= b) continue;
    add(text.slice(pos, a)); add(text.slice(a, b), 1); pos = b;
  }
  add(text.slice(pos, to));
  add(to < text.length ? '…' : '');
  return [fr, rs.length > 0];
}

const el = (tag, cls) => { const e = document.createElement(tag); if (cls) e.className = cls; return e; };
let seq = 0, timer;
async function run(q, go) {
  const me = ++seq;
  q = q.trim();
  history.replaceState(null, '', q ? '?q=' + encodeURIComponent(q) : location.pathname);
  if (!q) { R.replaceChildren(); S.textContent = ''; return; }
  let res;
  try { res = await search(q); } catch (e) { if (me == seq) S.textContent = D.error; return; }
  if (me != seq) return;
  const top = res.hits[0];
  if (go && top && top.f.n == q && /^\d+\/\d+$/.test(q)) { location.href = D.root + top.f.u; return; }
  const items = res.hits.map(({ f, doc }) => {
    const li = el('li'), h = el('a', 'search-title'), d = f.d[doc] || ['', '', ''];
    h.href = D.root + f.u;
    if (f.n) { const n = el('span', 'search-num'); n.textContent = f.n; h.append(n, ' '); }
    h.append(marked(f.t, res.T)[0]);
    li.append(h);
    let [snip, ok] = marked(d[1], res.T, 1);
    if (!ok && d[2]) { const s2 = marked(d[2], res.T, 1); if (s2[1]) snip = s2[0]; }
    if (snip.textContent) {
      const p = el('p', 'search-snippet');
      if (d[0]) { const a = el('a'); a.href = d[0][0] == '#' ? h.href + d[0] : D.root + d[0]; a.append(snip); p.append(a); }
      else p.append(snip);
      li.append(p);
    }
    return li;
  });
  R.replaceChildren(...items);
  const c = res.total;
  // A function as the replacement: a string would read `$&`, `$'` or `$\`` in the query as patterns.
  S.textContent = (c == 0 ? D.n0 : c == 1 ? D.n1 : D.nn.replace('987654', () => c)).replace('%q', () => q);
}

I.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => run(I.value), 200); });
F.addEventListener('submit', e => { e.preventDefault(); clearTimeout(timer); run(I.value, 1); });
const q0 = new URLSearchParams(location.search).get('q');
if (q0) { I.value = q0; run(q0, 1); }
})();
