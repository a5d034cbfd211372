// Filters and sorting that combine, tested in a real browser (Debian's /usr/bin/chromium):
//
//   node tests/browser/filters.mjs [DIR]      DIR: the built portal (default: public)
//
// In every language, with and without JavaScript, at 360 and 1280 px:
//   pairs     from every filter page, each chip of another group shows the count of both filters and
//             leads to a list of exactly the resolutions that have both (expected sets computed from
//             DIR/data/resolutions.json and DIR/data/funding.json); a chip that would list none is
//             no link; on the two-group page both values are marked current
//   sort      on a filter page the sort chip keeps the filter, orders newest first, and is marked
//   phone     at 360 px the first resolution starts within the first 740 px, the panel folded
// With JavaScript only:
//   query     the whole list applies ?g1=…&g2=… in place: exactly the matching rows, every chip counted
//             for the combination, the caption and the fold's summary name the filters; a filtered page
//             given a query sends it on to the whole list
//   empty     a combination with no match says so, hides the table and offers to clear; clearing works
// Without JavaScript only:
//   empty     a filter page with no match shows the no-match note and its clear link, no bare header
// Ends with "N passed, N failed"; exits 1 on failure. Screenshots of a filter page (360 and 1280 px,
// every language) go to SCREENSHOT_DIR (default /tmp/filters-shots/).
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
const SCREENSHOT_DIR = path.resolve(process.env.SCREENSHOT_DIR || '/tmp/filters-shots');
const GROUPS = ['session', 'shortfall', 'status', 'funding'];
const WIDTHS = [360, 1280];
const SCREEN = 740;

let passed = 0, failed = 0;
async function check(name, fn) {
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

if (!fs.existsSync(path.join(DIR, 'data', 'resolutions.json'))) {
  console.log(`FAIL ${DIR}/data/resolutions.json does not exist (build first: portal build --out DIR)`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const langs = fs.readdirSync(DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory() && fs.existsSync(path.join(DIR, e.name, 'resolutions', 'index.html')))
  .map((e) => e.name).sort();

// ---------------------------------------------------------------- what the data says
const data = JSON.parse(fs.readFileSync(path.join(DIR, 'data', 'resolutions.json'), 'utf8'));
const funding = JSON.parse(fs.readFileSync(path.join(DIR, 'data', 'funding.json'), 'utf8'));
const latestFunding = {};
for (const f of funding) {
  const had = latestFunding[f.resolution];
  if (!had || had.report_date <= f.report_date) latestFunding[f.resolution] = f;
}
const records = data.map((r) => {
  const u = r.updates[r.updates.length - 1];
  const f = latestFunding[r.id];
  return {
    id: r.id,
    session: String(r.session),
    status: u ? u.status : '',
    funding: u && f ? f.status : '',
    shortfall: u ? u.shortfall : 'none',
    topic: r.topics,
    changed: u ? u.report_date : '',
  };
});
const matches = (rec, state) => Object.entries(state).every(([g, v]) => !v || (g === 'topic' ? rec.topic.includes(v) : rec[g] === v));
const expect = (state) => records.filter((r) => matches(r, state)).map((r) => r.id).sort();
const values = (g) => [...new Set(records.map((r) => r[g]).filter(Boolean))].sort();
const same = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

// ---------------------------------------------------------------- reading a list page
async function read(p) {
  return p.evaluate(() => {
    const visible = (el) => !!el && el.getClientRects().length > 0 && !el.closest('[hidden]');
    const rows = [...document.querySelectorAll('#res-list tbody tr')].filter((tr) => !tr.hidden && visible(tr));
    const chips = [...document.querySelectorAll('nav.filters [data-facet]')].map((a) => {
      const n = a.querySelector('.n');
      return {
        f: a.dataset.facet,
        v: a.dataset.value,
        link: a.localName === 'a',
        href: a.getAttribute('href'),
        current: a.getAttribute('aria-current') === 'true',
        count: n ? Number((n.textContent.match(/\d+/) || ['-1'])[0]) : null,
        shown: !a.closest('[hidden]'),
      };
    });
    const empty = document.getElementById('list-empty');
    const wrap = document.querySelector('.table-wrap');
    const caption = document.querySelector('#res-list caption');
    const first = rows[0];
    return {
      url: location.pathname + location.search,
      rows: rows.map((tr) => tr.dataset.resolution),
      changed: rows.map((tr) => tr.dataset.changed || ''),
      chips,
      own: document.querySelector('nav.filters').dataset.own || '',
      emptyShown: visible(empty),
      emptyClear: empty && empty.querySelector('a') ? empty.querySelector('a').getAttribute('href') : null,
      headerShown: visible(document.querySelector('#res-list thead')) && (!wrap || !wrap.hidden),
      caption: caption && visible(caption) ? caption.textContent.trim() : '',
      summary: (document.getElementById('filters-active') || {}).textContent || '',
      firstTop: first ? first.getBoundingClientRect().top + window.scrollY : null,
      foldOpen: !!(document.querySelector('details.filters-fold') || {}).open,
    };
  });
}
const ownState = (own) => Object.fromEntries(new URLSearchParams(own));

// ---------------------------------------------------------------- run
const server = await serve(DIR);
const O = server.url;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const errors = [];
async function context(opts) {
  const ctx = await browser.newContext(opts);
  await ctx.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort('blockedbyclient')));
  ctx.on('page', (pg) => pg.on('pageerror', (e) => errors.push(`${pg.url()}: ${String(e.message || e).split('\n')[0]}`)));
  return ctx;
}

try {
  for (const lang of langs) {
    const list = `/${lang}/resolutions/`;
    for (const js of [true, false]) {
      for (const width of WIDTHS) {
        const tag = `${lang} ${width}px ${js ? 'JS' : 'no JS'}`;
        const ctx = await context({ viewport: { width, height: width === 360 ? SCREEN : 900 }, isMobile: width === 360, hasTouch: width === 360, javaScriptEnabled: js });
        const p = await ctx.newPage();
        const singles = GROUPS.flatMap((g) => values(g).map((v) => ({ g, v })));

        // ---- pairs: from every filter page, every chip of another group
        await check(`${tag}: from each of ${singles.length} filter pages, every chip of another group counts and lists both filters`, async () => {
          const bad = [];
          const seen = new Set();
          let pairs = 0;
          for (const { g, v } of singles) {
            const page = `${list}${g}/${v}/`;
            await p.goto(O + page);
            const r = await read(p);
            if (!same(r.rows, expect({ [g]: v }))) bad.push(`${page}: rows ${r.rows.join(' ')}`);
            for (const c of r.chips) {
              if (!c.v || c.f === 'sort' || c.f === 'topic' || c.f === g || !c.shown) continue;
              const state = { [g]: v, [c.f]: c.v };
              const want = expect(state);
              if (c.count !== want.length) bad.push(`${page} ${c.f}=${c.v}: count ${c.count}, want ${want.length}`);
              if (!want.length) {
                if (c.link) bad.push(`${page} ${c.f}=${c.v}: a link to an empty list`);
                continue;
              }
              if (!c.link) { bad.push(`${page} ${c.f}=${c.v}: no link`); continue; }
              // Reached from either of its filters: the list is read once.
              if (seen.has(c.href)) continue;
              seen.add(c.href);
              await p.goto(O + c.href);
              const q = await read(p);
              pairs++;
              if (!same(q.rows, want)) bad.push(`${c.href}: ${q.rows.join(' ')} (want ${want.join(' ')})`);
              const cur = q.chips.filter((x) => x.current && x.v && x.f !== 'sort').map((x) => `${x.f}=${x.v}`).sort();
              if (!same(cur, [`${g}=${v}`, `${c.f}=${c.v}`])) bad.push(`${c.href}: current ${cur.join(',')}`);
              // Each chip of the two-group page counts its own choice: the other value of a group
              // replaces it; a third group (script only) adds to both.
              for (const x of q.chips) {
                if (!x.v || x.f === 'sort' || x.count === null || (!x.shown && !js)) continue;
                const s = { ...state, [x.f]: x.v };
                if (x.count !== expect(s).length) bad.push(`${c.href} ${x.f}=${x.v}: count ${x.count}, want ${expect(s).length}`);
              }
            }
          }
          return (pairs > 0 && !bad.length) || `${pairs} pairs; ${bad.length} wrong: ${bad.slice(0, 4).join(' | ')}`;
        });

        // ---- sort keeps the filter, and is marked
        await check(`${tag}: on filter pages the sort chip keeps the filter and is marked current`, async () => {
          const bad = [];
          const samples = [singles[0], singles.find((s) => s.g === 'status'), singles.find((s) => s.g === 'funding')].filter(Boolean);
          for (const { g, v } of samples) {
            await p.goto(`${O}${list}${g}/${v}/`);
            const r = await read(p);
            const number = r.chips.find((c) => c.f === 'sort' && c.v === 'number');
            const latest = r.chips.find((c) => c.f === 'sort' && c.v === 'latest');
            if (!number.current || latest.current) bad.push(`${g}/${v}: by number not marked`);
            await p.goto(O + latest.href);
            const q = await read(p);
            if (!same(q.rows, expect({ [g]: v }))) bad.push(`${latest.href}: rows ${q.rows.join(' ')}`);
            if (q.changed.join() !== [...q.changed].sort().reverse().join()) bad.push(`${latest.href}: not newest first`);
            const mark = q.chips.filter((c) => c.f === 'sort' && c.current).map((c) => c.v);
            if (mark.join() !== 'latest') bad.push(`${latest.href}: sort marked ${mark.join(',')}`);
            if (!q.chips.some((c) => c.f === g && c.v === v && c.current)) bad.push(`${latest.href}: filter not marked`);
            // And the filter chips of the sorted page keep the sort.
            const other = q.chips.find((c) => c.link && c.v && c.f !== g && c.f !== 'sort' && c.f !== 'topic' && c.shown);
            if (other && !/latest\/$|sort=latest/.test(other.href)) bad.push(`${latest.href}: ${other.f} chip drops the sort (${other.href})`);
          }
          return !bad.length || bad.join(' | ');
        });

        // ---- phone: the first resolution within the first screen
        if (width === 360) {
          await check(`${tag}: the first resolution starts within the first ${SCREEN} px, the panel folded`, async () => {
            const bad = [];
            for (const page of [list, `${list}latest/`, ...singles.map(({ g, v }) => `${list}${g}/${v}/`)]) {
              await p.goto(O + page);
              const r = await read(p);
              if (r.firstTop === null || r.firstTop > SCREEN) bad.push(`${page}: ${r.firstTop}`);
              if (r.foldOpen) bad.push(`${page}: the panel is open`);
            }
            return !bad.length || bad.slice(0, 4).join(' | ');
          });
          if (js) {
            await check(`${tag}: the folded panel opens and its choices apply`, async () => {
              const [g1, g2] = ['status', 'funding'];
              await p.goto(O + list);
              await p.locator('details.filters-fold > summary').click();
              const v1 = values(g1)[0];
              await p.locator(`nav.filters a[data-facet="${g1}"][data-value="${v1}"]`).click();
              const r = await read(p);
              const v2 = r.chips.find((c) => c.f === g2 && c.v && c.count > 0).v;
              await p.locator(`nav.filters a[data-facet="${g2}"][data-value="${v2}"]`).click();
              const q = await read(p);
              const want = expect({ [g1]: v1, [g2]: v2 });
              return (same(q.rows, want) && q.summary.split(/[;；]/).length === 2) || `rows ${q.rows.join(' ')} (want ${want.join(' ')}); summary "${q.summary}"`;
            });
          }
        }

        if (js) {
          // ---- query: every two groups on the whole list, in place
          await check(`${tag}: the whole list applies every two-group query in place, counting every chip`, async () => {
            const bad = [];
            let n = 0;
            for (let i = 0; i < GROUPS.length; i++) {
              for (let j = i + 1; j < GROUPS.length; j++) {
                for (const a of values(GROUPS[i])) {
                  for (const b of values(GROUPS[j])) {
                    const state = { [GROUPS[i]]: a, [GROUPS[j]]: b };
                    const want = expect(state);
                    await p.goto(`${O}${list}?${new URLSearchParams(state)}`);
                    const r = await read(p);
                    n++;
                    if (!same(r.rows, want)) bad.push(`${r.url}: ${r.rows.join(' ')} (want ${want.join(' ')})`);
                    for (const c of r.chips) {
                      if (!c.v || c.f === 'sort' || c.count === null) continue;
                      const w = expect({ ...state, [c.f]: c.v }).length;
                      if (c.count !== w) bad.push(`${r.url} ${c.f}=${c.v}: count ${c.count}, want ${w}`);
                    }
                    const cur = r.chips.filter((c) => c.current && c.v && c.f !== 'sort').map((c) => `${c.f}=${c.v}`);
                    if (!same(cur, Object.entries(state).map(([g, v]) => `${g}=${v}`))) bad.push(`${r.url}: current ${cur.join(',')}`);
                    if (want.length && !r.caption) bad.push(`${r.url}: no caption`);
                    if (!want.length && (!r.emptyShown || r.headerShown)) bad.push(`${r.url}: empty ${r.emptyShown}, header ${r.headerShown}`);
                  }
                }
              }
            }
            return (n > 0 && !bad.length) || `${n} queries; ${bad.length} wrong: ${bad.slice(0, 4).join(' | ')}`;
          });
          await check(`${tag}: a filter page given a query lists both (sent on to the whole list)`, async () => {
            const g = 'status', v = values('status')[0];
            const b = values('funding').find((x) => expect({ [g]: v, funding: x }).length) || values('funding')[0];
            await p.goto(`${O}${list}${g}/${v}/?funding=${b}`);
            await p.waitForURL((u) => u.pathname === list);
            const r = await read(p);
            return same(r.rows, expect({ [g]: v, funding: b })) || `${r.url}: ${r.rows.join(' ')}`;
          });
          await check(`${tag}: no match says so, hides the table, and clearing shows every resolution`, async () => {
            let state = null;
            for (const a of values('status')) for (const b of values('funding')) if (!state && !expect({ status: a, funding: b }).length) state = { status: a, funding: b };
            if (!state) return 'no empty combination of status and funding in the data';
            await p.goto(`${O}${list}?${new URLSearchParams(state)}`);
            const r = await read(p);
            const problems = [];
            if (!r.emptyShown) problems.push('no no-match note');
            if (r.headerShown) problems.push('a bare table header');
            if (r.rows.length) problems.push(`${r.rows.length} rows`);
            if (/^[^:：]*$/.test(r.summary)) problems.push(`summary "${r.summary}"`);
            if (width === 360) await p.locator('details.filters-fold > summary').click().catch(() => {});
            await p.locator('#list-empty a').click();
            const q = await read(p);
            if (q.rows.length !== records.length) problems.push(`after clearing ${q.rows.length} rows`);
            if (q.emptyShown) problems.push('note still shown');
            if (new URL(p.url()).search) problems.push(`query kept: ${new URL(p.url()).search}`);
            // The sort chip in place keeps the filter and is marked.
            const [g, v] = ['status', values('status')[0]];
            await p.goto(`${O}${list}?${g}=${v}`);
            if (width === 360) await p.locator('details.filters-fold > summary').click();
            await p.locator('nav.filters a[data-facet="sort"][data-value="latest"]').click();
            const s = await read(p);
            if (!same(s.rows, expect({ [g]: v }))) problems.push(`sorted in place: ${s.rows.join(' ')}`);
            if (!s.chips.some((c) => c.f === 'sort' && c.v === 'latest' && c.current)) problems.push('latest not marked in place');
            const u = new URL(p.url());
            if (u.searchParams.get(g) !== v || u.searchParams.get('sort') !== 'latest') problems.push(`query ${u.search}`);
            return !problems.length || problems.join('; ');
          });
        } else {
          await check(`${tag}: a filter page with no match shows the note and a clear link, no bare header`, async () => {
            const g = 'status';
            const present = new Set(values(g));
            // Every status of the vocabulary has a page; one no resolution has is empty.
            const html = fs.readdirSync(path.join(DIR, lang, 'resolutions', g)).find((v) => !present.has(v));
            if (!html) return 'every status is present: no empty page to check';
            await p.goto(`${O}${list}${g}/${html}/`);
            const r = await read(p);
            return (r.emptyShown && !r.headerShown && r.emptyClear === list) || JSON.stringify({ empty: r.emptyShown, header: r.headerShown, clear: r.emptyClear });
          });
        }

        // ---- screenshots of a filter page
        fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
        const shot = `${list}status/held-back-by-funding/`;
        if (fs.existsSync(path.join(DIR, shot, 'index.html'))) {
          await p.goto(O + shot);
          await p.screenshot({ path: path.join(SCREENSHOT_DIR, `${lang}-filter-${width}${js ? '' : '-nojs'}.png`), fullPage: width !== 360 });
        }
        await ctx.close();
      }
    }
  }
  await check('no script error', async () => !errors.length || errors.slice(0, 3).join('; '));
} finally {
  await browser.close();
  await server.close();
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
