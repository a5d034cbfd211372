// Search client: answers from the index fragments built by `portal build` (search/{lang}/). The
// tokeniser, query parsing, scoring and snippets mirror src/search/{tokenize,query,han}.rs; see
// docs/search.md.
(() => {
'use strict';
const R = document.getElementById('search-results'), S = document.getElementById('search-status'),
  N = document.querySelector('[data-search-notice]') || document.createElement('p'),
  I = document.getElementById('q');
if (!R || !I) return;
const D = R.dataset, F = I.form;
const FOLD = "a:àáâãäåāăą c:çćĉċč d:ðďđ e:èéêëēĕėęě g:ĝğġģ h:ĥħ i:ìíîïĩīĭįı j:ĵ k:ķ l:ĺļľŀł n:ñńņňŉ o:òóôõöøōŏő r:ŕŗř s:śŝşšș t:ţťŧț u:ùúûüũūŭůűų w:ŵ y:ýÿŷ z:źżž ae:æ oe:œ ss:ß th:þ ij:ĳ";
const STOP = "a an and are as at be by for from has have in is it its of on or that the this to was were which with";
const SUFFIXES = "ations ation ings ing ions ion ments ment ies ied es ed s e y";
const MULTIPLIERS = "万:4 亿:8 thousand:3 million:6 billion:9 trillion:12";
const NUMBER_WORDS = "one:1 first:1 two:2 second:2 three:3 third:3 four:4 fourth:4 five:5 fifth:5 six:6 sixth:6 seven:7 seventh:7 eight:8 eighth:8 nine:9 ninth:9 ten:10 tenth:10 eleven:11 eleventh:11 twelve:12 twelfth:12 thirteen:13 thirteenth:13 fourteen:14 fourteenth:14 fifteen:15 fifteenth:15 sixteen:16 sixteenth:16 seventeen:17 seventeenth:17 eighteen:18 eighteenth:18 nineteen:19 nineteenth:19 twenty:20 twentieth:20 thirty:30 thirtieth:30 forty:40 fortieth:40 fifty:50 fiftieth:50 sixty:60 sixtieth:60 seventy:70 seventieth:70 eighty:80 eightieth:80 ninety:90 ninetieth:90";
const AB = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
const W = [0, 1, 3, 10], DPF = 2, BUDGET = 48000, PART = 16000, LIMIT = 20, BEFORE = 40, CHARS = 180, K1 = 10, TYPO = [1, 0.5, 0.35], BUCKETS = 32;
const fm = {}, stop = new Set(STOP.split(' ')), suf = SUFFIXES.split(' '), mul = {}, HF = {};
FOLD.split(' ').forEach(g => { const [a, l] = g.split(':'); for (const c of l) fm[c] = a; });
MULTIPLIERS.split(' ').forEach(m => { const [a, z] = m.split(':'); mul[a] = +z; });
const NW = Object.create(null);
NUMBER_WORDS.split(' ').forEach(m => { const [a, v] = m.split(':'); NW[a] = +v; });
// Number words and ordinals as numerals (search::ordinals): [value, end offset] or null.
const eng = (w, x, e) => {
  const m = /^(\d{1,4})(st|nd|rd|th)$/.exec(w);
  if (m) return [+m[1], e];
  const v = NW[w];
  if (v == null) return null;
  const r = v >= 20 && v % 10 == 0 && /^[-‐‑–]([a-zA-Z]*)/.exec(x.slice(e)), n = r && e + 1 + r[1].length;
  if (r && !/[\p{Alphabetic}\p{N}]/u.test(x[n] || '') && NW[r[1].toLowerCase()] < 10) return [v + NW[r[1].toLowerCase()], n];
  return [v, e];
};
const ZO = /^第[ \u00a0]?(?:([0-9]{1,4})|([〇零一二两三四五六七八九十百]{1,8}))[ \u00a0]?[届次屆]/;
const zo = s => {
  const m = ZO.exec(s);
  if (!m) return null;
  let t = 0, c = null;
  if (m[1]) t = +m[1];
  else for (const h of m[2]) {
    const d = h == '零' ? 0 : h == '两' ? 2 : '〇一二三四五六七八九'.indexOf(h);
    if (d >= 0) c = d;
    else if (h == '十') { t += (c ?? 1) * 10; c = null; }
    else if (c == null) return null;
    else { t += c * 100; c = null; }
  }
  t += c ?? 0;
  return t ? [t, m[0].length - 1] : null;
};
const cjk = c => /[\u3005\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/u.test(c);
const wc = c => !!c && /[\p{Alphabetic}\p{N}]/u.test(c) && !cjk(c);
const dig = c => c && c >= '0' && c <= '9';
const gsp = c => c == ' ' || c == '\u00a0' || c == '\u202f' || c == '\u2009';
const hf = c => HF[c] || c;
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
    const z = c == '第' && zo(x.slice(cs[i][0]));
    if (z) {
      const S = cs[i][0], E = S + z[1];
      out.push({ t: '' + z[0], f: '' + z[0], k: 'n', s: S, e: E });
      while (i < cs.length && cs[i][0] < E) i++;
    } else if (cjk(c)) {
      while (i < cs.length && cjk(ch(i)) && !(i > s && ch(i) == '第' && zo(x.slice(cs[i][0])))) i++;
      if (i - s == 1) { const t = hf(c); out.push({ t, f: t, k: 'u', s: cs[s][0], e: end(i) }); }
      else for (let k = s; k < i - 1; k++) { const t = hf(ch(k)) + hf(ch(k + 1)); out.push({ t, f: t, k: 'b', s: cs[k][0], e: end(k + 2) }); }
    } else if (wc(c)) {
      let f = '', d = true, g = false;
      while (i < cs.length) {
        const c = ch(i), n = ch(i + 1);
        if (wc(c)) { d = d && dig(c); f += fold(c); i++; }
        else if ((c == "'" || c == '\u2019') && !d && wc(n)) i++;
        else if ((c == ',' || c == '/') && d && dig(n) &&
          (c == '/' || (i + 4 <= cs.length && dig(ch(i + 2)) && dig(ch(i + 3)) && !dig(ch(i + 4))))) {
          if (c == '/') { if (f.includes('/')) break; f += '/'; }
          i++;
        } else if (gsp(c) && d && (g || f.length <= 3) && !f.includes('/') && dig(n) && dig(ch(i + 2)) && dig(ch(i + 3)) && !dig(ch(i + 4))) { g = true; i++; }
        else break;
      }
      if (d && !f.includes('/')) {
        // A decimal part and a multiplier: `2 400 万`, `0.5 billion` (see tokenize::scale).
        let j = i, fr = '', w = '';
        if (ch(j) == '.' && dig(ch(j + 1))) { j++; while (dig(ch(j))) fr += ch(j++); }
        if (gsp(ch(j))) j++;
        if (ch(j) && cjk(ch(j))) w = hf(ch(j++));
        else { while (ch(j) && /[a-zA-Z]/.test(ch(j))) w += ch(j++); if (wc(ch(j))) w = ''; }
        const z = w && mul[w.toLowerCase()];
        if (z != null && z !== '' && fr.length <= z) { f = (f + fr + '0'.repeat(z - fr.length)).replace(/^0+(?=\d)/, ''); i = j; }
      }
      const o = !d && eng(f, x, end(i));
      if (o) { f = '' + o[0]; while (i < cs.length && cs[i][0] < o[1]) i++; }
      const S = cs[s][0], E = end(i);
      if (/^[0-9/]+$/.test(f)) out.push({ t: f, f, k: 'n', s: S, e: E });
      else if (!stop.has(f)) out.push({ t: stem(f), f, k: 'w', s: S, e: E });
    } else i++;
  }
  return out;
}

// Paragraph numbers written as such (`¶38`, `para 38`, `第38段`, `38段`, `第三十八段`); see
// query::paragraphs.
const AN = '(?![\\p{Alphabetic}\\p{N}])', X = '[〇一二三四五六七八九]', Y = '[一二三四五六七八九]';
const NUM = `([0-9０-９]+|十${Y}|十|${X}十${Y}|${X}十|${Y})`;
const PARA = new RegExp(`¶\\s*${NUM}${AN}|第\\s*${NUM}\\s*段|第\\s*([0-9][0-9０-９]*)\\s*$|(^|[^\\p{Alphabetic}\\p{N}])(?:paragraphs|paragraph|paras|para)\\.?\\s*${NUM}${AN}|([0-9０-９]+)\\s*段`, 'giu');
const cnum = s => {
  s = s.replace(/[０-９]/g, d => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(s)) return +s;
  const v = c => '〇一二三四五六七八九'.indexOf(c), [a, b, c] = [...s];
  return a == '十' ? 10 + (b ? v(b) : 0) : b == '十' ? v(a) * 10 + (c ? v(c) : 0) : v(a);
};

// Required query tokens {x: exact, st: stems, p: prefix, k, al: other exact terms, f: folded,
// w: word (a Chinese run's bigrams share one), ty: the word as typed, at: place in it}.
function parse(q) {
  const out = [];
  // (No lookbehind, which older Safari cannot parse: the character before `para` is kept.)
  q = q.replace(PARA, (...m) => {
    const n = [m[1], m[2], m[3], m[5], m[6]].find(v => v != null), x = '¶' + cnum(n);
    if (!out.some(z => z.x == x)) out.push({ x, st: [], p: null, k: 'n', al: [], f: '', w: out.length, ty: x, at: 0 });
    return (m[4] || '') + ' ';
  });
  const ts = tokenize(q), open = !/\s$/.test(q), w0 = out.length, ws = [];
  // A run of overlapping bigrams is one word (query::parse::word_spans).
  ts.forEach((t, i) => { const l = ws[ws.length - 1]; if (i && t.k == 'b' && ts[i - 1].k == 'b' && t.s < l[1]) l[1] = t.e; else ws.push([t.s, t.e]); t.w = ws.length - 1; });
  ts.forEach((t, i) => {
    const [a, b] = ws[t.w], f = t.f, dg = !/\p{Alphabetic}/u.test(q.slice(t.s, t.e)), o = { x: t.t, st: [], p: null, k: t.k, al: [], f, w: w0 + t.w, ty: q.slice(a, b), at: [...q.slice(a, t.s)].length };
    if (t.k == 'n' && t.t.length <= 4 && !t.t.includes('/') && dg) o.al.push('¶' + +t.t);
    if (i == ts.length - 1 && open && (t.k == 'w' || t.k == 'n' && dg) && [...f].length >= 2) {
      o.p = f;
      if (t.k == 'w' && /^[a-z]+$/.test(f))
        for (let k = 3; k < f.length; k++) if (couldSuffix(f.slice(k)) && f.slice(0, k) != t.t) o.st.push(f.slice(0, k));
    } else if (t.k == 'u') o.p = t.t;
    if (!out.some(z => z.x == o.x && z.p == o.p)) out.push(o);
  });
  return out;
}

// Edit distance with adjacent transpositions (query::edit_distance).
function dist(a, b) {
  a = [...a]; b = [...b];
  const d = [];
  for (let i = 0; i <= a.length; i++) {
    d.push([]);
    for (let j = 0; j <= b.length; j++) {
      let v = !i ? j : !j ? i : Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]));
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i].push(v);
    }
  }
  return d[a.length][b.length];
}

const cache = new Map();
const get = p => {
  if (!cache.has(p)) cache.set(p, fetch(D.search + p).then(r => { if (!r.ok) throw r.status; return r.json(); }));
  return cache.get(p);
};
const frag = (fr, t) => { let a = 0, b = fr.length; while (a < b) { const m = (a + b) >> 1; if (fr[m] <= t) a = m + 1; else b = m; } return Math.max(a - 1, 0); };
const varints = s => {
  const o = []; let v = 0, m = 1;
  for (const c of s) { const d = AB.indexOf(c); v += (d & 31) * m; if (d & 32) m *= 32; else { o.push(v); v = 0; m = 1; } }
  return o;
};
const idf = (n, df) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

// The traditional → simplified pairs of the query's Chinese characters (han::buckets).
async function han(q) {
  const bs = new Set();
  for (const c of q) if (cjk(c)) bs.add(c.codePointAt(0) % BUCKETS);
  for (const s of await Promise.all([...bs].map(b => get('han/' + b + '.json')))) {
    const p = [...s];
    for (let i = 0; i + 1 < p.length; i += 2) HF[p[i]] = p[i + 1];
  }
}

// The vocabulary words within k edits of token t, as [stem, edits, word] (query::near_words).
async function near(L, meta, t, k) {
  if (!k || [...t.f].length < 3) return [];
  const rev = w => [...w].reverse().join(''), found = new Map();
  for (const [fs, dir, key, r] of [[meta.vf, 'v', [...t.f].slice(0, 2).join(''), 0], [meta.vr, 'r', [...rev(t.x)].slice(0, 2).join(''), 1]]) {
    if (!fs || !fs.length) continue;
    const a = frag(fs, key), b = Math.min(frag(fs, key + '\uffff'), a + 1);
    for (let f = a; f <= b; f++)
      for (let w of await get(L + dir + '/' + f + '.json')) {
        if (!w.startsWith(key)) continue;
        if (r) w = rev(w);
        let d = Math.min(dist(t.x, w), dist(t.f, w)), s = w;
        for (const x of suf) { const e = dist(t.f, w + x); if (e < d) { d = e; s = w + x; } }
        if (d >= 1 && d <= k) found.set(w, [w, d, s]);
      }
  }
  const c = w => w.codePointAt(0) != t.f.codePointAt(0);
  return [...found.values()].sort((a, b) => a[1] - b[1] || c(a[0]) - c(b[0]) || (a[0] < b[0] ? -1 : a[0] > b[0]));
}

// Suggestions when no word is found (query::suggestions): each word's nearest words, and a
// Chinese run's longest stretch of bigrams found.
function suggest(T, has, SG) {
  const o = new Set();
  T.forEach((t, i) => {
    SG[i].forEach(s => o.add(s));
    if (t.k != 'b' || (i && T[i - 1].w == t.w)) return;
    let best = null, from = null;
    for (let j = i; j < T.length && T[j].w == t.w; j++)
      if (has(T[j].x)) { if (from == null) from = T[j].at; const n = T[j].at + 2 - from; if (!best || n > best[1]) best = [from, n]; }
      else from = null;
    if (best) o.add([...t.ty].slice(best[0], best[0] + best[1]).join(''));
  });
  return [...o].slice(0, 3);
}

// Runs query q against the index of language L (`en/`): {total, hits: [{f: page file, doc, lk:
// words it lacks}], T, c: corrected, dr: dropped, pa: partial, sg: suggestions} (query::Results).
async function search(q, L) {
  await han(q);
  const T = parse(q), res = { total: 0, hits: [], T, c: [], dr: [], pa: 0, sg: [] };
  if (!T.length) return res;
  const meta = await get(L + 'meta.json'), fr = meta.frags, need = new Set(), pok = [];
  for (const t of T) {
    need.add(frag(fr, t.x));
    t.st.concat(t.al).forEach(s => need.add(frag(fr, s)));
    let ok = false;
    if (t.p) {
      const a = frag(fr, t.p), b = frag(fr, t.p + '\uffff');
      if (b - a < 3) { for (let i = a; i <= b; i++) need.add(i); ok = true; }
    }
    pok.push(ok);
  }
  const frags = fs => Promise.all([...fs].map(f => get(L + 't/' + f + '.json')));
  const dict = Object.assign({}, ...await frags(need));
  const has = k => Object.prototype.hasOwnProperty.call(dict, k);
  const P = Math.max(meta.pages, 1);
  const AL = T.map((t, ti) => {
    const a = [];
    if (has(t.x)) a.push([t.x, 1]);
    t.al.forEach(s => has(s) && a.push([s, 1]));
    t.st.forEach(s => has(s) && a.push([s, 0.9]));
    if (t.p && pok[ti])
      Object.keys(dict).filter(k => k.startsWith(t.p) && k != t.x).sort().slice(0, 64).forEach(k => a.push([k, 0.7]));
    return a;
  });
  // Typo tolerance for a word that matches nothing (a prefix too wide to expand is no typo).
  const wide = T.map((t, i) => !!t.p && !pok[i] && t.k != 'u'), SG = T.map(() => []);
  for (let ti = 0; ti < T.length; ti++) {
    const t = T[ti], n = [...t.f].length;
    if (AL[ti].length || t.k != 'w' || wide[ti]) continue;
    const k = n < 3 ? 0 : n < 5 ? +T.some(o => o.w != t.w) : n < 8 ? 1 : 2, nw = await near(L, meta, t, k + 1), ws = nw.filter(x => x[1] <= k).slice(0, 3);
    SG[ti] = nw.slice(0, 3).map(x => x[2]);
    Object.assign(dict, ...await frags(new Set(ws.map(([w]) => frag(fr, w)))));
    t.al.push(...ws.map(([w]) => w));
    AL[ti] = ws.filter(([w]) => has(w)).map(([w, d]) => [w, TYPO[d]]);
    if (AL[ti].length) t.c = 1;
  }
  // A word is left out, and named, when one of its tokens matches nothing.
  const miss = new Set(T.filter((t, i) => !AL[i].length && !wide[i]).map(t => t.w));
  const words = ws => [...new Set(T.filter(t => ws.has(t.w)).map(t => t.ty))];
  res.c = words(new Set(T.filter(t => t.c).map(t => t.w)));
  res.dr = words(miss);
  T.forEach((t, i) => miss.has(t.w) && (AL[i] = []));
  if (T.every(t => miss.has(t.w))) { res.c = []; res.sg = suggest(T, has, SG); return res; }
  // Long posting lists: cheapest token first, part by part, within the budget; a partly read
  // term limits results to the pages its parts cover (see src/search/query/postings.rs).
  const long = t => Array.isArray(dict[t]) ? dict[t] : null;
  const cost = AL.map(a => a.reduce((c, [t]) => c + (long(t) ? long(t)[1] : 0), 0));
  const order = T.map((t, i) => i).sort((a, b) => cost[a] - cost[b] || a - b);
  const post = {}, dec = (s, out) => { const v = varints(s); let p = 0; for (let i = 0; i < v.length; i += 2) { p += v[i]; out.push([p, v[i + 1]]); } };
  let cover = Infinity, spent = 0, first = true;
  for (const i of order) {
    const read = new Map();
    for (const [t] of AL[i]) if (long(t)) read.set(t, 0); else { const v = []; dec(dict[t], v); post[t] = [v, 1]; }
    for (let k = 0; ; k++) {
      const want = [];
      for (const [t] of AL[i]) {
        const l = long(t);
        if (!l || read.get(t) !== k || k > (l[2] || []).length) continue;
        const start = k ? l[2][k - 1] : 0;
        if (start >= cover || (!first && spent + Math.min(l[1], PART) > BUDGET)) continue;
        // Budget decisions are made in order before the fetches, as src/search/query/postings.rs makes them.
        spent += Math.min(l[1], PART); first = false;
        want.push([t, l, k]);
      }
      if (!want.length) break;
      const got = await Promise.all(want.map(([t, l, k]) => get(L + 'b/' + (l[0] + k) + '.json')));
      want.forEach(([t, l, k], j) => {
        spent += got[j].length - Math.min(l[1], PART);
        const e = post[t] || (post[t] = [[], 0]);
        dec(got[j], e[0]); e[1] += got[j].length / Math.max(l[1], 1); read.set(t, k + 1);
      });
    }
    for (const [t, n] of read) { const f = long(t)[2] || []; if (n > 0 && n <= f.length) cover = Math.min(cover, f[n - 1]); }
    AL[i] = AL[i].filter(([t]) => !read.has(t) || read.get(t) > 0);
  }
  // Per token left: its word, idf and page → document → weight (query::rank).
  const used = [];
  AL.forEach((alts, ti) => {
    if (!alts.length) return;
    const best = new Map(), lists = alts.map(([term, fac]) => {
      const [v, share] = post[term];
      let df = 0;
      for (let i = 0; i < v.length; i++) if (!i || v[i - 1][0] != v[i][0]) df++;
      return [v, idf(P, df / Math.max(share, 1e-9)), fac];
    });
    const tidf = Math.max(0, ...lists.map(l => l[1]));
    for (const [v, id, fac] of lists) {
      for (const [page, code] of v) {
        if (page >= cover) continue;
        const doc = Math.floor(code / 4), w = W[code % 4] * fac * id / Math.max(tidf, 1e-9);
        if (!best.has(page)) best.set(page, new Map());
        const m = best.get(page);
        m.set(doc, Math.max(m.get(doc) || 0, w));
      }
    }
    used.push([T[ti].w, tidf, best]);
  });
  // Pages holding every word; when there are none, those holding some, most first, with the words
  // they lack.
  const asked = [...new Set(used.map(u => u[0]))], cand = new Set();
  used.forEach(u => u[2].forEach((_, p) => cand.add(p)));
  let ranked = [];
  for (const page of cand) {
    const lk = asked.filter(w => used.some(u => u[0] == w && !u[2].has(page)));
    if (lk.length == asked.length) continue;
    let score = 0, n = 0, is = 0, bd = 0, bx = null;
    const docs = new Map();
    for (const [w, tidf, best] of used) {
      const m = best.get(page);
      if (lk.includes(w) || !m) continue;
      n++; is += tidf;
      let tf = 0;
      for (const v of m.values()) tf += v;
      score += tidf * tf * (K1 + 1) / (tf + K1);
      for (const [d, v] of m) { const x = docs.get(d) || [0, 0]; docs.set(d, [x[0] + 1, x[1] + v * tidf]); }
    }
    for (const [d, x] of docs) {
      if (!bx || x[0] > bx[0] || (x[0] == bx[0] && ((d > 0) > (bd > 0) || ((d > 0) == (bd > 0) && (x[1] > bx[1] || (x[1] == bx[1] && d < bd)))))) { bd = d; bx = x; }
    }
    ranked.push([page, score + (n > 1 && bx && bx[0] == n ? is / 2 : 0), bd, lk, is]);
  }
  res.pa = ranked.length && !ranked.some(r => !r[3].length);
  if (!res.pa) ranked = ranked.filter(r => !r[3].length);
  const ord = (a, b) => a[3].length - b[3].length || b[1] - a[1] || a[0] - b[0];
  ranked.sort(ord);
  // The page files of the results shown; a page whose title or document holds the words one after
  // another gains their idf sum (query::hit::PHRASE_WINDOW).
  const top = await Promise.all(ranked.slice(0, LIMIT).map(async r => {
    const f = await get(L + 'p/' + r[0] + '-' + Math.floor(r[2] / DPF) + '.json'), d = f.d[r[2] % DPF] || ['', '', ''];
    const U = T.filter(t => !miss.has(t.w) && !r[3].includes(t.w) && t.x[0] != '¶');
    if (U.length > 1 && [f.t, d[1], d[2]].some(x => phrase(x, U))) r[1] += r[4];
    return [r, { f, doc: r[2] % DPF, lk: r[3].map(w => T.find(t => t.w == w).ty) }];
  }));
  res.hits = top.sort((a, b) => ord(a[0], b[0])).map(x => x[1]);
  res.total = ranked.length;
  if (!res.total) res.c = [];
  return res;
}

const mt = (tk, t) => tk.t == t.x || t.st.includes(tk.t) || t.al.includes(tk.t) ||
  (t.p && (t.k == 'u' ? tk.t.startsWith(t.p) || tk.t.endsWith(t.p) : tk.f.startsWith(t.p)));
const match = (tk, T) => T.some(t => mt(tk, t));
// Whether tokens U occur in text x one after another, each the next token or the one after
// (query::snippet::phrase).
const phrase = (x, U) => {
  const ts = tokenize(x);
  return ts.some((tk, i) => mt(tk, U[0]) && U.slice(1).every(t => { for (const p of [i + 1, i + 2]) if (ts[p] && mt(ts[p], t)) { i = p; return 1; } }));
};

// Where a window edge at code point a may move to a word boundary (query::word_edge): forward
// (dir 1) to just after the next space or CJK punctuation, or back (dir -1) to the last, within 20.
const edge = (cp, a, dir) => {
  for (let k = 0; k < 20; k++) {
    const i = a + dir * k;
    if (i <= 0 || i >= cp.length) return a;
    if (/[\s，。；、：！？]/.test(cp[dir > 0 ? i - 1 : i])) return i;
  }
  return a;
};

// Text with matches in <mark>; `win` cuts a window around the first match, at word boundaries.
function marked(text, T, win) {
  const rs = [];
  for (const tk of tokenize(text)) if (match(tk, T)) {
    const l = rs[rs.length - 1];
    if (l && tk.s <= l[1]) l[1] = Math.max(l[1], tk.e); else rs.push([tk.s, tk.e]);
  }
  let from = 0, to = text.length;
  if (win) {
    const cp = [...text], first = rs.length ? [...text.slice(0, rs[0][0])].length : 0;
    let a = Math.max(first - BEFORE, 0), b = Math.min(a + CHARS, cp.length);
    if (a > 0) a = Math.min(edge(cp, a, 1), first);
    if (b < cp.length) b = Math.max(edge(cp, b, -1), first + 1);
    from = cp.slice(0, a).join('').length;
    to = from + cp.slice(a, b).join('').length;
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
  add(text.slice(pos, to).trimEnd());
  add(to < text.length ? '…' : '');
  return [fr, rs.length > 0];
}

const el = (tag, cls) => { const e = document.createElement(tag); if (cls) e.className = cls; return e; };
const others = D.other.split('|').filter(Boolean).map(s => s.split(' ')).map(([code, hl, ...name]) => [code, hl, name.join(' ')]);
let seq = 0, timer;
async function run(q, go) {
  const me = ++seq;
  q = q.trim();
  history.replaceState(null, '', q ? '?q=' + encodeURIComponent(q) : location.pathname);
  if (!q) { R.replaceChildren(); S.textContent = ''; N.hidden = true; return; }
  let res, other = null;
  try {
    res = await search(q, D.lang + '/');
    // Nothing found here, or a word left out: the other languages' indexes, labelled as such; the
    // answer nearest the query as typed wins (query::search_languages, distance).
    const far = r => ((!r.total * 99 + r.dr.length) * 2 + !!r.pa) * 99 + r.c.length;
    for (const o of others) {
      if (res.total && !res.dr.length) break;
      const r = await search(q, o[0] + '/');
      if (r.total && far(r) < far(res)) { res = r; other = o; }
      else if (!res.total && !res.sg.length) res.sg = r.sg;
    }
  } catch (e) { if (me == seq) S.textContent = D.error; return; }
  if (me != seq) return;
  const top = res.hits[0];
  if (go && top && top.f.n == q && /^\d+\/\d+$/.test(q)) { location.href = D.root + top.f.u; return; }
  const items = res.hits.map(({ f, doc, lk }) => {
    const li = el('li'), h = el('a', 'search-title'), d = f.d[doc] || ['', '', ''];
    if (other) li.lang = other[1];
    if (f.s) { li.dataset.resolution = f.n; li.dataset.shortfall = f.s; }
    h.href = D.root + f.u;
    if (f.n) { const n = el('span', 'search-num'); n.textContent = f.n; h.append(n, ' '); }
    h.append(marked(f.t, res.T)[0]);
    li.append(h);
    let [snip, ok] = marked(d[1], res.T, 1);
    if (!ok && d[2]) { const s2 = marked(d[2], res.T, 1); if (s2[1]) snip = s2[0]; }
    if (snip.textContent) {
      const p = el('p', 'search-snippet'), m = /#para-(\d+)$/.exec(d[0]);
      if (d[0]) {
        const a = el('a');
        a.href = d[0][0] == '#' ? h.href + d[0] : D.root + d[0];
        if (m) { const s = el('span', 'search-para'); s.textContent = D.para + '\u00a0' + m[1]; a.append(s, ' '); }
        a.append(snip); p.append(a);
      } else p.append(snip);
      li.append(p);
    }
    if (lk.length) { const p = el('p', 'search-lacks'); p.textContent = D.lacks.replace('%w', () => lk.join(', ')); li.dataset.lacks = lk.join(' '); li.append(p); }
    return li;
  });
  R.replaceChildren(...items);
  // Named, never silent (query::Results): words corrected, words left out, results that lack some
  // words; when nothing is found, the nearest words as links, never as results.
  const msg = [];
  if (res.c.length) msg.push(D.corrected.replace('%w', () => res.c.join(', ')));
  if (res.dr.length) msg.push(D.left.replace('%w', () => res.dr.join(', ')));
  if (res.pa) msg.push(D.partial);
  if (res.sg.length) msg.push(D.suggest);
  N.dataset.corrected = res.c.join(' ');
  N.dataset.dropped = res.dr.join(' ');
  N.replaceChildren(msg.join(' '));
  res.sg.forEach((s, i) => { const a = el('a'); a.href = '?q=' + encodeURIComponent(s); a.textContent = s; N.append(i ? ', ' : ' ', a); });
  N.hidden = !msg.length;
  const c = res.total;
  // A function as the replacement: a string would read `$&`, `$'` or `$\`` in the query as patterns.
  S.textContent = (other ? (c == 1 ? D.o1 : D.on.replace('987654', () => c)).replace('%l', () => other[2]) :
    c == 0 ? D.n0 : c == 1 ? D.n1 : D.nn.replace('987654', () => c)).replace('%q', () => q);
}

I.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => run(I.value), 200); });
F.addEventListener('submit', e => { e.preventDefault(); clearTimeout(timer); run(I.value, 1); });
const q0 = new URLSearchParams(location.search).get('q');
if (q0) { I.value = q0; run(q0, 1); }
})();
