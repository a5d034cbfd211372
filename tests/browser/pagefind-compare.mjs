// Side-by-side comparison of the portal's search with Pagefind 1.6.0 on the same built site, over
// the evaluation set (tests/search-eval.tsv). Not run by CI; its numbers are in docs/search.md.
//
//   (cd tests/browser && npm ci) && (cd tests/browser/pagefind && npm ci)
//   cargo run --release -- build && node tests/browser/pagefind-compare.mjs public
//
// Copies DIR to a temporary folder, indexes it with Pagefind (timed), serves it on 127.0.0.1 and, for
// each query, in a fresh browser context (empty cache): types nothing, but opens the portal's search
// page with ?q= and reads the first three results; then runs `pagefind.search(q)` from the same page
// (Pagefind picks the index of the page's language) and reads its first three. Bytes per query are
// the bodies of every search request (the client, its index files; Pagefind's script, WebAssembly,
// index and fragments). Prints a Markdown table per category.
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const HERE = path.dirname(fileURLToPath(import.meta.url));
const SRC = path.resolve(process.argv[2] || path.join(HERE, '..', '..', 'public'));
const PAGEFIND = path.join(HERE, 'pagefind', 'node_modules', '.bin', 'pagefind');
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-pagefind-'));
fs.cpSync(SRC, DIR, { recursive: true });

const t0 = process.hrtime.bigint();
execFileSync(PAGEFIND, ['--site', DIR], { stdio: ['ignore', 'ignore', 'inherit'] });
const pagefindMs = Number(process.hrtime.bigint() - t0) / 1e6;
const du = (d) => fs.readdirSync(d, { withFileTypes: true }).reduce((s, e) =>
  s + (e.isDirectory() ? du(path.join(d, e.name)) : fs.statSync(path.join(d, e.name)).size), 0);
const count = (d) => fs.readdirSync(d, { withFileTypes: true }).reduce((s, e) =>
  s + (e.isDirectory() ? count(path.join(d, e.name)) : 1), 0);

const EVAL = fs.readFileSync(path.join(HERE, '..', 'search-eval.tsv'), 'utf8').split('\n')
  .filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('\t'));
const server = await serve(DIR);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const resolution = (u) => { const m = /\/resolutions\/(\d+)-(\d+)\//.exec(u || ''); return m ? `${m[1]}/${m[2]}` : null; };

// Runs `fn(page)` in a fresh context; returns its result and the bytes of requests matching `re`.
async function measured(re, url, fn) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  let bytes = 0;
  const pending = [];
  page.on('response', (r) => { if (re.test(new URL(r.url()).pathname)) pending.push(r.body().then((b) => { bytes += b.length; }, () => {})); });
  await page.goto(url);
  const out = await fn(page);
  await Promise.all(pending);
  await ctx.close();
  return [out, bytes];
}

const rows = [];
try {
  for (const [cat, lang, q, want, paras] of EVAL) {
    if (want === '-') continue; // a query that must find nothing (search-eval.tsv)
    const ps = paras.split(',');
    const url = `${server.url}/${lang}/search/?q=${encodeURIComponent(q)}`;
    // The portal (a resolution number opens its page: counted as a hit at rank 1).
    const [portal, pb] = await measured(/\/search\/.*\.json$|search\.js$/, url, async (page) => {
      try {
        await page.waitForFunction(() => /\/resolutions\//.test(location.pathname) ||
          (document.getElementById('search-status')?.textContent || '').length > 0, null, { timeout: 10000 });
      } catch { return []; }
      if (/\/resolutions\//.test(page.url())) return [{ url: page.url(), para: '' }];
      return page.evaluate(() => [...document.querySelectorAll('#search-results > li')].slice(0, 3).map((li) => ({
        url: li.querySelector('a').href, para: li.querySelector('.search-snippet a')?.getAttribute('href') || '',
      })));
    });
    // Pagefind, from the same page (so with the page's language).
    const [pf, fb] = await measured(/^\/pagefind\//, `${server.url}/${lang}/search/`, (page) => page.evaluate(async (q) => {
      const pagefind = await import('/pagefind/pagefind.js');
      const r = await pagefind.search(q);
      const d = await Promise.all(r.results.slice(0, 3).map((x) => x.data()));
      return d.map((x) => ({ url: x.url, subs: (x.sub_results || []).map((s) => s.url) }));
    }, q));
    const rank = (hits) => hits.findIndex((h) => resolution(h.url) === want);
    const pr = rank(portal), fr = rank(pf);
    const pPara = pr >= 0 && (portal[pr].para === '' ? q === want : ps.some((p) => portal[pr].para.endsWith(`#para-${p}`)));
    const fPara = fr >= 0 && pf[fr].subs.some((u) => ps.some((p) => u.endsWith(`#para-${p}`)));
    rows.push({ cat, lang, q, pr, fr, pPara, fPara, pb, fb });
    console.error(`${cat}\t${lang}\t${q}\tportal ${pr} ${pPara} ${pb}\tpagefind ${fr} ${fPara} ${fb}`);
  }
} finally {
  await browser.close();
  await server.close();
}

const cats = [...new Set(rows.map((r) => r.cat))].sort();
const line = (name, rs) => {
  const n = rs.length, c = (f) => rs.filter(f).length, kb = (k) => (rs.reduce((s, r) => s + r[k], 0) / n / 1000).toFixed(1);
  return `| ${name} | ${n} | ${c((r) => r.pr === 0)} / ${c((r) => r.fr === 0)} | ${c((r) => r.pr >= 0)} / ${c((r) => r.fr >= 0)} | ${c((r) => r.pPara)} / ${c((r) => r.fPara)} | ${kb('pb')} / ${kb('fb')} KB |`;
};
console.log('| category | queries | recall@1 portal / Pagefind | recall@3 | paragraph hits | bytes per query |');
console.log('|---|---|---|---|---|---|');
for (const c of cats) console.log(line(c, rows.filter((r) => r.cat === c)));
console.log(line('**all**', rows));
const searchDir = path.join(DIR, 'search'), pfDir = path.join(DIR, 'pagefind');
console.log(`\nindex: portal ${(du(searchDir) / 1000).toFixed(0)} KB in ${count(searchDir)} files; Pagefind ${(du(pfDir) / 1000).toFixed(0)} KB in ${count(pfDir)} files`);
console.log(`Pagefind indexing: ${pagefindMs.toFixed(0)} ms (wall, including start-up)`);
fs.rmSync(DIR, { recursive: true, force: true });
