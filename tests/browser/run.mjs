// Real-browser checks for the built portal.
//
//   node tests/browser/run.mjs [DIR] [--base-url URL] [--concurrency N]
//
// Serves DIR (default: public) on 127.0.0.1, finds every HTML page (crawl from /, /en/, /zh/ plus every
// *.html file in DIR) and checks each one in headless Chromium (Debian's /usr/bin/chromium):
//   axe       axe-core, tags wcag2a wcag2aa wcag21a wcag21aa: 0 violations
//   requests  no request leaves 127.0.0.1 (such requests are aborted); no internal resource fails
//   links     every internal a[href], link[href], script[src], img[src] answers 200 (redirects followed),
//             and every #fragment exists as an id on the target page
//   weight    pages under /*/resolutions/*/ load < 60,000 bytes of HTML + CSS + JS (search index excluded)
//   nu        the Nu HTML checker (vnu.jar from npm vnu-jar): 0 errors per HTML file
//   js-off    with JavaScript disabled, home and resolution pages still have a non-empty <main>
//   search    on /en/search/ and /zh/search/, a typed query shows results that include resolution 2/7
//   sitemap   every URL of sitemap.xml answers 200 (its pages are crawled too)
//   screenshot  full-page screenshots (360x740 and 1280x900) into artifacts/screenshots/
// Ends with a line "N passed, N failed" and exits 1 when anything failed.
//
// Links starting with the site's base_url (read from site.yaml beside DIR, or --base-url) are checked
// as internal links, so canonical and hreflang alternates must point at real pages too.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const opts = { dir: null, baseUrl: process.env.PORTAL_BASE_URL || null, concurrency: Number(process.env.BROWSER_CONCURRENCY || 3) };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--base-url') opts.baseUrl = argv[++i];
  else if (a.startsWith('--base-url=')) opts.baseUrl = a.slice('--base-url='.length);
  else if (a === '--concurrency') opts.concurrency = Number(argv[++i]);
  else if (a === '-h' || a === '--help') {
    console.log('usage: node tests/browser/run.mjs [DIR] [--base-url URL] [--concurrency N]');
    process.exit(0);
  } else if (!opts.dir) opts.dir = a;
  else {
    console.error(`unexpected argument: ${a}`);
    process.exit(2);
  }
}
const DIR = path.resolve(opts.dir || path.join(REPO, 'public'));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCREENSHOT_DIR = path.resolve(process.env.SCREENSHOT_DIR || path.join(REPO, 'artifacts', 'screenshots'));
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WEIGHT_LIMIT = 60_000; // bytes, uncompressed
const RESOLUTION_PAGE = /^\/[^/]+\/resolutions\/[^/]+\/(index\.html)?$/;
const SEEDS = ['/', '/en/', '/zh/'];
const SCREENSHOT_PAGES = ['/en/', '/zh/', '/en/resolutions/2-7/', '/zh/resolutions/2-7/', '/en/funding/', '/zh/funding/'];
const VIEWPORTS = [
  { name: 'phone', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
];
const SEARCHES = [
  { lang: 'en', query: 'housing', expect: '/resolutions/2-7/' },
  { lang: 'zh', query: '住房', expect: '/resolutions/2-7/' },
];
const SEARCH_RESULT_LINKS = '#search-results a[href]';
const TOTAL_TIMEOUT_MS = Number(process.env.BROWSER_CHECKS_TIMEOUT_MS || 15 * 60 * 1000);

// ---------------------------------------------------------------- results
const results = []; // {kind, page, ok, detail}
const warnings = [];
function record(kind, page, ok, detail = '') {
  results.push({ kind, page, ok, detail });
}
function warn(msg) {
  warnings.push(msg);
  console.log(`  warning: ${msg}`);
}
function header(title) {
  console.log(`\n== ${title} ==`);
}
function closingLine() {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  return { passed, failed, line: `${passed} passed, ${failed} failed` };
}

let finished = false;
let nuChild = null;
function bail(message) {
  if (finished) return;
  finished = true;
  console.log(`\nERROR: ${message}`);
  if (nuChild && nuChild.exitCode === null) nuChild.kill();
  record('internal', '-', false, message);
  const { line } = closingLine();
  console.log(line);
  process.exit(1);
}
const watchdog = setTimeout(() => bail(`browser checks took longer than ${TOTAL_TIMEOUT_MS / 1000}s; stopped`), TOTAL_TIMEOUT_MS);
watchdog.unref();
process.on('unhandledRejection', (e) => bail(`unhandled rejection: ${e?.stack || e}`));
process.on('uncaughtException', (e) => bail(`uncaught exception: ${e?.stack || e}`));

// ---------------------------------------------------------------- helpers
function listHtmlFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && /\.html?$/i.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

function fileToUrlPath(file) {
  const rel = path.relative(DIR, file).split(path.sep);
  if (rel[rel.length - 1] === 'index.html') rel[rel.length - 1] = '';
  return '/' + rel.map(encodeURIComponent).join('/');
}

/** Page key: path only (no query/fragment), with a trailing index.html dropped. */
function pageKey(u) {
  const url = new URL(u);
  let p = url.pathname;
  if (p.endsWith('/index.html')) p = p.slice(0, -'index.html'.length);
  return p;
}

function readBaseUrl() {
  if (opts.baseUrl) return opts.baseUrl;
  for (const f of [path.join(DIR, '..', 'site.yaml'), path.join(REPO, 'site.yaml')]) {
    try {
      const m = fs.readFileSync(f, 'utf8').match(/^base_url:\s*["']?([^"'\s#]+)/m);
      if (m) return m[1];
    } catch {
      /* no site.yaml */
    }
  }
  return null;
}

function displayPath(u) {
  try {
    const url = new URL(u);
    return decodeURI(url.pathname) + url.search + decodeURIComponent(url.hash);
  } catch {
    return u;
  }
}

function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([
    promise.finally(() => clearTimeout(t)),
    new Promise((_, reject) => { t = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000}s`)), ms); }),
  ]);
}

// ---------------------------------------------------------------- Nu checker (runs in parallel)
function runNu(files) {
  return new Promise((resolve) => {
    let jar;
    try {
      jar = require('vnu-jar');
    } catch (e) {
      resolve({ error: `vnu-jar is not installed (run npm ci in tests/browser): ${e.message}` });
      return;
    }
    if (files.length === 0) {
      resolve({ messages: [] });
      return;
    }
    const args = ['-Xss8m', '-jar', jar, '--errors-only', '--format', 'json', '--skip-non-html', ...files];
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    nuChild = child;
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', (e) => resolve({ error: `could not run java: ${e.message}` }));
    child.on('close', (code) => {
      const text = (err.trim() || out.trim());
      const start = text.indexOf('{');
      try {
        const json = JSON.parse(text.slice(start));
        resolve({ messages: json.messages || [], code });
      } catch (e) {
        resolve({ error: `could not read Nu checker output (exit ${code}): ${text.slice(0, 2000)}` });
      }
    });
  });
}

// ---------------------------------------------------------------- main
async function main() {
  if (!fs.existsSync(DIR) || !fs.statSync(DIR).isDirectory()) {
    header('Browser checks');
    record('setup', DIR, false, 'folder does not exist');
    console.log(`  FAIL: ${DIR} does not exist (build the site first: cargo run --release -- build)`);
    return;
  }
  let playwright;
  try {
    playwright = await import('playwright-core');
  } catch (e) {
    record('setup', '-', false, 'playwright-core missing');
    console.log(`  FAIL: playwright-core is not installed (cd tests/browser && npm ci): ${e.message}`);
    return;
  }
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const htmlFiles = listHtmlFiles(DIR);

  header(`Browser checks: ${DIR}`);
  const server = await serve(DIR);
  const ORIGIN = server.url;
  const baseUrl = readBaseUrl();
  const mapBase = baseUrl && !/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(baseUrl) ? baseUrl.replace(/\/?$/, '/') : null;
  console.log(`  serving at ${ORIGIN}/`);
  console.log(`  ${htmlFiles.length} HTML files in the folder`);
  if (mapBase) console.log(`  links under ${mapBase} (site base_url) are checked as internal links`);

  console.log('  Nu HTML checker started in the background');
  const nuPromise = runNu(htmlFiles);

  const browser = await playwright.chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-quic', '--no-first-run'],
  });
  console.log(`  Chromium ${browser.version()} (${CHROMIUM})`);
  try {
    const fc = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
    if (!fc.stdout || !fc.stdout.trim()) warn('no Chinese font installed (apt-get install fonts-noto-cjk): Chinese text renders as boxes in screenshots');
  } catch {
    /* no fontconfig */
  }

  /** Map a link to a server URL when it is internal; null when external or not http(s). */
  function internalUrl(abs) {
    if (!abs) return null;
    let u;
    try {
      u = new URL(abs);
    } catch {
      return null;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (u.origin === ORIGIN) return u;
    if (mapBase && abs.startsWith(mapBase)) return new URL('/' + abs.slice(mapBase.length), ORIGIN);
    return null;
  }

  // -------- link target status (memoised; follows up to 5 redirects)
  const targetStatus = new Map();
  function checkTarget(urlNoFrag) {
    if (!targetStatus.has(urlNoFrag)) {
      targetStatus.set(urlNoFrag, (async () => {
        let url = urlNoFrag;
        const chain = [];
        for (let i = 0; i < 6; i++) {
          let res;
          try {
            res = await fetch(url, { method: 'GET', redirect: 'manual' });
            await res.arrayBuffer();
          } catch (e) {
            return { status: 0, error: e.message, finalUrl: url, chain };
          }
          if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
            chain.push(res.status);
            url = new URL(res.headers.get('location'), url).href;
            continue;
          }
          return { status: res.status, finalUrl: url, chain, contentType: res.headers.get('content-type') || '' };
        }
        return { status: 0, error: 'too many redirects', finalUrl: url, chain };
      })());
    }
    return targetStatus.get(urlNoFrag);
  }

  // -------- crawl state
  const pages = new Map(); // key -> {key, url, source, ids, links, ...}
  const queue = [];
  function enqueue(key, source) {
    if (pages.has(key)) return;
    pages.set(key, { key, url: ORIGIN + key, source });
    queue.push(key);
  }
  for (const s of SEEDS) enqueue(s, 'seed');
  for (const f of htmlFiles) enqueue(fileToUrlPath(f), 'file');

  // -------- visit one page
  async function visit(key) {
    const rec = pages.get(key);
    const t0 = Date.now();
    rec.external = [];
    rec.resourceErrors = [];
    rec.pageErrors = [];
    rec.consoleErrors = [];
    rec.weightParts = [];
    rec.notes = [];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      let mainDocDone = false;
      await context.route('**/*', async (route) => {
        const req = route.request();
        let u;
        try {
          u = new URL(req.url());
        } catch {
          return route.continue();
        }
        if ((u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:' || u.protocol === 'wss:') && u.hostname !== '127.0.0.1') {
          rec.external.push(`${req.resourceType()} ${req.url()}`);
          return route.abort('blockedbyclient');
        }
        // Keep the page under test in place: neutralise a <meta http-equiv="refresh"> in the page itself
        // (e.g. a language redirect on /), so the checks run on the page that was asked for.
        if (!mainDocDone && req.isNavigationRequest() && req.frame() === req.frame().page().mainFrame()) {
          mainDocDone = true;
          try {
            const resp = await route.fetch({ maxRedirects: 0 });
            const body = await resp.text();
            if (resp.status() === 200 && /<meta[^>]+http-equiv\s*=\s*["']?refresh/i.test(body)) {
              rec.notes.push('has <meta http-equiv="refresh">; checked without following it');
              return route.fulfill({ response: resp, body: body.replace(/http-equiv(\s*=\s*["']?)refresh/gi, 'data-http-equiv$1refresh') });
            }
            return route.fulfill({ response: resp, body });
          } catch {
            return route.continue();
          }
        }
        return route.continue();
      });
      const page = await context.newPage();
      const weightJobs = [];
      page.on('pageerror', (e) => rec.pageErrors.push(String(e.message || e).split('\n')[0]));
      page.on('console', (m) => {
        if (m.type() === 'error' && !/ERR_BLOCKED_BY_CLIENT/.test(m.text())) rec.consoleErrors.push(m.text());
      });
      page.on('requestfailed', (req) => {
        const failure = req.failure()?.errorText || '';
        if (/BLOCKED_BY_CLIENT|ERR_ABORTED/.test(failure) && !req.url().startsWith(ORIGIN)) return;
        if (req.url().startsWith(ORIGIN)) rec.resourceErrors.push(`${req.resourceType()} ${displayPath(req.url())}: ${failure}`);
      });
      page.on('response', (resp) => {
        const req = resp.request();
        const u = resp.url();
        if (!u.startsWith(ORIGIN)) return;
        const st = resp.status();
        if (st >= 400) rec.resourceErrors.push(`${req.resourceType()} ${displayPath(u)}: HTTP ${st}`);
        const p = new URL(u).pathname;
        const type = req.resourceType();
        const isCode = type === 'document' || type === 'stylesheet' || type === 'script' || /\.(html?|css|m?js)$/i.test(p);
        if (!isCode || st >= 300) return;
        if (/(^|\/)search(\/|\.|$)/i.test(p) || /\.json$/i.test(p)) return;
        weightJobs.push(resp.body().then((b) => rec.weightParts.push({ path: decodeURI(p), type, bytes: b.length })).catch(() => {}));
      });
      let navigations = 0;
      page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations++; });

      const resp = await page.goto(rec.url, { waitUntil: 'load', timeout: 30_000 });
      rec.status = resp ? resp.status() : 0;
      await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => {});
      if (navigations > 1) rec.notes.push(`navigated away on its own to ${displayPath(page.url())}`);
      if (rec.status !== 200) {
        rec.loadError = `HTTP ${rec.status}`;
        return;
      }
      rec.title = await page.title();

      // links and ids
      const dom = await page.evaluate(() => {
        const out = [];
        for (const [sel, attr] of [['a[href]', 'href'], ['link[href]', 'href'], ['script[src]', 'src'], ['img[src]', 'src']]) {
          for (const el of document.querySelectorAll(sel)) {
            const raw = el.getAttribute(attr);
            let abs = null;
            try {
              abs = new URL(raw, document.baseURI).href;
            } catch {
              /* invalid URL */
            }
            out.push({ tag: el.localName, raw, abs });
          }
        }
        const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
        for (const a of document.querySelectorAll('a[name]')) ids.push(a.getAttribute('name'));
        const main = document.querySelector('main');
        return { links: out, ids, mainText: main ? main.textContent.trim().length : -1 };
      });
      rec.ids = new Set(dom.ids);
      rec.links = [];
      rec.externalLinks = 0;
      const jobs = [];
      for (const l of dom.links) {
        if (l.abs === null) {
          rec.links.push({ ...l, error: 'not a valid URL' });
          continue;
        }
        const iu = internalUrl(l.abs);
        if (!iu) {
          if (/^https?:/i.test(l.abs)) rec.externalLinks++;
          continue;
        }
        const frag = iu.hash ? iu.hash.slice(1) : '';
        iu.hash = '';
        const link = { ...l, target: iu.href, fragment: frag };
        rec.links.push(link);
        jobs.push(checkTarget(iu.href).then((st) => {
          link.result = st;
          if (st.status === 200 && /text\/html/.test(st.contentType)) enqueue(pageKey(st.finalUrl), `link from ${key}`);
        }));
      }

      // axe-core
      await page.evaluate(axeSource);
      const axeResult = await withTimeout(page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
        AXE_TAGS,
      ), 90_000, 'axe-core');
      rec.violations = axeResult.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
        html: v.nodes.map((n) => n.html),
      }));

      await Promise.all(jobs);
      await Promise.all(weightJobs);
    } catch (e) {
      rec.loadError = String(e.message || e).split('\n')[0];
    } finally {
      rec.ms = Date.now() - t0;
      await context.close().catch(() => {});
    }
  }

  // -------- sitemap.xml: every URL in it must answer 200; its pages are crawled too
  const sitemap = await checkTarget(ORIGIN + '/sitemap.xml');
  let sitemapUrls = null;
  if (sitemap.status === 200) {
    const xml = await (await fetch(ORIGIN + '/sitemap.xml')).text();
    sitemapUrls = [...xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>|\shref="([^"]+)"/g)].map((m) => (m[1] || m[2]).replace(/&amp;/g, '&'));
    for (const u of sitemapUrls) {
      const iu = internalUrl(u);
      if (iu) enqueue(pageKey(iu.href), 'sitemap.xml');
    }
  }

  // -------- crawl with a small pool of pages in parallel
  header('Crawl and per-page checks (axe, requests, links)');
  const crawlStart = Date.now();
  await new Promise((resolve) => {
    let active = 0;
    let done = 0;
    const pump = () => {
      while (active < opts.concurrency && queue.length) {
        const key = queue.shift();
        active++;
        visit(key).catch((e) => { pages.get(key).loadError = String(e); }).finally(() => {
          active--;
          done++;
          const r = pages.get(key);
          const v = r.violations ? r.violations.length : '-';
          console.log(`  [${String(done).padStart(3)}] ${r.loadError ? 'LOAD FAILED' : 'loaded'} ${decodeURI(key)}  (${r.ms} ms, axe violations: ${v}, links: ${r.links ? r.links.length : 0})`);
          pump();
        });
      }
      if (active === 0 && queue.length === 0) resolve();
    };
    pump();
  });
  console.log(`  ${pages.size} pages in ${((Date.now() - crawlStart) / 1000).toFixed(1)} s`);

  // -------- evaluate per-page results
  const sorted = [...pages.values()].sort((a, b) => a.key.localeCompare(b.key));
  header('Page loads');
  for (const r of sorted) {
    const ok = !r.loadError;
    record('load', r.key, ok, r.loadError || '');
    if (!ok) console.log(`  FAIL ${decodeURI(r.key)} (${r.source}): ${r.loadError}`);
    for (const n of r.notes || []) console.log(`  note: ${decodeURI(r.key)}: ${n}`);
  }
  if (sorted.every((r) => !r.loadError)) console.log(`  all ${sorted.length} pages loaded`);
  const loaded = sorted.filter((r) => !r.loadError);

  header('Accessibility (axe-core: wcag2a, wcag2aa, wcag21a, wcag21aa)');
  const byRule = new Map();
  for (const r of loaded) {
    const vs = r.violations || [];
    record('axe', r.key, vs.length === 0, vs.map((v) => v.id).join(', '));
    if (vs.length) console.log(`  FAIL ${r.url}`);
    for (const v of vs) {
      console.log(`       ${v.id} [${v.impact}] ${v.help}`);
      for (let i = 0; i < v.targets.length && i < 8; i++) console.log(`         ${v.targets[i]}    ${v.html[i].slice(0, 160).replace(/\s+/g, ' ')}`);
      if (v.targets.length > 8) console.log(`         ... and ${v.targets.length - 8} more`);
      const e = byRule.get(v.id) || { impact: v.impact, pages: 0, nodes: 0 };
      e.pages++;
      e.nodes += v.targets.length;
      byRule.set(v.id, e);
    }
  }
  if (byRule.size) {
    console.log('  by rule:');
    for (const [id, e] of byRule) console.log(`    ${id} [${e.impact}]: ${e.pages} pages, ${e.nodes} elements`);
  } else console.log(`  no violations on ${loaded.length} pages`);

  header('Requests (nothing may leave 127.0.0.1; internal resources must load)');
  let reqFails = 0;
  for (const r of loaded) {
    const problems = [...r.external.map((x) => `external request blocked: ${x}`), ...r.resourceErrors.map((x) => `resource failed: ${x}`)];
    record('requests', r.key, problems.length === 0, problems.join('; '));
    if (problems.length) {
      reqFails++;
      console.log(`  FAIL ${r.url}`);
      for (const p of problems) console.log(`       ${p}`);
    }
    for (const e of r.pageErrors) warn(`${decodeURI(r.key)}: JavaScript error: ${e}`);
    for (const e of r.consoleErrors) warn(`${decodeURI(r.key)}: console error: ${e}`);
  }
  if (!reqFails) console.log(`  no external requests, no failed resources on ${loaded.length} pages`);

  header('Links (internal targets answer 200; #fragments exist)');
  let linkCount = 0;
  let fragmentLinks = 0;
  let externalLinks = 0;
  const redirected = new Map();
  for (const r of loaded) {
    const problems = [];
    externalLinks += r.externalLinks || 0;
    for (const l of r.links || []) {
      linkCount++;
      const label = `<${l.tag}> ${l.raw}`;
      if (l.error) {
        problems.push(`${label}: ${l.error}`);
        continue;
      }
      const st = l.result;
      if (!st || st.status !== 200) {
        problems.push(`${label} -> ${st ? (st.status ? `HTTP ${st.status}` : st.error) : 'not checked'}`);
        continue;
      }
      if (st.chain.length) redirected.set(`${l.raw} (on ${decodeURI(r.key)})`, displayPath(st.finalUrl));
      if (l.fragment && l.fragment !== 'top') {
        fragmentLinks++;
        let frag = l.fragment;
        try {
          frag = decodeURIComponent(frag);
        } catch {
          /* keep raw */
        }
        const target = pages.get(pageKey(st.finalUrl));
        if (target && target.ids && !target.ids.has(frag)) problems.push(`${label}: no element with id="${frag}" on ${decodeURI(target.key)}`);
        else if (target && !target.ids && /text\/html/.test(st.contentType)) problems.push(`${label}: target page could not be checked for id="${frag}"`);
      }
    }
    record('links', r.key, problems.length === 0, problems.join('; '));
    if (problems.length) {
      console.log(`  FAIL ${r.url}`);
      for (const p of problems) console.log(`       ${p}`);
    }
  }
  console.log(`  ${linkCount} internal links checked (${targetStatus.size} distinct targets, ${fragmentLinks} with a #fragment); ${externalLinks} external links not followed`);
  if (redirected.size) {
    warn(`${redirected.size} internal links only work through a redirect (link to the final URL instead):`);
    let i = 0;
    for (const [from, to] of redirected) {
      if (i++ >= 15) {
        console.log(`      ... and ${redirected.size - 15} more`);
        break;
      }
      console.log(`      ${from} -> ${to}`);
    }
  }

  header('sitemap.xml (every URL answers 200)');
  if (!sitemapUrls) warn('no /sitemap.xml; not checked');
  else {
    const problems = [];
    for (const u of [...new Set(sitemapUrls)]) {
      const iu = internalUrl(u);
      if (!iu) {
        problems.push(`${u}: not under the site's base URL`);
        continue;
      }
      iu.hash = '';
      const st = await checkTarget(iu.href);
      if (st.status !== 200) problems.push(`${u} -> ${st.status ? `HTTP ${st.status}` : st.error}`);
    }
    record('sitemap', '/sitemap.xml', problems.length === 0, problems.join('; '));
    if (problems.length) {
      console.log('  FAIL /sitemap.xml');
      for (const p of problems) console.log(`       ${p}`);
    } else console.log(`  ${new Set(sitemapUrls).size} URLs, all answer 200`);
    const listed = new Set(sitemapUrls.map((u) => internalUrl(u)).filter(Boolean).map((u) => pageKey(u.href)));
    const missing = loaded.filter((r) => r.key !== '/' && r.key !== '/404.html' && !listed.has(r.key)).map((r) => decodeURI(r.key));
    if (missing.length) warn(`${missing.length} pages are not in sitemap.xml: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''}`);
  }

  header(`Page weight (/*/resolutions/*/: HTML + CSS + JS < ${WEIGHT_LIMIT} bytes; search index excluded)`);
  const weighed = loaded.filter((r) => RESOLUTION_PAGE.test(r.key));
  if (!weighed.length) warn('no resolution pages (/*/resolutions/*/) found to weigh');
  let maxW = 0;
  for (const r of weighed) {
    const total = r.weightParts.reduce((s, p) => s + p.bytes, 0);
    maxW = Math.max(maxW, total);
    const ok = total < WEIGHT_LIMIT;
    record('weight', r.key, ok, `${total} bytes`);
    const parts = r.weightParts.map((p) => `${p.path} ${p.bytes}`).join(', ');
    if (!ok) console.log(`  FAIL ${r.url}: ${total} bytes (${parts})`);
  }
  if (weighed.length) {
    const heaviest = weighed.find((r) => r.weightParts.reduce((s, p) => s + p.bytes, 0) === maxW);
    console.log(`  ${weighed.length} resolution pages weighed; heaviest ${maxW} bytes (${(maxW / 1000).toFixed(1)} kB): ${decodeURI(heaviest.key)} = ${heaviest.weightParts.map((p) => `${p.path} ${p.bytes}`).join(' + ')}`);
  }

  // -------- JavaScript off
  header('JavaScript off (<main> present and not empty)');
  const resKeys = loaded.map((r) => r.key).filter((k) => RESOLUTION_PAGE.test(k));
  const jsOffPages = [];
  for (const lang of ['en', 'zh']) {
    const home = `/${lang}/`;
    if (pages.get(home) && !pages.get(home).loadError) jsOffPages.push(home);
    const pref = `/${lang}/resolutions/2-7/`;
    const res = resKeys.includes(pref) ? pref : resKeys.find((k) => k.startsWith(`/${lang}/`));
    if (res) jsOffPages.push(res);
  }
  if (!jsOffPages.length) {
    record('js-off', '/en/', false, 'no home or resolution page to check');
    console.log('  FAIL no home or resolution page found');
  }
  {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    await ctx.route('**/*', (route) => {
      const u = new URL(route.request().url());
      return u.hostname === '127.0.0.1' ? route.continue() : route.abort('blockedbyclient');
    });
    const page = await ctx.newPage();
    for (const key of jsOffPages) {
      try {
        await page.goto(ORIGIN + key, { waitUntil: 'load', timeout: 30_000 });
        const n = await page.evaluate(() => {
          const m = document.querySelector('main');
          return m ? m.textContent.trim().length : -1;
        });
        const ok = n > 0;
        record('js-off', key, ok, n < 0 ? 'no <main>' : `${n} characters`);
        console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${decodeURI(key)}: ${n < 0 ? 'no <main> element' : `<main> has ${n} characters of text`}`);
      } catch (e) {
        record('js-off', key, false, String(e.message).split('\n')[0]);
        console.log(`  FAIL ${decodeURI(key)}: ${String(e.message).split('\n')[0]}`);
      }
    }
    await ctx.close();
  }

  // -------- search end to end: type a query, expect results that include the resolution it names
  header('Search end to end (query typed into the search page, results rendered in the browser)');
  for (const { lang, query, expect } of SEARCHES) {
    const key = `/${lang}/search/`;
    const st = await checkTarget(ORIGIN + key);
    if (st.status !== 200) {
      warn(`no search page at ${key}; search not checked`);
      continue;
    }
    const ctx = await browser.newContext();
    await ctx.route('**/*', (route) => {
      const u = new URL(route.request().url());
      return u.hostname === '127.0.0.1' ? route.continue() : route.abort('blockedbyclient');
    });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e.message || e).split('\n')[0]));
    const label = `${key} "${query}"`;
    try {
      await page.goto(ORIGIN + key, { waitUntil: 'load', timeout: 30_000 });
      // The search page's one box is the header's (id q), or one in <main>.
      const input = page.locator('#q, main input[type="search"], main input[name="q"]').first();
      await input.fill(query, { timeout: 5_000 });
      await input.press('Enter');
      let hrefs = [];
      try {
        await page.waitForSelector(SEARCH_RESULT_LINKS, { timeout: 10_000 });
        await page.waitForTimeout(300);
        hrefs = await page.$$eval(SEARCH_RESULT_LINKS, (as) => as.map((a) => a.href));
      } catch {
        /* no results appeared */
      }
      const problems = [];
      if (!hrefs.length) problems.push(`no results appeared within 10 s${errors.length ? ` (JavaScript errors: ${errors.join('; ')})` : ''}`);
      else if (!hrefs.some((h) => h.includes(expect))) problems.push(`${hrefs.length} results, none links to ${expect}`);
      for (const h of hrefs.slice(0, 10)) {
        const iu = internalUrl(h);
        if (!iu) continue;
        iu.hash = '';
        const t = await checkTarget(iu.href);
        if (t.status !== 200) problems.push(`result link ${displayPath(h)} -> HTTP ${t.status}`);
      }
      record('search', label, problems.length === 0, problems.join('; '));
      if (problems.length) console.log(`  FAIL ${label}: ${problems.join('; ')}`);
      else console.log(`  ok   ${label}: ${hrefs.length} results, including ${expect}`);
    } catch (e) {
      record('search', label, false, String(e.message).split('\n')[0]);
      console.log(`  FAIL ${label}: ${String(e.message).split('\n')[0]}`);
    }
    await ctx.close();
  }

  // -------- screenshots
  header(`Screenshots (${path.relative(process.cwd(), SCREENSHOT_DIR) || SCREENSHOT_DIR})`);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const vp of VIEWPORTS) {
    const ctx = await browser.newContext({ viewport: vp.viewport, isMobile: !!vp.isMobile, hasTouch: !!vp.hasTouch, deviceScaleFactor: 1 });
    await ctx.route('**/*', (route) => {
      const u = new URL(route.request().url());
      return u.hostname === '127.0.0.1' ? route.continue() : route.abort('blockedbyclient');
    });
    const page = await ctx.newPage();
    for (const key of SCREENSHOT_PAGES) {
      const name = `${key.replace(/^\/|\/$/g, '').replace(/\//g, '-') || 'root'}-${vp.name}.png`;
      const file = path.join(SCREENSHOT_DIR, name);
      try {
        const st = await checkTarget(ORIGIN + key);
        if (st.status !== 200) {
          warn(`screenshot of ${key} skipped: HTTP ${st.status || st.error}`);
          continue;
        }
        await page.goto(ORIGIN + key, { waitUntil: 'load', timeout: 30_000 });
        await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => {});
        const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
        if (widths[0] > widths[1] + 1) warn(`${key} scrolls sideways at ${vp.viewport.width}px: page is ${widths[0]}px wide`);
        await page.screenshot({ path: file, fullPage: true, timeout: 60_000 });
        record('screenshot', `${key} ${vp.name}`, true);
        console.log(`  ok   ${path.relative(REPO, file)}`);
      } catch (e) {
        record('screenshot', `${key} ${vp.name}`, false, String(e.message).split('\n')[0]);
        console.log(`  FAIL ${key} ${vp.name}: ${String(e.message).split('\n')[0]}`);
      }
    }
    await ctx.close();
  }

  await browser.close();
  await server.close();

  // -------- Nu checker results
  header('HTML validation (Nu HTML checker, errors only)');
  const nu = await nuPromise;
  if (nu.error) {
    record('nu', '-', false, nu.error);
    console.log(`  FAIL ${nu.error}`);
  } else {
    const byFile = new Map(htmlFiles.map((f) => [f, []]));
    const other = [];
    for (const m of nu.messages) {
      if (m.type !== 'error' && m.type !== 'non-document-error') continue;
      let file = null;
      try {
        file = m.url ? fileURLToPath(m.url) : null;
      } catch {
        file = null;
      }
      if (file && byFile.has(file)) byFile.get(file).push(m);
      else other.push(m);
    }
    const byMessage = new Map();
    for (const [file, msgs] of byFile) {
      const rel = path.relative(DIR, file);
      record('nu', rel, msgs.length === 0, msgs.map((m) => m.message).join('; '));
      if (!msgs.length) continue;
      console.log(`  FAIL ${rel}: ${msgs.length} errors`);
      for (const m of msgs.slice(0, 20)) {
        console.log(`       line ${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ${m.message}`);
        if (m.extract) console.log(`         ${m.extract.replace(/\s+/g, ' ').slice(0, 160)}`);
      }
      if (msgs.length > 20) console.log(`       ... and ${msgs.length - 20} more`);
      for (const m of msgs) byMessage.set(m.message, (byMessage.get(m.message) || 0) + 1);
    }
    for (const m of other) {
      record('nu', m.url || '-', false, m.message);
      console.log(`  FAIL ${m.url || ''}: ${m.message}`);
    }
    if (byMessage.size) {
      console.log('  by message:');
      for (const [msg, n] of [...byMessage].sort((a, b) => b[1] - a[1])) console.log(`    ${n} x ${msg}`);
    } else if (!other.length) console.log(`  no errors in ${htmlFiles.length} files`);
  }
}

try {
  await main();
} catch (e) {
  bail(e?.stack || String(e));
}
if (!finished) {
  finished = true;
  header('Summary');
  const kinds = [...new Set(results.map((r) => r.kind))];
  for (const k of kinds) {
    const rs = results.filter((r) => r.kind === k);
    const f = rs.filter((r) => !r.ok);
    console.log(`  ${k.padEnd(11)} ${String(rs.length - f.length).padStart(4)} passed ${String(f.length).padStart(4)} failed${f.length ? `   (${f.slice(0, 6).map((r) => decodeURI(r.page)).join(', ')}${f.length > 6 ? ', ...' : ''})` : ''}`);
  }
  if (warnings.length) console.log(`  ${warnings.length} warnings (see above)`);
  const { failed, line } = closingLine();
  console.log(line);
  process.exitCode = failed ? 1 : 0;
}
