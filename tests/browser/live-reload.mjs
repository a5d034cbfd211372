// End-to-end test of `portal serve` in a real browser (Debian's /usr/bin/chromium, playwright-core):
// an open page reloads by itself after an edit, shows the build errors while the site is broken, and
// comes back when it is fixed; the built files never carry the reload script.
//
//   node tests/browser/live-reload.mjs [PORTAL]   PORTAL: the binary (default: target/release/portal)
//
// Works on a copy of tests/fixtures/basic in a temporary folder. Ends with "N passed, N failed";
// exits 1 on failure.
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.join(HERE, '..', '..');
const PORTAL = path.resolve(process.argv[2] || path.join(ROOT, 'target', 'release', 'portal'));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const RES = path.join('content', 'resolutions', '1-1.yaml');

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `: ${detail}`}`);
}

const site = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-live-'));
fs.cpSync(path.join(ROOT, 'tests', 'fixtures', 'basic'), site, { recursive: true });
const edit = (from, to) => {
  const f = path.join(site, RES);
  fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(from, to));
};

const server = spawn(PORTAL, ['serve', '--site', site, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
let log = '';
let built_in = '';
const origin = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 120000);
  server.stderr.on('data', (d) => {
    log += d;
    // `serving the preview built in DIR at http://127.0.0.1:PORT/` (DIR: a temporary folder).
    const m = log.match(/serving the preview built in (.*) at (http:\/\/127\.0\.0\.1:\d+)\//);
    if (m) { clearTimeout(timer); built_in = m[1]; resolve(m[2]); }
  });
  server.on('exit', (code) => reject(new Error(`serve exited (${code}):\n${log}`)));
});

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(`${origin}/en/resolutions/1-1/`);
  const h1 = () => page.locator('h1').first().textContent({ timeout: 5000 }).catch(() => '');
  check('the page is served', (await h1()).includes('First resolution'), await h1());

  // An edit: the open page reloads with it, without being told to.
  edit('en: First resolution', 'en: First resolution, edited live');
  const reloaded = await page.waitForFunction(
    () => document.querySelector('h1')?.textContent.includes('edited live'), null, { timeout: 30000 },
  ).then(() => true, () => false);
  check('an edit reloads the open page', reloaded, await h1());

  // A broken edit: the page shows the errors; fixing it brings the page back.
  edit('year: 2019', 'year: [2019');
  const broken = await page.waitForFunction(
    () => document.title === 'Build failed' && document.body.textContent.includes('1-1.yaml'), null, { timeout: 30000 },
  ).then(() => true, () => false);
  check('a broken build shows its errors in the open page', broken, await page.title());
  edit('year: [2019', 'year: 2019');
  const fixed = await page.waitForFunction(
    () => document.querySelector('h1')?.textContent.includes('edited live'), null, { timeout: 30000 },
  ).then(() => true, () => false);
  check('the fix brings the page back', fixed, await page.title());

  const built = fs.readFileSync(path.join(built_in, 'en', 'resolutions', '1-1', 'index.html'), 'utf8');
  check('built files carry no reload script', !built.includes('__portal'));
} catch (e) {
  check('live reload', false, String(e));
} finally {
  await browser.close();
  server.kill('SIGTERM');
  await new Promise((r) => server.exitCode !== null ? r() : server.on('exit', r));
  fs.rmSync(site, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
