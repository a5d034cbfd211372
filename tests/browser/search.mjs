// End-to-end test of the search client in a real browser (Debian's /usr/bin/chromium, playwright-core).
//
//   node tests/browser/search.mjs [DIR]      DIR: the built portal (default: public)
//
// Serves DIR on 127.0.0.1, types queries with the keyboard into /{lang}/search/ and checks that the
// expected resolution comes first, that snippets link to paragraph anchors and highlight with <mark>,
// that ?q= runs the query, that the live region announces the count, that nothing is fetched from
// another host, and that the client stays small. Ends with "N passed, N failed"; exits 1 on failure.
import path from 'node:path';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIR = path.resolve(process.argv[2] || path.join(HERE, '..', '..', 'public'));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Raised from 8 KB for the notice (words left out, partial results, suggestions) and phrase
// ranking: docs/search.md.
// And for number words and ordinals, which the client folds as the index does.
const CLIENT_GZIP_LIMIT = 12 * 1024;

// [lang, typed query, expected first resolution]
const TYPED = [
  ['zh', '特罗姆瑟', '2/3'],
  ['zh', '贫民窟', '2/2'],
  ['zh', '斯特拉斯堡', '2/1'],
  ['zh', '适当住房', '2/7'],
  ['zh', 'SURGe 倡议', '2/5'],
  ['zh', '2/7', '2/7'],
  ['en', 'tromso', '2/3'],
  ['en', 'adequate housing', '2/7'],
  ['en', 'biodivers', '2/4'],
  ['en', 'localizing', '2/6'],
  ['en', '2/7', '2/7'],
  ['en', 'Strasbourg', '2/1'],
];

let passed = 0, failed = 0;
const ok = (name) => { passed++; console.log(`ok   ${name}`); };
const fail = (name, why) => { failed++; console.log(`FAIL ${name}: ${why}`); };
async function check(name, fn) {
  try {
    const r = await fn();
    if (r === true || r === undefined) ok(name); else fail(name, r);
  } catch (e) {
    fail(name, e.message.split('\n')[0]);
  }
}

if (!fs.existsSync(path.join(DIR, 'en', 'search', 'index.html'))) {
  console.error(`no built portal in ${DIR}; run \`cargo run -- build\` first`);
  process.exit(2);
}

const server = await serve(DIR);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext();
const outside = [];
await context.route('**/*', (route) => {
  const u = new URL(route.request().url());
  if (u.hostname !== '127.0.0.1') { outside.push(u.href); return route.abort(); }
  return route.continue();
});
const page = await context.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));

// The notice as the page shows it (data-search-notice): corrected and dropped words, whether every
// result names words it lacks, the suggestions' link texts and targets.
const notice = () => page.evaluate(() => {
  const e = document.querySelector('[data-search-notice]'), items = [...document.querySelectorAll('#search-results > li')];
  return e && {
    hidden: e.hidden, text: e.textContent,
    corrected: e.getAttribute('data-corrected'), dropped: e.getAttribute('data-dropped'),
    partial: items.length > 0 && items.every((li) => li.dataset.lacks && li.querySelector('.search-lacks')),
    lacks: items.map((li) => li.dataset.lacks || ''),
    suggest: [...e.querySelectorAll('a')].map((a) => a.textContent),
    links: [...e.querySelectorAll('a')].map((a) => a.getAttribute('href')),
  };
});

// The notice column of search-eval.tsv as the page must show it (tests/search_eval.rs: Notice).
function wantNotice(col) {
  const w = { corrected: '', dropped: '', partial: false, suggest: [] };
  for (const item of col.split(';')) {
    const [k, v] = item.split('=');
    if (k === 'partial') w.partial = true; else if (k === 'suggest') w.suggest = v.split(' '); else w[k] = v;
  }
  return w;
}
const noticeMisses = (n, w) => {
  const got = { corrected: n.corrected, dropped: n.dropped, partial: n.partial, suggest: n.suggest.slice(0, w.suggest.length) };
  const bad = JSON.stringify(got) !== JSON.stringify(w) || n.links.some((l) => !l.startsWith('?q='));
  return bad ? `notice ${JSON.stringify(n)}, want ${JSON.stringify(w)}` : '';
};

// The first result's resolution number, its links and the status text once results have settled.
async function results() {
  // Settled: the status names the query now in the input (earlier keystrokes' answers are stale).
  await page.waitForFunction(() => {
    const s = document.getElementById('search-status').textContent, q = document.getElementById('q').value.trim();
    return q && s.includes(q);
  }, null, { timeout: 5000 });
  return page.evaluate(() => {
    const items = [...document.querySelectorAll('#search-results > li')];
    return {
      status: document.getElementById('search-status').textContent,
      count: items.length,
      first: items[0] && {
        num: items[0].querySelector('.search-num')?.textContent,
        href: items[0].querySelector('a')?.getAttribute('href'),
        snippetHref: items[0].querySelector('.search-snippet a')?.getAttribute('href') || null,
        marks: [...items[0].querySelectorAll('mark')].map((m) => m.textContent),
      },
    };
  });
}

try {
  for (const lang of ['en', 'zh']) {
    await page.goto(`${server.url}/${lang}/search/`);
    await check(`${lang}: the search input is labelled`, async () => {
      const label = await page.evaluate(() => {
        const i = document.querySelector('input[type=search][name=q]#q');
        return i && i.labels && i.labels.length && i.labels[0].textContent.trim();
      });
      return label ? true : 'no <label> for input#q';
    });
    for (const [l, q, want] of TYPED.filter((t) => t[0] === lang)) {
      await check(`${lang}: typing "${q}" puts ${want} first`, async () => {
        await page.goto(`${server.url}/${lang}/search/`);
        await page.keyboard.press('Tab'); // skip link
        await page.focus('#q');
        await page.keyboard.type(q, { delay: 20 });
        await page.waitForFunction((q) => new URLSearchParams(location.search).get('q') === q, q, { timeout: 5000 });
        const r = await results();
        if (!r.first) return `no results (status: ${r.status})`;
        if (r.first.num !== want) return `first result is ${r.first.num}, status "${r.status}"`;
        const slug = want.replace('/', '-');
        if (!r.first.href.endsWith(`/${lang}/resolutions/${slug}/`)) return `first link is ${r.first.href}`;
        if (!/^\d+\/\d+$/.test(q)) {
          if (!r.first.marks.length) return 'no <mark> in the first result';
          if (!r.first.snippetHref || !/#para-\d+$/.test(r.first.snippetHref)) return `snippet link is ${r.first.snippetHref}`;
        }
        return true;
      });
    }
  }

  // The evaluation set (tests/search-eval.tsv, also run by `cargo test --test search_eval`), through
  // the browser client: it must agree with the Rust implementation of the same algorithm.
  const EVAL = fs.readFileSync(path.join(HERE, '..', 'search-eval.tsv'), 'utf8').split('\n')
    .filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('\t'));
  const evalMisses = [];
  for (const [cat, lang, q, want, paras, col] of EVAL) try {
    await page.goto(`${server.url}/${lang}/search/?q=${encodeURIComponent(q)}`);
    if (col) {
      const r = await results(), why = noticeMisses(await notice(), wantNotice(col));
      if (why) evalMisses.push(`${cat} ${lang} "${q}": ${why}`);
      if (want === '-') {
        if (r.count) evalMisses.push(`${cat} ${lang} "${q}": want no results, got ${r.count}`);
        continue;
      }
    }
    if (q === want) {
      // ?q= with a resolution number opens that resolution (checked below for Enter, too).
      await page.waitForURL(new RegExp(`/resolutions/${want.replace('/', '-')}/$`), { timeout: 5000 });
      continue;
    }
    await results();
    const top = await page.evaluate(() => [...document.querySelectorAll('#search-results > li')].slice(0, 3).map((li) => ({
      num: li.querySelector('.search-num')?.textContent,
      para: li.querySelector('.search-snippet a')?.getAttribute('href') || '',
      sign: li.querySelector('.search-para')?.textContent || '',
    })));
    const hit = top.find((h) => h.num === want);
    if (!hit || !paras.split(',').some((p) => hit.para.endsWith(`#para-${p}`) && hit.sign.endsWith(p)))
      evalMisses.push(`${cat} ${lang} "${q}": want ${want} ¶${paras}, got ${JSON.stringify(top)}`);
  } catch (e) {
    evalMisses.push(`${cat} ${lang} "${q}": ${e.message.split('\n')[0]}`);
  }
  await check(`all ${EVAL.length} evaluation queries put their paragraph in the top three, with its ¶ N`, async () =>
    !evalMisses.length || evalMisses.join('; '));

  await check('the results page has one search box, and it shows the query', async () => {
    await page.goto(`${server.url}/zh/search/?q=${encodeURIComponent('特罗姆瑟')}`);
    await results();
    const boxes = await page.locator('input[type=search]').count();
    if (boxes !== 1) return `${boxes} search boxes`;
    return await page.inputValue('header input[type=search]') === '特罗姆瑟' || 'the header box does not show the query';
  });

  await check('en: a Chinese query finds nothing in English and shows the Chinese results, labelled', async () => {
    await page.goto(`${server.url}/en/search/?q=${encodeURIComponent('卡利')}`);
    const r = await results();
    const lang = await page.evaluate(() => document.querySelector('#search-results > li')?.lang);
    if (!r.first || r.first.num !== '2/4') return `first ${r.first?.num}`;
    if (lang !== 'zh-Hans') return `result lang ${lang}`;
    // The other language is named in the page's language ("in Chinese").
    return /Chinese/.test(r.status) || `status "${r.status}"`;
  });

  await check('snippets start and end at word boundaries', async () => {
    for (const q of ['Napier', 'marine litter', 'Korea Research Institute']) {
      await page.goto(`${server.url}/en/search/?q=${encodeURIComponent(q)}`);
      await results();
      const [snip, href] = await page.evaluate(() => {
        const a = document.querySelector('.search-snippet a');
        return [[...a.childNodes].slice(1).map((n) => n.textContent).join('').trim(), a.href];
      });
      const core = snip.replace(/^…/, '').replace(/…$/, '');
      await page.goto(href);
      // The paragraph's text (.ptext), without its number and citation button.
      const para = await page.evaluate(() => (document.querySelector(location.hash + ' .ptext') || document.querySelector(location.hash)).textContent.replace(/\s+/g, ' '));
      const at = para.indexOf(core);
      if (at < 0) return `"${core}" is not in the paragraph`;
      const before = para[at - 1], after = para[at + core.length];
      if (/\p{L}/u.test(before || '') || /\p{L}/u.test(after || '')) return `"${snip}" cuts a word (${JSON.stringify(para.slice(Math.max(at - 20, 0), at + 5))} … ${JSON.stringify(para.slice(at + core.length - 5, at + core.length + 20))})`;
    }
  });

  await check('en: ?q=Nakuru runs the query on load', async () => {
    await page.goto(`${server.url}/en/search/?q=Nakuru`);
    const r = await results();
    if (!r.count) return `no results (status: ${r.status})`;
    if (await page.inputValue('#q') !== 'Nakuru') return 'the input does not show the query';
    if (!/Nakuru/.test(r.status)) return `status "${r.status}" does not name the query`;
    if (!r.first.marks.some((m) => /nakuru/i.test(m))) return 'Nakuru is not highlighted';
    return true;
  });

  await check('zh: the live region announces the number of results', async () => {
    await page.goto(`${server.url}/zh/search/?q=${encodeURIComponent('内罗毕')}`);
    const r = await results();
    const live = await page.evaluate(() => document.getElementById('search-status').getAttribute('role'));
    if (live !== 'status') return 'no role=status';
    return r.status.includes(String(r.count)) || `status "${r.status}" vs ${r.count} items`;
  });

  for (const lang of ['en', 'zh']) {
    const at = async (q) => { await page.goto(`${server.url}/${lang}/search/?q=${encodeURIComponent(q)}`); const r = await results(); return [r, await notice()]; };
    await check(`${lang}: a word answered by the nearest words of the text is named in the notice`, async () => {
      const [, n] = await at('Urban Octobre');
      if (!n || n.hidden) return `no notice: ${JSON.stringify(n)}`;
      return (n.corrected === 'Octobre' && n.dropped === '' && n.text.includes('Octobre')) || JSON.stringify(n);
    });
    await check(`${lang}: a query found as typed carries no notice`, async () => {
      const [, n] = await at('Nairobi');
      return (n && n.hidden && n.corrected === '' && n.dropped === '' && !n.lacks.some(Boolean)) || JSON.stringify(n);
    });
    await check(`${lang}: a word found nowhere is left out, named, and the rest still finds its paragraph`, async () => {
      const [r, n] = await at(lang === 'zh' ? '金贾 香蕉' : 'Nakuru potatoes');
      const word = lang === 'zh' ? '香蕉' : 'potatoes';
      if (n.hidden || n.dropped !== word || !n.text.includes(word) || n.corrected !== '') return JSON.stringify(n);
      return (r.first && r.first.num === '1/5' && /#para-1[12]$/.test(r.first.snippetHref)) || JSON.stringify(r.first);
    });
    await check(`${lang}: when no page has every word, each result names the words it lacks`, async () => {
      const [r, n] = await at(lang === 'zh' ? '特罗姆瑟 开罗' : 'Tromso Cairo');
      if (n.hidden || !n.partial || n.dropped !== '') return JSON.stringify(n);
      return (r.first.num === '2/3' && n.lacks[0] === (lang === 'zh' ? '开罗' : 'Cairo')) || JSON.stringify([r.first, n.lacks]);
    });
    await check(`${lang}: a query none of whose words is found gives no results and suggests the nearest words as links`, async () => {
      const q = lang === 'zh' ? '特罗姆斯' : 'Fnd', s = lang === 'zh' ? '特罗姆' : 'fund';
      const [r, n] = await at(q);
      if (r.count) return `${r.count} results`;
      if (n.hidden || n.dropped !== q || n.suggest[0] !== s || n.links[0] !== `?q=${encodeURIComponent(s)}`) return JSON.stringify(n);
      // A suggestion is a query of its own: following it finds results.
      await page.click('[data-search-notice] a');
      await page.waitForFunction((s) => new URLSearchParams(location.search).get('q') === s, s, { timeout: 5000 });
      const r2 = await results();
      return r2.count > 0 || `following "${s}": ${r2.status}`;
    });
    await check(`${lang}: a slip in a short word of a longer query costs rank, not the query`, async () => {
      const [r, n] = await at('Joint SDG Fnd');
      if (n.corrected !== 'Fnd') return JSON.stringify(n);
      return (r.first && r.first.num === '2/6' && /#para-37$/.test(r.first.snippetHref) && r.first.marks.some((m) => /fund/i.test(m))) || JSON.stringify(r.first);
    });
  }

  await check('en: no results is announced', async () => {
    await page.goto(`${server.url}/en/search/?q=zzzyzzy`);
    const r = await results();
    return r.count === 0 && r.status.includes('zzzyzzy') || `status "${r.status}", ${r.count} items`;
  });

  await check('en: the header form submits to the search page', async () => {
    await page.goto(`${server.url}/en/resolutions/2-7/`);
    await page.focus('#site-q');
    await page.keyboard.type('slum');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/en\/search\/\?q=slum/);
    const r = await results();
    return r.first?.num === '2/2' || `first result ${r.first?.num}`;
  });

  await check('en: Enter on a resolution number goes to that resolution', async () => {
    await page.goto(`${server.url}/en/search/`);
    await page.focus('#q');
    await page.keyboard.type('2/7');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/en\/resolutions\/2-7\/$/, { timeout: 5000 });
  });

  await check('zh: a result is reachable by keyboard and opens the paragraph', async () => {
    await page.goto(`${server.url}/zh/search/?q=${encodeURIComponent('特罗姆瑟')}`);
    await results();
    await page.focus('#q');
    // input → submit button → first result title → its snippet link
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const href = await page.evaluate(() => document.activeElement.getAttribute('href'));
    if (!/#para-\d+$/.test(href || '')) return `focused ${href}`;
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/zh\/resolutions\/2-3\/#para-\d+$/);
    const target = await page.evaluate(() => !!document.querySelector(location.hash));
    return target || 'the anchor does not exist';
  });

  await check('with JavaScript off the search page explains and links to the index', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const p = await ctx.newPage();
    await p.goto(`${server.url}/en/search/`);
    const text = await p.evaluate(() => document.querySelector('noscript') ? 'noscript' : '');
    const link = await p.locator('main a[href$="/en/resolutions/"]').count();
    await ctx.close();
    return text && link > 0 || 'no noscript notice with a link to the resolution index';
  });

  await check(`the client is under ${CLIENT_GZIP_LIMIT} bytes gzipped`, async () => {
    const js = fs.readFileSync(path.join(DIR, 'static', 'search.js'));
    const gz = zlib.gzipSync(js, { level: 9 }).length;
    console.log(`     search.js: ${js.length} bytes, ${gz} gzipped`);
    return gz < CLIENT_GZIP_LIMIT || `${gz} bytes`;
  });

  await check('no request left 127.0.0.1 and no script error', async () =>
    (!outside.length && !errors.length) || `outside: ${outside.join(', ')} errors: ${errors.join('; ')}`);
} finally {
  await browser.close();
  await server.close();
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
