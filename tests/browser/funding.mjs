// Funding as a delegate reads it, in a real browser (Debian's /usr/bin/chromium):
//
//   node tests/browser/funding.mjs [DIR]      DIR: the built portal (default: public)
//
//   bars       on every funding page and language, at 360 and 1280 px: no bar is drawn black (every bar
//              has a fill by meaning), no label is cut off (no text overflows its box, no SVG text
//              outside its SVG), and each bar opens the list of its resolutions
//   shortfall  the home page's shortfall count opens a list of exactly that many resolutions, each
//              marked data-shortfall="named", in every language
// Languages are read from the entry page's links, never listed here. Ends with "N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIR = path.resolve(process.argv[2] || path.join(HERE, '..', '..', 'public'));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

let passed = 0, failed = 0;
const ok = (name, cond, detail = '') => {
  if (cond) { passed++; console.log(`ok   ${name}`); } else { failed++; console.log(`FAIL ${name} ${detail}`); }
};

const languages = () => {
  const entry = fs.readFileSync(path.join(DIR, 'index.html'), 'utf8');
  const langs = [...entry.matchAll(/href="(?:[^"]*\/)?([a-z]{2,3}(?:-[A-Za-z]+)?)\/"/g)].map(m => m[1]);
  return [...new Set(langs)].filter(l => fs.existsSync(path.join(DIR, l, 'index.html')));
};

const server = await serve(DIR);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true });
try {
  const langs = languages();
  ok('languages found on the entry page', langs.length >= 2, JSON.stringify(langs));
  for (const lang of langs) {
    for (const width of [360, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      for (const p of ['funding/', 'funding/need/']) {
        await page.goto(`${server.url}/${lang}/${p}`);
        const r = await page.evaluate(() => {
          const bars = [...document.querySelectorAll('rect.bar')].map(b => getComputedStyle(b).fill);
          const clippedSvgText = [...document.querySelectorAll('svg text')].filter(t => {
            const s = t.ownerSVGElement.getBoundingClientRect(), b = t.getBoundingClientRect();
            return b.left < s.left - 0.5 || b.right > s.right + 0.5 || b.top < s.top - 0.5 || b.bottom > s.bottom + 0.5;
          }).map(t => t.textContent);
          const overflowing = [...document.querySelectorAll('.bar-label, .bar-value, .bar-row a')]
            .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.trim());
          const links = [...document.querySelectorAll('.bar-row a')].map(a => a.getAttribute('href'));
          return { bars, clippedSvgText, overflowing, links };
        });
        const where = `${lang}/${p} @${width}`;
        ok(`${where}: bars drawn`, r.bars.length >= 2, String(r.bars.length));
        ok(`${where}: no bar is black`, r.bars.every(f => f !== 'rgb(0, 0, 0)' && f !== 'none'), JSON.stringify(r.bars));
        ok(`${where}: no SVG text clipped`, r.clippedSvgText.length === 0, JSON.stringify(r.clippedSvgText));
        ok(`${where}: no chart label cut off`, r.overflowing.length === 0, JSON.stringify(r.overflowing));
        ok(`${where}: every bar opens its list`, r.links.length === r.bars.length && r.links.every(h => /\/resolutions\/funding\/[a-z-]+\/$/.test(h)), JSON.stringify(r.links));
      }
      await page.close();
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/${lang}/`);
    const [count, attr] = await page.$eval('[data-shortfall-count]', a => [a.textContent, a.getAttribute('data-shortfall-count')]);
    const n = Number(attr);
    ok(`${lang}: the count link's text holds its count`, new RegExp(`(^|\\D)${n}(\\D|$)`).test(count), count);
    await page.click('[data-shortfall-count]');
    await page.waitForLoadState();
    const listed = await page.$$eval('#res-list [data-resolution], table.res-list [data-resolution]', rows => rows.map(r => [r.getAttribute('data-resolution'), r.getAttribute('data-shortfall')]));
    ok(`${lang}: the shortfall count (${count}) opens a list of exactly ${n}`, listed.length === n && n >= 0, JSON.stringify(listed));
    ok(`${lang}: every listed resolution is marked named`, listed.every(([, s]) => s === 'named'), JSON.stringify(listed));
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
