// Browser test: node browser-test.mjs BASE_URL TOKEN SCAN_FILE UPLOAD_LOT SCREENSHOT_DIR
// Opens the dashboard of a seeded lot, follows a failed cell, sees its stage maps and verdict reasons,
// uploads a scan through the form and sees it appear. Exits non-zero on any failure.
import { chromium } from 'playwright-core';

const [base, token, scanFile, lot, shots] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const fail = (msg) => { console.error('FAILED: ' + msg); process.exitCode = 1; };
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1300 } });
  page.on('pageerror', (e) => fail('page error: ' + e.message));
  await page.goto(base + '/');
  await page.waitForSelector('#cells a.cell-link');
  const title = await page.textContent('#title');
  if (!title.includes('Lot')) fail('dashboard title: ' + title);
  if ((await page.locator('#charts svg').count()) < 2) fail('control charts missing');
  // the line's history from the stored fleet statistics: six weekly groups, the one whose mean is off marked
  await page.waitForSelector('#history svg.history');
  const groups = await page.locator('#history svg.history circle.group').count();
  const outGroups = await page.locator('#history svg.history circle.group.out').count();
  if (groups !== 6 || outGroups !== 1) fail(`line history: ${groups} groups, ${outGroups} out of control`);
  await page.screenshot({ path: shots + '/dashboard.png', fullPage: true });
  // follow a failed cell
  const failed = page.locator('#cells tr', { has: page.locator('td:nth-child(2) .FAIL') }).first().locator('a.cell-link');
  const cellId = await failed.textContent();
  await failed.click();
  await page.waitForSelector('figure.stage-map img');
  await page.waitForFunction(() => [...document.querySelectorAll('figure.stage-map img')].every((i) => i.complete && i.naturalWidth > 0));
  const maps = await page.locator('figure.stage-map img').count();
  if (maps < 3) fail(`cell ${cellId}: ${maps} stage maps`);
  await page.waitForFunction(() => [...document.querySelectorAll('figure.compare-map img')].length === 2
    && [...document.querySelectorAll('figure.compare-map img')].every((i) => i.complete && i.naturalWidth > 0), null, { timeout: 60000 });
  // the CT section: two states, each with two slices (anode outlined) and a height map
  await page.waitForFunction(() => [...document.querySelectorAll('section.ct-section img')].length === 6
    && [...document.querySelectorAll('section.ct-section img')].every((i) => i.complete && i.naturalWidth > 0), null, { timeout: 60000 });
  const ctStates = await page.locator('section.ct-section h3').allTextContents();
  if (!(ctStates.length === 2 && ctStates[0].startsWith('pristine') && ctStates[1].startsWith('formation'))) fail(`cell ${cellId}: CT sections ${ctStates}`);
  // impedance: one Nyquist curve per state with its fit, Rs and Rct across states with error bars, the parameter table
  await page.waitForFunction(() => document.querySelectorAll('#eis svg.nyquist polyline.eis-fit').length === 9, null, { timeout: 60000 });
  const eisRows = await page.locator('#eis-params tr').count();
  if (eisRows !== 10) fail(`cell ${cellId}: impedance table rows ${eisRows}`);
  if ((await page.locator('#eis svg.trend').count()) !== 2) fail(`cell ${cellId}: Rs/Rct trends missing`);
  const rct = await page.locator('#eis-params tr:nth-child(2) td:nth-child(4)').textContent();
  if (!/^\d+(\.\d+)? ± \d/.test(rct)) fail(`cell ${cellId}: Rct cell '${rct}' is not value ± error`);
  // cycling: the rate test's capacity and CE per cycle, V–Q curves, the 9 spectra placed on its voltage curve by time; the CCD run with its short
  await page.waitForFunction(() => document.querySelectorAll('#cycling svg.capacity circle.discharge').length === 12
    && document.querySelectorAll('#cycling svg.vt circle.eis-mark').length === 9 && document.querySelectorAll('#cycling svg.ccd line.short-mark').length === 1,
    null, { timeout: 60000 });
  const vq = await page.locator('#cycling svg.vq polyline').count();
  if (vq !== 24) fail(`cell ${cellId}: ${vq} charge and discharge curves, expected 24`);
  // XCS: the EMF map of each of the three states (one scale), the field EMF across states, J(pz) per state
  await page.waitForFunction(() => [...document.querySelectorAll('#xcs figure.xcs-map img')].length === 3
    && [...document.querySelectorAll('#xcs figure.xcs-map img')].every((i) => i.complete && i.naturalWidth > 0)
    && document.querySelectorAll('#xcs svg.xcs-trend circle.xcs-point').length === 3 && document.querySelectorAll('#xcs svg.xcs-profile polyline.xcs-j').length === 3,
    null, { timeout: 60000 });
  const emfCaption = await page.locator('#xcs figure.xcs-map figcaption').first().textContent();
  if (!/EMF \d\.\d+\s+± \d/.test(emfCaption)) fail(`cell ${cellId}: XCS caption '${emfCaption}' is not EMF value ± error`);
  const tl = await page.locator('#timeline tr.tl-row').count();
  if (tl < 5) fail(`cell ${cellId}: timeline rows ${tl}`);
  const reasons = await page.locator('ul.reasons li').allTextContents();
  if (!reasons.some((r) => r.includes('limit'))) fail(`cell ${cellId}: no verdict reasons`);
  if (!(await page.textContent('#title')).includes('FAIL')) fail(`cell ${cellId}: verdict not shown`);
  await page.screenshot({ path: shots + '/cell-page.png', fullPage: true });
  // upload a scan through the form and see it appear
  await page.goto(base + '/');
  await page.waitForSelector('#cells a.cell-link');
  await page.fill('#token', token);
  await page.fill('#uplot', lot);
  await page.setInputFiles('#scanfile', scanFile);
  await page.click('#upload button[type=submit]');
  await page.waitForFunction(() => /stored|already/.test(document.querySelector('#upresult').textContent), null, { timeout: 60000 });
  const uploaded = scanFile.split('/').pop().split('_')[0];
  await page.waitForFunction((id) => [...document.querySelectorAll('#cells a.cell-link')].some((a) => a.textContent === id), uploaded, { timeout: 30000 });
  // the design calculator: numbers follow the inputs without a reload; a bad value is named beside its field
  await page.goto(base + '/design.html');
  await page.waitForFunction(() => /Wh\/kg/.test(document.querySelector('#whkg').textContent));
  const before = await page.textContent('#whkg');
  if (before !== '315 Wh/kg') fail('design: NCM811 22 mg/cm², PEO:LLZO 100 µm gave ' + before);
  await page.evaluate(() => { window.notReloaded = true; });
  await page.fill('#loading_mg_cm2', '40');
  await page.waitForFunction(() => document.querySelector('#whkg').textContent === '388 Wh/kg', null, { timeout: 10000 });
  await page.waitForFunction(() => { const i = document.querySelector('#sweep'); return i.complete && i.naturalWidth > 0; });
  await page.fill('#electrolyte_um', '-5');
  await page.waitForFunction(() => document.querySelector('.err[data-for="electrolyte_um"]').textContent.includes('-5'), null, { timeout: 10000 });
  await page.fill('#electrolyte_um', '100');
  await page.waitForFunction(() => document.querySelector('.err[data-for="electrolyte_um"]').textContent === '', null, { timeout: 10000 });
  const marginBefore = await page.textContent('#margin');
  if (!/margin 1\.23 \(stable\)/.test(marginBefore)) fail('design: LLZO flaw of 10 µm gave ' + marginBefore);
  await page.fill('#flaw_um', '40');
  await page.waitForFunction((b) => document.querySelector('#margin').textContent !== b, marginBefore, { timeout: 10000 });
  if (!/propagates/.test(await page.textContent('#margin'))) fail('design: a 40 µm flaw should propagate: ' + await page.textContent('#margin'));
  if (!(await page.evaluate(() => window.notReloaded === true))) fail('design: the page reloaded');
  await page.screenshot({ path: shots + '/design-page.png', fullPage: true });
  console.log(`ok: dashboard, failed cell ${cellId} with ${maps} maps, ${ctStates.length} CT sections, 9 impedance spectra, 12 cycles with ${vq} curves and a CCD short, ${tl} timeline rows and ${reasons.length} reasons, upload of ${uploaded} shown, design page ${before} → 388 Wh/kg`);
} catch (e) {
  fail(e.message);
} finally {
  await browser.close();
}
