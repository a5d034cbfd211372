// The reader's and delegate's toolkit, tested in a real browser (Debian's /usr/bin/chromium):
//
//   node tests/browser/toolkit.mjs [DIR]      DIR: the built portal (default: public)
//   PORT=8765 node tests/browser/toolkit.mjs DIR   for a build made with --base-url http://127.0.0.1:8765/
//   ONLY='citable|Copied|earlier report|Chinese pages' ...  only the checks whose name matches (the
//             site-independent ones, for the tracking fixture, whose content is not the bundled report)
//
//   place     the language switch keeps the paragraph (#para-N) and the query (?q=), and without
//             JavaScript at least the path
//   phone     no page (every HTML file of DIR, so every page of the sitemap) and no scrolling box in it
//             is wider than a 360 px screen
//   cite      every paragraph number links to itself and has a copy button whose clipboard text names the
//             report's symbol, the paragraph and its address; without JavaScript a targeted paragraph
//             shows its citation
//   cite-all  on every resolution page of DIR (any site, e.g. the tracking fixture), every paragraph of
//             every report (the latest and the earlier ones) has a citation that names the resolution
//             and a copy button whose label names it; a click says "Copied" on the button itself and in
//             the live region; without JavaScript a targeted paragraph of an earlier report shows its
//             citation and a link to the same paragraph in the other language
//   han-colon in every Chinese page, at 360 px, with and without JavaScript: no ASCII : , ; ( ) next to a
//             Han character, in the text or in CSS ::before/::after content
//   topics    the topic index links every topic page, and each lists exactly its resolutions
//   filters   the list filters by session, status, funding and topic and sorts by latest change: as
//             links to pre-rendered lists without JavaScript, in place (and combined) with it
//   host      no file of the build names a placeholder host (example.org, *.test, ...)
//   contact   when the build has a contact (site.yaml's `contact` or --contact), every page links it
//             (the footer; the entry page under a label in every language), visible at 360 and 1280 px
//             with and without JavaScript; when not, no page names one
//   contents  the report page's contents stay at hand: a sticky column at 1280 px, a "Contents" bar
//             at the bottom at 360 px that the keyboard reaches and that covers no text at the end
//   screenshots  every page kind, both languages, at 360 and 1280 px, into artifacts/screenshots/
// Ends with "N passed, N failed"; exits 1 on failure.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const DIR = path.resolve(process.argv[2] || path.join(REPO, 'public'));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCREENSHOT_DIR = path.resolve(process.env.SCREENSHOT_DIR || path.join(REPO, 'artifacts', 'screenshots'));
const PHONE = 360;
// The bundled content: a resolution whose page quotes paragraphs of this report.
const RES = '2-7';
const PARA = 38;
const SYMBOL = 'HSP/EB.2024/20';
// One page of each kind (per language), for the screenshots; run.mjs takes home, 2/7 and funding.
const KINDS = ['', 'resolutions/', 'resolutions/funding/shortfall-stated/', 'resolutions/latest/', 'topics/', 'topics/housing/',
  'reports/hsp-eb-2024-20/', 'about/', 'funding/need/', 'funding/urban-action-funding-window/', 'search/?q=housing'];
const PLACEHOLDER = /\b(?:[a-z0-9-]+\.)*example\.(?:org|com|net)\b|\/\/(?:[a-z0-9-]+\.)+(?:test|invalid|example)\b/i;

let passed = 0, failed = 0;
// ONLY=regex: run only the checks whose name matches (e.g. the site-independent ones on a fixture).
const ONLY = process.env.ONLY ? new RegExp(process.env.ONLY) : null;
async function check(name, fn) {
  if (ONLY && !ONLY.test(name)) return;
  try {
    const r = await fn();
    if (r === true) {
      passed++;
      console.log(`ok   ${name}`);
    } else {
      failed++;
      console.log(`FAIL ${name}: ${r}`);
    }
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${String(e.message || e).split('\n')[0]}`);
  }
}

function files(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}
const pageOf = (file) => '/' + path.relative(DIR, file).split(path.sep).join('/').replace(/(^|\/)index\.html$/, '$1');

if (!fs.existsSync(DIR)) {
  console.log(`FAIL ${DIR} does not exist (build first: cargo run --release -- build)`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const all = files(DIR);
const htmlPages = all.filter((f) => f.endsWith('.html')).map(pageOf);
const langs = fs.readdirSync(DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory() && fs.existsSync(path.join(DIR, e.name, 'resolutions', 'index.html')))
  .map((e) => e.name).sort();

// PORT: serve on a fixed port, for a build whose base_url names it (a fixture built with --base-url).
const server = await serve(DIR, { port: Number(process.env.PORT || 0) });
const O = server.url;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const outside = [];
const errors = [];
async function context(opts = {}) {
  const ctx = await browser.newContext(opts);
  await ctx.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === '127.0.0.1') return route.continue();
    outside.push(u.href);
    return route.abort('blockedbyclient');
  });
  ctx.on('page', (p) => p.on('pageerror', (e) => errors.push(`${p.url()}: ${String(e.message || e).split('\n')[0]}`)));
  return ctx;
}

try {
  // ------------------------------------------------------------ host
  await check('no file of the build names a placeholder host', async () => {
    const bad = [];
    for (const f of all) {
      if (!/\.(html|xml|txt|json|csv|js|css)$/.test(f)) continue;
      const m = fs.readFileSync(f, 'utf8').match(PLACEHOLDER);
      if (m) bad.push(`${path.relative(DIR, f)} (${m[0]})`);
    }
    return !bad.length || `${bad.length} files: ${bad.slice(0, 5).join(', ')}`;
  });

  // ------------------------------------------------------------ place
  const [l1, l2] = langs;
  {
    const ctx = await context();
    const p = await ctx.newPage();
    await check(`the language switch keeps ¶ ${PARA}: /${l1}/resolutions/${RES}/#para-${PARA} → /${l2}/`, async () => {
      await p.goto(`${O}/${l1}/resolutions/${RES}/#para-${PARA}`);
      await p.locator(`.langs a[hreflang]:not([aria-current])`).first().click();
      await p.waitForURL(`**/${l2}/resolutions/${RES}/**`);
      const u = new URL(p.url());
      return (u.pathname === `/${l2}/resolutions/${RES}/` && u.hash === `#para-${PARA}`) || `landed on ${u.pathname}${u.hash}`;
    });
    await check('the language switch follows a paragraph chosen after loading', async () => {
      await p.goto(`${O}/${l1}/resolutions/${RES}/`);
      await p.locator(`#para-${PARA} a.pnum`).click();
      const href = await p.locator('.langs a[hreflang]:not([aria-current])').first().getAttribute('href');
      return href.endsWith(`/${l2}/resolutions/${RES}/#para-${PARA}`) || href;
    });
    await check(`the language switch keeps the query: /${l1}/search/?q=housing`, async () => {
      await p.goto(`${O}/${l1}/search/?q=housing`);
      await p.locator('.langs a[hreflang]:not([aria-current])').first().click();
      await p.waitForURL(`**/${l2}/search/**`);
      const u = new URL(p.url());
      return (u.pathname === `/${l2}/search/` && u.searchParams.get('q') === 'housing') || `landed on ${u.pathname}${u.search}`;
    });
    await ctx.close();
    const off = await context({ javaScriptEnabled: false });
    const q = await off.newPage();
    await check('without JavaScript the language switch keeps the path', async () => {
      await q.goto(`${O}/${l1}/resolutions/${RES}/`);
      const href = await q.locator('.langs a[hreflang]').first().getAttribute('href');
      return href === `/${l2}/resolutions/${RES}/` || href;
    });
    await off.close();
  }

  // ------------------------------------------------------------ phone
  await check(`no page and no box in it is wider than ${PHONE} px (${htmlPages.length} pages)`, async () => {
    const ctx = await context({ viewport: { width: PHONE, height: 740 }, isMobile: true, hasTouch: true });
    const p = await ctx.newPage();
    const bad = [];
    for (const key of htmlPages) {
      await p.goto(O + key, { waitUntil: 'load' });
      const r = await p.evaluate(() => {
        const out = [];
        const de = document.documentElement;
        if (de.scrollWidth > de.clientWidth + 1) out.push(`page ${de.scrollWidth}px`);
        for (const el of document.body.querySelectorAll('*')) {
          const s = getComputedStyle(el);
          if (!/(auto|scroll)/.test(s.overflowX) || el.clientWidth === 0) continue;
          if (el.scrollWidth > el.clientWidth + 1) out.push(`<${el.localName} class="${el.className}"> scrolls ${el.scrollWidth}px in ${el.clientWidth}px`);
        }
        return out;
      });
      if (r.length) bad.push(`${key}: ${r.join('; ')}`);
    }
    await ctx.close();
    return !bad.length || bad.slice(0, 6).join(' | ');
  });

  // ------------------------------------------------------------ cite
  for (const lang of langs) {
    const ctx = await context({ permissions: ['clipboard-read', 'clipboard-write'] });
    const p = await ctx.newPage();
    const page = `/${lang}/resolutions/${RES}/`;
    await p.goto(O + page);
    await check(`${page}: every ¶ has a link to itself and a copy button`, async () => {
      const r = await p.evaluate(() => [...document.querySelectorAll('ol.paras > li')].map((li) => {
        const a = li.querySelector('a.pnum');
        const b = li.querySelector('button.copy-cite');
        return { id: li.id, href: a && a.getAttribute('href'), visible: a && a.getBoundingClientRect().height > 0, button: !!b && !!b.getAttribute('aria-label') };
      }));
      const bad = r.filter((x) => x.href !== `#${x.id}` || !x.visible || !x.button);
      return (r.length > 0 && !bad.length) || `${r.length} paragraphs; wrong: ${JSON.stringify(bad.slice(0, 3))}`;
    });
    await check(`${page}: the copy button of ¶ ${PARA} copies its citation`, async () => {
      await p.locator(`#para-${PARA} button.copy-cite`).click();
      await p.waitForFunction(() => document.querySelector('li.copied'), null, { timeout: 5000 });
      const text = await p.evaluate(() => navigator.clipboard.readText());
      const want = [SYMBOL, `${PARA}`, `/${lang}/resolutions/${RES}/#para-${PARA}`, 'http'];
      const missing = want.filter((w) => !text.includes(w));
      console.log(`     clipboard: ${text}`);
      return !missing.length || `missing ${missing.join(', ')} in "${text}"`;
    });
    await ctx.close();
    const off = await context({ javaScriptEnabled: false });
    const q = await off.newPage();
    await check(`${page}#para-${PARA} without JavaScript shows that paragraph's citation`, async () => {
      await q.goto(`${O}${page}#para-${PARA}`);
      const r = await q.evaluate((n) => {
        const c = document.querySelector(`#para-${n} .pcite`);
        const other = document.querySelector(`ol.paras > li:not(#para-${n}) .pcite`);
        return { shown: !!c && c.getBoundingClientRect().height > 0, text: c ? c.textContent : '', otherHidden: !other || other.getBoundingClientRect().height === 0 };
      }, PARA);
      return (r.shown && r.text.includes(SYMBOL) && r.otherHidden) || JSON.stringify(r);
    });
    await off.close();
  }

  // ------------------------------------------------------------ cite-all
  const resPages = htmlPages.filter((pg) => /^\/[^/]+\/resolutions\/\d+-\d+\/$/.test(pg));
  for (const lang of langs) {
    const ctx = await context({ permissions: ['clipboard-read', 'clipboard-write'] });
    const p = await ctx.newPage();
    const mine = resPages.filter((pg) => pg.startsWith(`/${lang}/`));
    await check(`/${lang}/: every paragraph of every report on ${mine.length} resolution pages is citable and names its resolution`, async () => {
      const bad = [];
      for (const pg of mine) {
        await p.goto(O + pg);
        const id = pg.match(/(\d+)-(\d+)\/$/).slice(1).join('/');
        const r = await p.evaluate((id) => [...document.querySelectorAll('ol.paras > li')].map((li) => {
          const b = li.querySelector('button.copy-cite');
          const c = li.querySelector('.pcite-text');
          return { id: li.id, older: !!li.closest('details'), cite: !!c && c.textContent.includes(id), button: !!b && (b.getAttribute('aria-label') || '').includes(id) };
        }), id);
        for (const x of r) if (!x.cite || !x.button) bad.push(`${pg}#${x.id}`);
        if (!r.length) bad.push(`${pg}: no paragraph`);
      }
      return !bad.length || `${bad.length} not citable: ${bad.slice(0, 4).join(', ')}`;
    });
    const withOlder = [];
    for (const pg of mine) {
      await p.goto(O + pg);
      const older = await p.evaluate(() => { const li = document.querySelector('details.older ol.paras > li'); return li && li.id; });
      if (older) { withOlder.push([pg, older]); break; }
    }
    await check(`/${lang}/: a copy button says "Copied" on itself and in the live region${withOlder.length ? ' (earlier report)' : ''}`, async () => {
      const [pg, pid] = withOlder[0] || [mine[0], null];
      await p.goto(O + pg);
      const sel = pid ? `#${pid}` : 'ol.paras > li';
      if (pid) await p.evaluate((pid) => { document.getElementById(pid).closest('details').open = true; }, pid);
      const li = p.locator(sel).first();
      const before = await li.locator('button.copy-cite').textContent();
      await li.locator('button.copy-cite').click();
      await p.waitForFunction(() => document.querySelector('li.copied'), null, { timeout: 5000 });
      const r = await p.evaluate((sel) => {
        const li = document.querySelector(sel);
        const ol = li.closest('ol');
        return { now: li.querySelector('button.copy-cite').textContent, done: ol.getAttribute('data-done'), live: document.querySelector('[role=status]').textContent, copied: ol.getAttribute('data-copied') };
      }, sel);
      await p.waitForFunction(() => document.querySelector('[role=status]').textContent.length > 0, null, { timeout: 3000 }).catch(() => {});
      const live = await p.evaluate(() => document.querySelector('[role=status]').textContent);
      const text = await p.evaluate(() => navigator.clipboard.readText());
      console.log(`     ${before} → ${r.now}; live region: ${live}; clipboard: ${text}`);
      return (r.now === r.done && r.now !== before && live === r.copied && /https?:\/\/\S+#\S+$/.test(text)) || JSON.stringify({ before, ...r, live, text });
    });
    await ctx.close();
    if (withOlder.length) {
      const off = await context({ javaScriptEnabled: false });
      const q = await off.newPage();
      const [pg, pid] = withOlder[0];
      await check(`${pg}#${pid} (an earlier report) without JavaScript shows its citation and the paragraph in the other language`, async () => {
        await q.goto(`${O}${pg}#${pid}`);
        const r = await q.evaluate((pid) => {
          const c = document.querySelector(`[id="${pid}"] .pcite`);
          const alt = c && c.querySelector('.pcite-lang a');
          return { shown: !!c && c.getBoundingClientRect().height > 0, alt: alt && alt.getAttribute('href') };
        }, pid);
        return (r.shown && r.alt && r.alt.endsWith(`#${pid}`) && !r.alt.includes(`/${lang}/`)) || JSON.stringify(r);
      });
      await off.close();
    }
  }

  // ------------------------------------------------------------ han-colon
  for (const js of [true, false]) {
    const ctx = await context({ viewport: { width: PHONE, height: 740 }, isMobile: true, javaScriptEnabled: js });
    const p = await ctx.newPage();
    const zhPages = htmlPages.filter((pg) => pg.startsWith('/zh/'));
    await check(`${zhPages.length} Chinese pages at ${PHONE} px ${js ? 'with' : 'without'} JavaScript: no ASCII punctuation next to Han, CSS content included`, async () => {
      const bad = [];
      for (const pg of zhPages) {
        await p.goto(O + pg);
        const found = await p.evaluate(() => {
          const han = '[\\u3400-\\u9fff\\uf900-\\ufaff]';
          const re = new RegExp(`${han}[ \\u00a0]*[:,;()]|[:,;()][ \\u00a0]*${han}`);
          const enumerator = /\([a-z0-9]{1,4}\)/gi;
          const out = [];
          const seen = (t) => { const u = t.replace(enumerator, ''); if (re.test(u)) out.push(t.trim().slice(0, 40)); };
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const n = walker.currentNode;
            const el = n.parentElement;
            if (!el || el.closest('script, style, [hidden]') || !el.getClientRects().length) continue;
            seen(n.textContent);
          }
          // Generated content: the strings (attr() resolved) and the text they stand beside.
          for (const el of document.body.querySelectorAll('*')) {
            for (const pseudo of ['::before', '::after']) {
              const c = getComputedStyle(el, pseudo).content;
              if (!c || c === 'none' || c === 'normal') continue;
              const s = c.replace(/attr\(([^)]+)\)/g, (_, a) => JSON.stringify(el.getAttribute(a.trim()) || ''))
                .match(/"(?:[^"\\]|\\.)*"/g);
              if (!s) continue;
              const text = s.map((x) => JSON.parse(x)).join('');
              const beside = (el.textContent || '').trim();
              seen(pseudo === '::before' ? text + beside.slice(0, 2) : beside.slice(-2) + text);
            }
          }
          return out;
        });
        for (const f of found) bad.push(`${pg}: ${JSON.stringify(f)}`);
      }
      return !bad.length || `${bad.length}: ${bad.slice(0, 5).join(' | ')}`;
    });
    await ctx.close();
  }

  // ------------------------------------------------------------ topics
  const data = JSON.parse(fs.readFileSync(path.join(DIR, 'data', 'resolutions.json'), 'utf8'));
  const records = Array.isArray(data) ? data : data.resolutions;
  for (const lang of langs) {
    await check(`/${lang}/topics/ links every topic page, each listing exactly its resolutions`, async () => {
      const ctx = await context({ javaScriptEnabled: false });
      const p = await ctx.newPage();
      await p.goto(`${O}/${lang}/topics/`);
      const links = await p.$$eval('main ul.topics a[href]', (as) => as.map((a) => a.getAttribute('href')));
      const bad = [];
      for (const href of links) {
        const id = href.split('/').filter(Boolean).pop();
        const want = records.filter((r) => r.topics.includes(id)).map((r) => r.id).sort();
        await p.goto(O + href);
        const got = (await p.$$eval('main table.res-list tbody th a', (as) => as.map((a) => a.textContent.trim()))).sort();
        if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(`${href}: ${got.join(' ')} (want ${want.join(' ')})`);
      }
      await ctx.close();
      return (links.length > 0 && !bad.length) || `${links.length} topics; ${bad.slice(0, 3).join('; ')}`;
    });
  }

  // ------------------------------------------------------------ filters
  for (const lang of langs) {
    const list = `/${lang}/resolutions/`;
    await check(`${list} without JavaScript: each filter link opens a list of only the matching resolutions`, async () => {
      const ctx = await context({ javaScriptEnabled: false });
      const p = await ctx.newPage();
      await p.goto(O + list);
      const chips = await p.$$eval('nav.filters a[data-facet]', (as) => as.map((a) => ({ f: a.dataset.facet, v: a.dataset.value, href: a.getAttribute('href') })));
      const bad = [];
      let checked = 0;
      for (const c of chips) {
        if (!c.v || c.f === 'sort') continue;
        await p.goto(O + c.href);
        const rows = await p.$$eval('main table.res-list tbody tr', (trs, f) => trs.map((tr) => tr.getAttribute(`data-${f}`) || ''), c.f);
        const ok = rows.length > 0 && rows.every((v) => (c.f === 'topic' ? v.split(' ').includes(c.v) : v === c.v));
        if (!ok) bad.push(`${c.href}: ${rows.join(',')}`);
        checked++;
      }
      await p.goto(O + list + 'latest/');
      const dates = await p.$$eval('main table.res-list tbody tr', (trs) => trs.map((tr) => tr.dataset.changed));
      if (dates.join() !== [...dates].sort().reverse().join()) bad.push('latest/: not newest first');
      await ctx.close();
      return (checked >= 4 && !bad.length) || `${checked} filters; ${bad.slice(0, 3).join('; ')}`;
    });
    await check(`${list} with JavaScript: session and funding filters combine in place, and the URL keeps them`, async () => {
      const ctx = await context();
      const p = await ctx.newPage();
      await p.goto(O + list);
      const rows = await p.$$eval('main table.res-list tbody tr', (trs) => trs.map((tr) => ({ ...tr.dataset })));
      const session = rows[rows.length - 1].session;
      const funding = rows.filter((r) => r.session === session).map((r) => r.funding).find(Boolean);
      const want = rows.filter((r) => r.session === session && r.funding === funding).length;
      await p.locator(`nav.filters a[data-facet="session"][data-value="${session}"]`).click();
      await p.locator(`nav.filters a[data-facet="funding"][data-value="${funding}"]`).click();
      const url = new URL(p.url());
      const shown = await p.$$eval('main table.res-list tbody tr', (trs) => trs.filter((tr) => !tr.hidden && tr.getBoundingClientRect().height > 0)
        .map((tr) => ({ ...tr.dataset })));
      const count = await p.locator('#list-count').textContent();
      const problems = [];
      if (url.pathname !== list) problems.push(`navigated to ${url.pathname}`);
      if (url.searchParams.get('session') !== session || url.searchParams.get('funding') !== funding) problems.push(`query ${url.search}`);
      if (shown.length !== want || shown.some((r) => r.session !== session || r.funding !== funding)) problems.push(`${shown.length} rows shown, want ${want}`);
      if (!count.includes(String(want))) problems.push(`count says "${count}"`);
      // Reloading the address gives the same list; the other language keeps the choice too.
      await p.reload();
      const again = await p.$$eval('main table.res-list tbody tr', (trs) => trs.filter((tr) => !tr.hidden).length);
      if (again !== want) problems.push(`after reload ${again} rows`);
      const other = await p.locator('.langs a[hreflang]:not([aria-current])').first().getAttribute('href');
      if (!other.includes(`session=${session}`)) problems.push(`language switch ${other}`);
      // Sorting by latest change in place.
      await p.locator('nav.filters a[data-facet="sort"][data-value="latest"]').click();
      const dates = await p.$$eval('main table.res-list tbody tr', (trs) => trs.filter((tr) => !tr.hidden).map((tr) => tr.dataset.changed));
      if (dates.join() !== [...dates].sort().reverse().join()) problems.push('latest: not newest first');
      // And back to number order, from the list pre-sorted by latest change.
      await p.goto(`${O}${list}latest/`);
      await p.locator('nav.filters a[data-facet="sort"][data-value="number"]').click();
      const nums = await p.$$eval('main table.res-list tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.session) * 1000 + Number(tr.dataset.number)));
      if (nums.join() !== [...nums].sort((a, b) => a - b).join()) problems.push(`by number from latest/: ${nums.join(',')}`);
      await ctx.close();
      console.log(`     session ${session}, funding ${funding}: ${want} resolutions`);
      return !problems.length || problems.join('; ');
    });
  }

  await check('the funding page can be ordered by need, what is lacking first', async () => {
    const ctx = await context();
    const p = await ctx.newPage();
    await p.goto(`${O}/${l1}/funding/`);
    await p.locator('nav.order a[href$="/funding/need/"]').click();
    await p.waitForURL('**/funding/need/');
    const lacking = await p.$$eval('table.funding-table tbody tr', (trs) => trs.map((tr) => tr.querySelectorAll('td:nth-child(5) li').length));
    await ctx.close();
    return (lacking.length > 0 && lacking.join() === [...lacking].sort((a, b) => b - a).join()) || `lacking counts in order: ${lacking.join(',')}`;
  });

  // ------------------------------------------------------------ contact
  // Where readers report errors (site.yaml's `contact` or --contact): on every page when the build
  // has one, in the footer (the entry page under a label in every language); on none when not, and
  // then the about page says none is given.
  {
    const contactOf = (html) => [...html.matchAll(/<p class="(?:entry-)?contact">[\s\S]*?<a href="([^"]+)"/g)].map((m) => m[1]);
    const firstHome = fs.readFileSync(path.join(DIR, langs[0], 'index.html'), 'utf8');
    const want = contactOf(firstHome)[0] || null;
    await check(`contact link: ${want ? `every page links ${want}` : 'no page names one (none configured)'} (${htmlPages.length} pages)`, async () => {
      const bad = [];
      for (const f of all.filter((x) => x.endsWith('.html'))) {
        const got = contactOf(fs.readFileSync(f, 'utf8'));
        if (want ? got.length !== 1 || got[0] !== want : got.length) bad.push(`${pageOf(f)}: ${got.join(' ') || 'none'}`);
      }
      return !bad.length || bad.slice(0, 5).join('; ');
    });
    for (const js of [true, false]) {
      await check(`contact link: visible on the entry, home, about and list pages at ${PHONE} and 1280 px ${js ? 'with' : 'without'} JavaScript`, async () => {
        const bad = [];
        for (const width of [PHONE, 1280]) {
          const ctx = await context({ viewport: { width, height: 800 }, javaScriptEnabled: js });
          const p = await ctx.newPage();
          const keys = ['/', ...langs.flatMap((l) => [`/${l}/`, `/${l}/about/`, `/${l}/resolutions/`])];
          for (const key of keys) {
            await p.goto(O + key);
            const r = await p.evaluate((want) => {
              const a = document.querySelector('.site-footer .contact a, .entry-contact a');
              const about = document.querySelector('section.contact');
              if (!want) return a ? `names ${a.href}` : (about && about.querySelector('a') ? 'about page links one' : 'none');
              if (!a) return 'no link';
              const b = a.getBoundingClientRect();
              if (!b.width || !b.height) return 'hidden';
              if (a.getAttribute('href') !== want) return `links ${a.getAttribute('href')}`;
              if (about && !about.querySelector(`a[href="${want}"]`)) return 'about page: no link';
              return 'ok';
            }, want);
            if (!r.startsWith('ok') && r !== 'none') bad.push(`${key} @${width}: ${r}`);
          }
          await ctx.close();
        }
        return !bad.length || bad.slice(0, 5).join('; ');
      });
    }
  }

  // ------------------------------------------------------------ contents at hand
  // The report page's contents: a sticky column at 1280 px that stays in view however far down the
  // report is read; at 360 px a "Contents" bar pinned to the bottom of the window that leads back to
  // them (keyboard too), and sits after the last section at the end; no sideways scrolling. CSS only:
  // the same with JavaScript off.
  {
    const reportPages = htmlPages.filter((k) => /^\/[^/]+\/reports\/[^/]+\/$/.test(k));
    for (const js of [true, false]) {
      await check(`contents at hand on ${reportPages.length} report pages at ${PHONE} and 1280 px ${js ? 'with' : 'without'} JavaScript`, async () => {
        const bad = [];
        for (const width of [PHONE, 1280]) {
          const ctx = await context({ viewport: { width, height: 740 }, javaScriptEnabled: js, isMobile: width === PHONE });
          const p = await ctx.newPage();
          for (const key of reportPages) {
            await p.goto(O + key);
            const at = async (frac) => {
              await p.evaluate((f) => window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) * f), frac);
              await p.waitForTimeout(50);
              return p.evaluate(() => {
                const r = (sel) => { const e = document.querySelector(sel); const b = e && e.getBoundingClientRect(); return b && { top: b.top, bottom: b.bottom, h: b.height, w: b.width }; };
                const de = document.documentElement;
                return { toc: r('.report-layout > .toc'), bar: r('.toc-jump'), barLink: r('.toc-jump a'), sw: de.scrollWidth, cw: de.clientWidth, vh: innerHeight,
                  lastText: (() => { const e = [...document.querySelectorAll('.report-body > *:not(.toc-jump)')].pop(); return e.getBoundingClientRect().bottom; })() };
              });
            };
            for (const frac of [0.3, 0.7]) {
              const m = await at(frac);
              if (m.sw > m.cw + 1) bad.push(`${key} @${width}: scrolls sideways (${m.sw}px)`);
              if (width === 1280) {
                if (!(m.toc && m.toc.top >= -1 && m.toc.top < m.vh / 2)) bad.push(`${key} @1280 ${frac}: contents column not in view (${JSON.stringify(m.toc)})`);
                if (m.barLink && m.barLink.w) bad.push(`${key} @1280: the phone bar shows`);
              } else if (!(m.barLink && m.barLink.w && Math.abs(m.bar.bottom - m.vh) <= 1)) {
                bad.push(`${key} @${PHONE} ${frac}: no Contents bar at the bottom (${JSON.stringify(m.bar)})`);
              }
            }
            if (width === PHONE) {
              // At the end the bar is in its own place, below the last text, covering none of it.
              const end = await at(1);
              if (end.bar.top < end.lastText - 1) bad.push(`${key} @${PHONE}: at the end the bar covers text`);
              // The keyboard reaches it and it leads to the contents.
              await at(0.5);
              await p.focus('.toc-jump a');
              await p.keyboard.press('Enter');
              await p.waitForTimeout(100);
              const there = await p.evaluate(() => ({ hash: location.hash, top: document.getElementById('toc-h').getBoundingClientRect().top }));
              if (there.hash !== '#toc-h' || there.top < -1 || there.top > 100) bad.push(`${key} @${PHONE}: Contents led to ${JSON.stringify(there)}`);
            }
          }
          await ctx.close();
        }
        return (reportPages.length > 0 && !bad.length) || bad.slice(0, 5).join('; ') || 'no report page';
      });
    }
  }

  // ------------------------------------------------------------ screenshots
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await check(`screenshots of every page kind at ${PHONE} and 1280 px`, async () => {
    let n = 0;
    for (const [name, width] of [['phone', PHONE], ['desktop', 1280]]) {
      const ctx = await context({ viewport: { width, height: width === PHONE ? 740 : 900 }, isMobile: width === PHONE, deviceScaleFactor: 1 });
      const p = await ctx.newPage();
      for (const lang of langs) {
        for (const kind of KINDS) {
          const key = `/${lang}/${kind}`;
          await p.goto(O + key, { waitUntil: 'load' });
          await p.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => {});
          const file = `${key.replace(/\?.*$/, '').replace(/^\/|\/$/g, '').replace(/\//g, '-')}-${name}.png`;
          await p.screenshot({ path: path.join(SCREENSHOT_DIR, file), fullPage: true });
          n++;
        }
      }
      // The language entry page and the page for a missing address.
      for (const [key, file] of [['/', 'root'], ['/404.html', '404']]) {
        await p.goto(O + key, { waitUntil: 'load' });
        await p.screenshot({ path: path.join(SCREENSHOT_DIR, `${file}-${name}.png`), fullPage: true });
        n++;
      }
      // A cited paragraph as a reader lands on it: the viewport only.
      await p.goto(`${O}/${l1}/resolutions/${RES}/#para-${PARA}`);
      await p.screenshot({ path: path.join(SCREENSHOT_DIR, `${l1}-resolutions-${RES}-para-${PARA}-${name}.png`) });
      await ctx.close();
      n++;
    }
    console.log(`     ${n} screenshots in ${path.relative(process.cwd(), SCREENSHOT_DIR) || SCREENSHOT_DIR}`);
    return true;
  });

  await check('no request left 127.0.0.1 and no script error', async () =>
    (!outside.length && !errors.length) || `outside: ${outside.slice(0, 3).join(', ')} errors: ${errors.slice(0, 3).join('; ')}`);
} finally {
  await browser.close();
  await server.close();
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
