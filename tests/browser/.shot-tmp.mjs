import { chromium } from 'playwright-core';
const [base, out, ...pages] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const w of [360, 1280]) {
  const p = await b.newPage({ viewport: { width: w, height: 800 } });
  for (const pg of pages) {
    await p.goto(base + pg, { waitUntil: 'load' });
    const name = `${out}/${pg.replace(/[\/?=&]+/g, '_')}-${w}.png`;
    await p.screenshot({ path: name, fullPage: true });
    console.log(name);
  }
}
await b.close();
