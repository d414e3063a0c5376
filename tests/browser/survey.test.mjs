// The feedback survey behind a link (/f/{token}) as a customer meets it in a
// browser: a German link on a desktop and an English one on a phone, each
// answered once; a second answer, a tab opened before the first answer and a
// forged link are refused; then the shop's NPS and call-back task are as the
// answers say. RETAIN_BIN names the retain binary (see run.sh).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, retainCli, startServer, tempFolder } from './lib/browser.mjs';

const comment = 'Schnelle Lieferung, prima Qualität – danke!';

let dir, retain, server, browser, desktop, phone;
let germanUrl, englishUrl;
let failed = false;

// A test that, when it fails, keeps the temporary folder for a look.
function step(name, fn) {
  test(name, async (t) => {
    try {
      await fn(t);
    } catch (e) {
      failed = true;
      throw e;
    }
  });
}

// Submits the page's survey form and returns the reply to the POST.
async function submit(page) {
  const [reply] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/f/')),
    page.getByRole('button', { name: /Absenden|Send/ }).click(),
  ]);
  await page.waitForLoadState('domcontentloaded');
  return reply;
}

before(async () => {
  try {
    await setUp();
  } catch (e) {
    failed = true;
    throw e;
  }
});

// The shop (three customers, three orders), the server, the two links and
// the browser with a desktop and a phone.
async function setUp() {
  dir = tempFolder('survey');
  retain = retainCli(process.env.RETAIN_BIN, dir.path);
  writeFileSync(
    join(dir.path, 'customers.csv'),
    'customer_id,first_name,last_name,email,language,consent_email,created_at\n' +
      'K1,Jörg,Müller,joerg@example.de,de,granted,2023-01-10\n' +
      'K2,Sophie,Weber,sophie@example.com,en,granted,2023-06-01\n' +
      'K3,Anna,Schmidt,anna@example.de,de,granted,2023-06-01\n',
  );
  writeFileSync(
    join(dir.path, 'orders.csv'),
    'order_id,customer_id,ordered_at,currency,total,status\n' +
      'A1,K1,2024-05-10,EUR,89.90,completed\n' +
      'A2,K2,2024-05-12,EUR,59.95,completed\n' +
      'A3,K3,2024-05-20,EUR,19.99,completed\n',
  );
  retain.run('init');
  retain.run('import', 'customers.csv', 'orders.csv');
  server = await startServer(retain.binary, retain.db);
  // The links point at the server as customers would reach it.
  const config = join(dir.path, 'retain.toml');
  writeFileSync(config, `[contact.messages]\npublic_url = "${server.url}"\n`);
  const link = (...args) => {
    const out = retain.run('feedback', 'link', ...args, '--config', config);
    assert.match(out, /^\S+\n$/, 'one URL on one line');
    return out.trim();
  };
  germanUrl = link('K1', '--order', 'A1', '--language', 'de');
  englishUrl = link('K2', '--language', 'en');
  for (const url of [germanUrl, englishUrl]) {
    assert.match(url, new RegExp(`^${server.url}/f/[A-Za-z0-9_.-]+$`));
  }
  assert.notEqual(germanUrl, englishUrl);
  browser = await launchBrowser();
  // Each browser prefers the other language: the page follows the link.
  desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'de-DE',
  });
  for (const c of [desktop, phone]) c.setDefaultTimeout(10_000);
}

after(async () => {
  await browser?.close();
  const exit = await server?.stop();
  if (failed && server) console.log(`retain serve (${JSON.stringify(exit)}):\n${server.log()}`);
  dir?.remove(failed);
});

let earlyTab;  // the German survey opened in a second tab before the answer

step('the German survey page: language, question, phone-ready, no script', async () => {
  earlyTab = await desktop.newPage();
  await earlyTab.goto(germanUrl);
  const page = await desktop.newPage();
  const reply = await page.goto(germanUrl);
  assert.equal(reply.status(), 200);
  assert.match(reply.headers()['content-type'], /^text\/html; charset=utf-8/i);
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  await page
    .getByText('Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?')
    .waitFor();
  assert.match(await page.locator('#order').innerText(), /A1/);
  assert.match(
    (await page.locator('meta[name="viewport"]').getAttribute('content')) ?? '',
    /width=device-width/,
  );
  assert.equal(await page.locator('script').count(), 0, 'the page has no script');
  assert.equal(await page.locator('form#survey[method="post"]').count(), 1);
  const scores = await page.locator('input[type="radio"][name="score"]').evaluateAll((l) =>
    l.map((i) => i.value),
  );
  assert.deepEqual(scores, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  assert.equal(await page.locator('textarea[name="comment"]').count(), 1);
  await page.screenshot({ path: join(dir.path, 'survey-de.png'), fullPage: true });

  await page.getByRole('radio', { name: '9', exact: true }).check();
  await page.locator('textarea[name="comment"]').pressSequentially(comment);
  const answer = await submit(page);
  assert.equal(answer.status(), 200);
  await page.locator('#thanks').waitFor();
  assert.equal(await page.locator('#thanks').innerText(), 'Vielen Dank!');
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  await page.close();
});

step('the German link once answered: answered, and a second answer is refused', async () => {
  const page = await desktop.newPage();
  const reply = await page.goto(germanUrl);
  assert.equal(reply.status(), 200);
  await page.locator('#answered').waitFor();
  assert.match(await page.locator('#answered').innerText(), /schon geantwortet/);
  assert.equal(await page.locator('form').count(), 0, 'no form once answered');
  await page.close();

  // The tab opened before the answer still shows the form; sending it fails.
  await earlyTab.getByRole('radio', { name: '10', exact: true }).check();
  const second = await submit(earlyTab);
  assert.equal(second.status(), 409);
  await earlyTab.locator('#answered').waitFor();
  assert.equal(await earlyTab.getAttribute('html', 'lang'), 'de');
  await earlyTab.close();
});

step('the English survey on a phone: texts, tap targets, answer 3', async () => {
  const page = await phone.newPage();
  const reply = await page.goto(englishUrl);
  assert.equal(reply.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.getByText('How likely are you to recommend us to a friend or colleague?').waitFor();
  await page.getByRole('button', { name: 'Send' }).waitFor();
  assert.equal(await page.getByText('Wie wahrscheinlich').count(), 0, 'no German on it');
  // Each score can be tapped: the radio button or its label is at least
  // 24 x 24 CSS pixels (WCAG 2.2 target size), and nothing is wider than
  // the phone.
  const targets = await page.locator('input[name="score"]').evaluateAll((inputs) =>
    inputs.map((i) => {
      const box = (e) => e && e.getBoundingClientRect();
      const own = box(i);
      const label = box(i.closest('label') ?? document.querySelector(`label[for="${i.id}"]`));
      const big = (r) => r && r.width >= 24 && r.height >= 24;
      return { value: i.value, ok: big(own) || big(label), own, label };
    }),
  );
  for (const t of targets) assert.ok(t.ok, `score ${t.value} is too small to tap: ${JSON.stringify(t)}`);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width} px wide on a 390 px phone`);
  await page.screenshot({ path: join(dir.path, 'survey-en-phone.png'), fullPage: true });

  await page.getByRole('radio', { name: '3', exact: true }).tap();
  assert.ok(await page.getByRole('radio', { name: '3', exact: true }).isChecked());
  const answer = await submit(page);
  assert.equal(answer.status(), 200);
  await page.locator('#thanks').waitFor();
  assert.equal(await page.locator('#thanks').innerText(), 'Thank you!');
  await page.close();
});

step('a forged link is refused', async () => {
  // Change one character in the middle of the token (not the last one: its
  // low bits may be padding that decodes the same).
  const cut = germanUrl.lastIndexOf('/') + 1;
  const token = germanUrl.slice(cut);
  let i = Math.floor(token.length / 2);
  if (token[i] === '.') i += 1;
  const forged = germanUrl.slice(0, cut) + token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') +
    token.slice(i + 1);
  const page = await desktop.newPage();
  const reply = await page.goto(forged);
  assert.equal(reply.status(), 400);
  await page.locator('#invalid').waitFor();
  // Nothing in the link can be trusted: the browser's language (English).
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('form').count(), 0);
  await page.close();
});

step('the shop sees the answers: NPS, the comment, the detractor call-back', () => {
  const nps = retain.json('nps', '--json');
  assert.equal(nps.answers, 2);
  assert.equal(nps.promoters, 1);
  assert.equal(nps.detractors, 1);
  assert.equal(nps.nps, 0);
  const { comments } = retain.json('feedback', 'list', '--json');
  assert.ok(
    comments.some((c) => c.customer_id === 'K1' && c.score === 9 && c.comment === comment),
    `the German comment as typed: ${JSON.stringify(comments)}`,
  );
  const { tasks } = retain.json('tasks', 'list', '--json');
  const callBacks = tasks.filter((t) => t.kind === 'call_back');
  assert.equal(callBacks.length, 1, JSON.stringify(tasks));
  assert.equal(callBacks[0].customer_id, 'K2');
  assert.equal(callBacks[0].status, 'open');
});
