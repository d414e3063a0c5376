// The dashboard as a shop owner uses it, in headless Debian chromium against
// `retain serve` on the demo shop (scripts/demo.sh, 2,000 customers): log in,
// the overview's KPIs are the API's, German and English, a customer's
// profile, a rule's live count, points redeemed by an admin, today's plan
// committed and sent; what an analyst and the till may see; a phone-sized screen;
// labels, keyboard and contrast. Any console error fails the test (unless a
// step expects one, e.g. the 401 of a wrong key). A screenshot of every page
// goes to RETAIN_ARTIFACTS (default: the temporary folder).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, retainCli, startServer, tempFolder } from './lib/browser.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let dir, retain, server, browser, context, page, shots, keys, dataDir;
let failed = false;
const timings = {};

// Console errors of the pages; a step may expect some (by pattern).
let consoleErrors = [];
let expected = [];
function watch(p) {
  p.on('console', (m) => {
    if (m.type() !== 'error' && m.type() !== 'warning') return;
    const text = `${m.type()}: ${m.text()} (${m.location()?.url ?? ''})`;
    if (!expected.some((re) => re.test(text))) consoleErrors.push(text);
  });
  p.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
}
async function expecting(patterns, fn) {
  expected = patterns;
  try {
    await fn();
  } finally {
    expected = [];
  }
}

// A test step: fails on console errors, keeps the folder when it fails.
function step(name, fn) {
  test(name, async () => {
    consoleErrors = [];
    try {
      await fn();
      assert.deepEqual(consoleErrors, [], 'no console errors');
    } catch (e) {
      failed = true;
      throw e;
    }
  });
}

// GET/POST /api/v1/... with a key, as a script would.
async function apiGet(path, key = keys.admin) {
  const r = await fetch(`${server.url}/api/v1/${path}`, { headers: { Authorization: `Bearer ${key}` } });
  assert.equal(r.status, 200, `GET ${path}: ${await r.clone().text()}`);
  return r.json();
}
async function apiPost(path, body, key = keys.admin) {
  const r = await fetch(`${server.url}/api/v1/${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.ok(r.status < 300, `POST ${path}: ${await r.clone().text()}`);
  return r.json();
}

// The formats of the page, computed here independently with Intl.
const locales = { de: 'de-DE', en: 'en-GB' };
const norm = (s) => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
const percent = (l, v) => new Intl.NumberFormat(locales[l], { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v / 100);
const euros = (l, cents) => new Intl.NumberFormat(locales[l], { style: 'currency', currency: 'EUR' }).format(cents / 100);
const wholeEuros = (l, cents) => new Intl.NumberFormat(locales[l], { style: 'currency', currency: 'EUR', maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(cents / 100);
const count = (l, n) => new Intl.NumberFormat(locales[l]).format(n);

async function shot(name, p = page) {
  await p.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

// Opens #/hash and waits until the page says it is ready.
async function open(hash, p = page) {
  const t0 = Date.now();
  await p.evaluate((h) => { location.hash = h; }, `#/${hash}`);
  await p.locator(`.view[data-ready="true"][data-route="#/${hash}"]`).waitFor();
  timings[hash || 'overview'] = Date.now() - t0;
  assert.equal(await p.locator('.view .message.error').count(), 0,
    `no error on #/${hash}: ${await p.locator('.view .message.error').allInnerTexts()}`);
}

async function login(p, key) {
  await p.goto(`${server.url}/`);
  await p.locator('#login-key').fill(key);
  await p.locator('#login button[type="submit"]').click();
  await p.locator('.view[data-ready="true"]').waitFor();
}

before(async () => {
  try {
    dir = tempFolder('dashboard');
    shots = process.env.RETAIN_ARTIFACTS || join(dir.path, 'screenshots');
    mkdirSync(shots, { recursive: true });
    retain = retainCli(process.env.RETAIN_BIN, dir.path);
    dataDir = join(dir.path, 'demo-data');
    // The demo shop exactly as `make demo` makes it, smaller.
    execFileSync(join(root, 'scripts/demo.sh'), [retain.binary, retain.db, dataDir, '2000'], {
      cwd: dir.path,
      env: { ...process.env, DEMO_SERVE: '0', LANG: 'C.UTF-8' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    keys = {};
    for (const role of ['admin', 'analyst', 'shop']) {
      keys[role] = retain.run('apikey', 'create', '--role', role, '--name', `${role} test`).split('\n')[0].trim();
      assert.match(keys[role], /^rk_/);
    }
    server = await startServer(retain.binary, retain.db);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    watch(page);
  } catch (e) {
    failed = true;
    throw e;
  }
});

after(async () => {
  console.log(`time to a ready page (ms): ${JSON.stringify(timings)}`);
  console.log(`screenshots: ${shots}`);
  await browser?.close();
  const exit = await server?.stop();
  if (failed && server) console.log(`retain serve (${JSON.stringify(exit)}):\n${server.log()}`);
  dir?.remove(failed && !process.env.RETAIN_ARTIFACTS);
});

step('log in: a wrong key is refused, the admin key opens the overview in German', async () => {
  await page.goto(`${server.url}/`);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  await page.locator('#login-key').waitFor();
  await shot('login');
  await expecting([/status of 401/], async () => {
    await page.locator('#login-key').fill('rk_0123456789abcdef_wrongwrongwrongwrongwrongwrongwrongwrong');
    await page.locator('#login button[type="submit"]').click();
    await page.locator('#login .message.error').waitFor();
  });
  assert.match(await page.locator('#login .message.error').innerText(), /unbekannt oder widerrufen/);
  const t0 = Date.now();
  await page.locator('#login-key').fill(keys.admin);
  await page.locator('#login button[type="submit"]').click();
  await page.locator('.view[data-ready="true"] #kpis').waitFor();
  timings['first view after login'] = Date.now() - t0;
  assert.equal(await page.locator('#page-title').innerText(), 'Übersicht');
  // The key lives in this tab's session only.
  const stored = await page.evaluate(() => ({ s: sessionStorage.getItem('retain.key'), l: JSON.stringify(localStorage), c: document.cookie }));
  assert.equal(stored.s, keys.admin);
  assert.ok(!stored.l.includes(keys.admin) && !stored.c.includes(keys.admin));
  await page.locator('#chart-revenue canvas').waitFor();
  await page.locator('#chart-lorenz canvas').waitFor();
  await shot('overview-de');
});

step('the overview shows the KPIs of the API, with the change against the period before', async () => {
  const k = await apiGet('kpis');
  const tile = async (id) => norm(await page.locator(`#kpi-${id} .kpi-value`).innerText());
  assert.equal(await tile('retention_rate'), norm(percent('de', k.retention_rate)));
  assert.equal(await tile('repeat_purchase_rate'), norm(percent('de', k.repeat_purchase_rate)));
  assert.equal(await tile('churn_rate'), norm(percent('de', k.churn_rate)));
  assert.equal(await tile('revenue'), norm(wholeEuros('de', k.revenue)));
  assert.equal(await tile('average_order_value'), norm(euros('de', k.average_order_value)));
  assert.equal(await tile('new_customers'), norm(count('de', k.new_customers)));
  assert.equal(await tile('active_customers'), norm(count('de', k.active_customers)));
  assert.match(await page.locator('#kpi-revenue .kpi-change').innerText(), /ggü\. Vorperiode/);
  // The top-20 % share and the cohort heatmap are there, from the API.
  assert.match(norm(await page.locator('#top20').innerText()), new RegExp(norm(percent('de', k.top20_revenue_share)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const cohorts = await apiGet('cohorts?months=12');
  assert.ok((await page.locator('#cohort-heatmap tbody tr').count()) >= Math.min(12, cohorts.cohorts.length));
  const m = await apiGet('kpis/monthly');
  assert.ok(m.months.length >= 12);
});

step('switching to English changes the texts and the number formats', async () => {
  await page.locator('#language').selectOption('en');
  await page.locator('.view[data-ready="true"] #kpis').waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('#page-title').innerText(), 'Overview');
  assert.equal(await page.locator('#nav-customers').innerText(), 'Customers');
  const k = await apiGet('kpis');
  assert.equal(norm(await page.locator('#kpi-revenue .kpi-value').innerText()), norm(wholeEuros('en', k.revenue)));
  assert.equal(norm(await page.locator('#kpi-average_order_value .kpi-value').innerText()), norm(euros('en', k.average_order_value)));
  assert.match(await page.locator('#kpi-average_order_value .kpi-value').innerText(), /^€\d/);
  await shot('overview-en');
  await page.locator('#language').selectOption('de');
  await page.locator('.view[data-ready="true"] #kpis').waitFor();
  assert.equal(await page.locator('#nav-customers').innerText(), 'Kunden');
  assert.match(await page.locator('#kpi-average_order_value .kpi-value').innerText(), /\d,\d\d\s€$/);
});

step('a customer opens from the list, with profile, forecast and timeline', async () => {
  await open('customers');
  await page.locator('#customers-table tbody tr').first().waitFor();
  const list = await apiGet('customers?view=summary&limit=50');
  assert.match(norm(await page.locator('#customers-total').innerText()), new RegExp(count('de', list.total).replace('.', '\\.')));
  await shot('customers');
  const link = page.locator('#customers-table tbody tr a').first();
  const id = list.customers[0].customer_id;
  await link.click();
  await page.locator(`.view[data-ready="true"][data-route="#/customers/${id}"] #customer-name`).waitFor();
  const c = await apiGet(`customers/${id}`);
  assert.match(await page.locator('#customer-name').innerText(), new RegExp(c.profile.last_name));
  assert.ok((await page.locator('#customer-timeline li, #customer-timeline tr').count()) >= c.orders.length);
  await page.locator('#customer-forecast').waitFor();
  await page.locator('#customer-rfm').waitFor();
  await shot('customer');
});

step('typing a rule shows its live count, a syntax error is shown in place', async () => {
  await open('segments');
  await page.locator('#rfm-grid').waitFor();
  await shot('segments');
  const rule = 'orders >= 3 and days_since_last_order <= 365';
  const expectedCount = (await apiPost('segments/count', { rule })).customers;
  await page.locator('#rule-editor').fill(rule);
  await page.waitForFunction(
    ([n1, n2]) => { const t = document.querySelector('#rule-count')?.textContent.replace(/\s/g, '') || ''; return t.includes(n1) || t.includes(n2); },
    [count('de', expectedCount), String(expectedCount)],
  );
  await expecting([/status of 400/], async () => {
    await page.locator('#rule-editor').fill('orders >= and');
    await page.locator('#rule-error').waitFor({ state: 'visible' });
  });
  assert.equal(await page.locator('#rule-editor').getAttribute('aria-invalid'), 'true');
  await shot('segments-rule-error');
});

// A member with at least 500 points (the demo's card holders).
async function memberWithPoints() {
  const csv = readFileSync(join(dataDir, 'customers.csv'), 'utf8').split('\n').filter((l) => l.includes('kundenkarte'));
  for (const line of csv) {
    const id = line.split(',')[0];
    const r = await fetch(`${server.url}/api/v1/loyalty/members/${id}`, { headers: { Authorization: `Bearer ${keys.admin}` } });
    if (r.status !== 200) continue;
    const m = await r.json();
    const available = m.points_available;
    if (available >= 500) return { id, available };
  }
  throw new Error('no member with 500 points in the demo shop');
}

step('an admin redeems points for a member', async () => {
  await open('club');
  await page.locator('#club-liability').waitFor();
  await shot('club');
  const { id, available } = await memberWithPoints();
  await open(`club/${id}`);
  await page.locator('#member-statement').waitFor();
  assert.match(norm(await page.locator('#member-points').innerText()), new RegExp(count('de', available).replace('.', '\\.')));
  await page.locator('#redeem-points').fill('500');
  await page.locator('#redeem-submit').click();
  await page.locator('#redeem-result[data-code]').waitFor();
  const code = await page.locator('#redeem-result').getAttribute('data-code');
  assert.match(await page.locator('#redeem-result').innerText(), new RegExp(code));
  const voucher = await apiGet(`loyalty/vouchers/${encodeURIComponent(code)}`);
  assert.equal(voucher.customer_id, id);
  assert.equal(voucher.points, 500);
  assert.equal(voucher.state, 'issued');
  const after = await apiGet(`loyalty/members/${id}`);
  const left = after.points_available;
  assert.equal(left, available - 500);
  await shot('club-member');
});

step("today's plan opens and an admin commits it", async () => {
  await open('plan');
  await page.locator('#plan-planned').waitFor();
  const today = await page.locator('#plan-date').inputValue();
  const plan = await apiGet(`plan?date=${today}&limit=1`);
  assert.equal(norm(await page.locator('#plan-planned').innerText()), norm(count('de', plan.planned)));
  await shot('plan');
  await page.locator('#plan-commit').click();
  await page.locator('#plan-commit-result').filter({ hasText: /\d/ }).waitFor();
  const log = await apiGet(`plan/log?date=${today}&limit=1`);
  const recorded = Object.values(log.counts || {}).reduce((a, b) => a + b, 0);
  assert.equal(recorded, plan.planned, 'every planned contact was recorded');
  await shot('plan-committed');
  // Sending: the test server has no mail server, so the page offers the
  // export of the emails (without a failed request) and the letters become
  // work lists.
  await page.locator('#plan-send').click();
  await page.locator('#plan-send-export').click();
  await page.locator('#plan-send-result .message.ok, #plan-send-result .message.warn').filter({ hasText: /\d/ }).waitFor();
  const sent = await apiGet(`plan/log?date=${today}&limit=1`);
  assert.equal(sent.counts.planned, 0, 'nothing left to send');
  assert.equal(sent.counts.exported + sent.counts.sent + sent.counts.failed, plan.planned);
  await shot('plan-sent');
});

step('the other pages render for the admin', async () => {
  // The forecast's validation chart comes after the page (it fits a model).
  const marks = { forecast: '#chart-tracking[data-loaded="true"]', feedback: '#nps-value', settings: '#apikeys' };
  for (const [hash, mark] of Object.entries(marks)) {
    await open(hash);
    await page.locator(mark).waitFor({ timeout: 30_000 });
    await shot(hash);
  }
  // The NPS shown is the API's.
  await open('feedback');
  const nps = await apiGet('nps');
  assert.equal(norm(await page.locator('#nps-value').innerText()), nps.nps === null ? '–' : norm(new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format(nps.nps)));
});

step('an analyst sees everything but changes nothing; the till sees the Kunden-Club only', async () => {
  const analyst = await context.browser().newContext({ viewport: { width: 1280, height: 900 } });
  const a = await analyst.newPage();
  watch(a);
  await login(a, keys.analyst);
  await open('plan', a);
  await a.locator('#plan-planned').waitFor();
  assert.equal(await a.locator('#plan-commit').count(), 0);
  await open('settings', a);
  assert.equal(await a.locator('#apikeys').count(), 0);
  await analyst.close();

  const till = await context.browser().newContext({ viewport: { width: 1280, height: 900 } });
  const s = await till.newPage();
  watch(s);
  await login(s, keys.shop);
  const nav = await s.locator('nav a').allInnerTexts();
  assert.deepEqual(nav, ['Kunden-Club']);
  assert.equal(await s.evaluate(() => location.hash), '#/club');
  await till.close();
});

step('on a phone-sized screen the pages fit the width and the menu folds away', async () => {
  const phone = await context.browser().newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const p = await phone.newPage();
  watch(p);
  await login(p, keys.admin);
  assert.equal(await p.locator('nav').isVisible(), false);
  for (const hash of ['', 'customers', 'segments', 'club', 'plan']) {
    await open(hash, p);
    const width = await p.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 392, `#/${hash} is ${width} px wide on a 390 px screen`);
    await shot(`phone-${hash || 'overview'}`, p);
  }
  await p.locator('#menu-button').click();
  assert.equal(await p.locator('nav').isVisible(), true);
  await phone.close();
});

step('accessibility basics: labelled controls, keyboard, contrast', async () => {
  for (const hash of ['', 'customers', 'segments', 'club', 'plan', 'settings']) {
    await open(hash);
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
      .filter((e) => e.type !== 'hidden' && e.offsetParent !== null)
      .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
      .map((e) => e.id || e.name || e.outerHTML.slice(0, 60)));
    assert.deepEqual(unlabelled, [], `controls without a label on #/${hash}`);
    // Text contrast against the first opaque background behind it (WCAG AA).
    const low = await page.evaluate(() => {
      const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
      const lum = ([r, g, b]) => {
        const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const bg = (e) => {
        for (; e; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c.length >= 3 && (c.length < 4 || c[3] === 1)) return c;
        }
        return [255, 255, 255];
      };
      const out = [];
      for (const e of document.querySelectorAll('h1, h2, p, a, button, label, th, td, .kpi-value, .kpi-label, .kpi-change, .badge')) {
        if (!e.offsetParent || !e.textContent.trim() || e.closest('.uplot')) continue;
        const st = getComputedStyle(e);
        if (Number(st.opacity) < 1 || e.disabled) continue;
        const a = lum(rgb(st.color));
        const b = lum(bg(e));
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        const large = parseFloat(st.fontSize) >= 24 || (parseFloat(st.fontSize) >= 18.66 && Number(st.fontWeight) >= 700);
        if (ratio < (large ? 3 : 4.5)) out.push(`${e.tagName}.${e.className} "${e.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
      }
      return out.slice(0, 10);
    });
    assert.deepEqual(low, [], `low contrast on #/${hash}`);
  }
  // Keyboard: the skip link comes first, the menu is reachable with Tab and
  // opens a page with Enter.
  await open('');
  await page.reload();
  await page.locator('.view[data-ready="true"]').waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'skip-link');
  let reached = false;
  for (let i = 0; i < 15 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = (await page.evaluate(() => document.activeElement.id)) === 'nav-customers';
  }
  assert.ok(reached, 'the menu entry Kunden is reachable with Tab');
  await page.keyboard.press('Enter');
  await page.locator('.view[data-ready="true"][data-route="#/customers"]').waitFor();
});
