// Kunden-Club: the points liability (members, points and their value by
// tier and by age), points issued, redeemed and expired per month, the
// program's rules, and a member's statement (tier, points, ledger) with
// manual bonus points (admin) and redemption into a voucher (admin, till).
// The till's role (shop) sees only the member lookup and the statement.
import { barChart, colors } from './charts.js';
import { card, el, errorText, field, fill, kpiTile, loading, message, pageHeader, pager, table } from './ui.js';

export const texts = {
  de: {
    'club.title': 'Kunden-Club',
    'club.asof': 'Stand {date}',
    'club.lookup.title': 'Mitglied suchen',
    'club.lookup.intro': 'Geben Sie die Kundennummer ein, um den Punkteauszug eines Mitglieds zu sehen.',
    'club.lookup.id': 'Kundennummer',
    'club.lookup.submit': 'Auszug anzeigen',
    'club.lookup.empty': 'Bitte eine Kundennummer eingeben.',
    'club.kpi.members': 'Mitglieder',
    'club.kpi.points': 'Offene Punkte',
    'club.kpi.value': 'Wert der offenen Punkte',
    'club.kpi.pending': 'Noch nicht verfügbar',
    'club.kpi.awaiting': 'Abgelaufen, noch nicht ausgebucht',
    'club.kpi.debt': 'Punkteschulden (Retouren)',
    'club.tiers.title': 'Mitglieder je Stufe',
    'club.tiers.tier': 'Stufe',
    'club.tiers.members': 'Mitglieder',
    'club.tiers.share': 'Anteil',
    'club.tiers.points': 'Punkte',
    'club.tiers.value': 'Wert',
    'club.age.title': 'Offene Punkte nach Alter',
    'club.age.age': 'Alter',
    'club.age.0-6 months': '0–6 Monate',
    'club.age.6-12 months': '6–12 Monate',
    'club.age.1-2 years': '1–2 Jahre',
    'club.age.over 2 years': 'über 2 Jahre',
    'club.activity.title': 'Punkte je Monat: vergeben, eingelöst, verfallen',
    'club.activity.from': 'Von Monat',
    'club.activity.to': 'Bis Monat',
    'club.activity.apply': 'Anzeigen',
    'club.activity.month': 'Monat',
    'club.activity.given': 'Vergeben (Einkauf + Bonus)',
    'club.activity.issued': 'Aus Einkäufen',
    'club.activity.bonus': 'Bonus',
    'club.activity.redeemed': 'Eingelöst',
    'club.activity.restored': 'Zurückgebucht',
    'club.activity.expired': 'Verfallen',
    'club.activity.returned': 'Retouren',
    'club.activity.new_members': 'Neue Mitglieder',
    'club.activity.total': 'Summe',
    'club.activity.failed': 'Monatswerte nicht verfügbar: {error}',
    'club.activity.none': 'In diesem Zeitraum gab es keine Punktebewegungen.',
    'club.program.title': 'Programmregeln',
    'club.program.earn': 'Punkte sammeln',
    'club.program.earn.text': '1 Punkt je {money} Umsatz',
    'club.program.window': 'Stufe nach Punkten in {n} Monaten, gehalten für {h} Monate',
    'club.program.threshold': 'Ab Punkten',
    'club.program.bonus': 'Bonus',
    'club.program.benefits': 'Vorteile',
    'club.program.redeem': 'Einlösen',
    'club.program.redeem.text': '{points} Punkte = Gutschein über {money}, gültig {months} Monate',
    'club.program.expiry': 'Verfall',
    'club.program.expiry.text': 'Zum Jahresende, {n} Jahre nach dem Sammeln',
    'club.program.pending': 'Wartezeit',
    'club.program.pending.text': '{n} Tage bis die Punkte verfügbar sind',
    'club.program.extra': 'Sonderpunkte',
    'club.program.extra.text': 'Geburtstag {b}, Empfehlung {r1} (Werber) / {r2} (Neumitglied), Vertragsverlängerung {v}',
    'club.program.promotions': 'Aktionen',
    'club.program.promotions.text': '{n} laufende Aktionen',
    'club.benefit.exclusive_offers': 'Exklusive Angebote',
    'club.benefit.personal_consultation': 'Persönliche Beratung',
    'club.benefit.event_invitations': 'Einladungen zu Veranstaltungen',
    'club.member.title': 'Kunden-Club: {id}',
    'club.member.back': 'Zurück zum Kunden-Club',
    'club.member.profile': 'Kundenprofil öffnen',
    'club.member.statement': 'Punktestand',
    'club.member.notmember': 'Kunde {id} ist kein Mitglied des Kunden-Clubs.',
    'club.member.enroll': 'Als Mitglied aufnehmen',
    'club.member.enrolled': 'Kunde {id} ist jetzt Mitglied.',
    'club.member.tier': 'Stufe',
    'club.member.since': 'Mitglied seit',
    'club.member.tier_since': 'Stufe seit',
    'club.member.held_until': 'Stufe gesichert bis',
    'club.member.available': 'Verfügbare Punkte',
    'club.member.pending': 'Noch nicht verfügbar',
    'club.member.expiring': 'Verfallen in 30 Tagen',
    'club.member.balance': 'Saldo',
    'club.member.debt': 'Punkteschuld',
    'club.member.earned': 'Punkte im Stufenzeitraum',
    'club.member.next': 'Nächste Stufe',
    'club.member.next.text': '{tier}: noch {points} Punkte',
    'club.member.top': 'Höchste Stufe erreicht',
    'club.member.bonus_percent': 'Stufenbonus',
    'club.member.benefits': 'Vorteile',
    'club.member.redeemable': 'Einlösbar',
    'club.member.redeemable.text': '{blocks} × {block} Punkte = {money}',
    'club.member.referred': 'Geworben von',
    'club.history.title': 'Punkteauszug',
    'club.history.day': 'Datum',
    'club.history.kind': 'Art',
    'club.history.points': 'Punkte',
    'club.history.reference': 'Bezug',
    'club.history.balance': 'Saldo danach',
    'club.history.expires': 'Verfällt nach',
    'club.history.none': 'Noch keine Buchungen.',
    'club.history.newest': 'Neueste zuerst.',
    'club.history.truncated': 'Nur die ersten {n} Buchungen geladen.',
    'club.history.failed': 'Auszug nicht verfügbar: {error}',
    'club.kind.earn': 'Einkauf',
    'club.kind.bonus': 'Bonus',
    'club.kind.reverse': 'Retoure',
    'club.kind.redeem': 'Eingelöst',
    'club.kind.restore': 'Zurückgebucht',
    'club.kind.expire': 'Verfallen',
    'club.bonus.title': 'Bonuspunkte gutschreiben',
    'club.bonus.points': 'Punkte',
    'club.bonus.reason': 'Grund',
    'club.bonus.reason.hint': 'Erscheint im Punkteauszug, z. B. „Entschuldigung für Lieferverzug“.',
    'club.bonus.submit': 'Gutschreiben',
    'club.bonus.done': '{points} Punkte gutgeschrieben. Jetzt verfügbar: {available}.',
    'club.redeem.title': 'Punkte einlösen',
    'club.redeem.points': 'Punkte',
    'club.redeem.hint': 'Vielfache von {block} Punkten; {block} Punkte = {money}.',
    'club.redeem.submit': 'Gutschein erstellen',
    'club.redeem.done': '{points} Punkte eingelöst: Gutschein über {money}, gültig bis {date}.',
    'club.redeem.code': 'Gutscheincode',
    'club.error.points': 'Bitte eine ganze Zahl größer als 0 eingeben.',
    'club.error.reason': 'Bitte einen Grund angeben.',
    'club.error.block': 'Nur Vielfache von {block} Punkten können eingelöst werden.',
    'club.error.available': 'Nicht genug Punkte: verfügbar sind {available}.',
    'club.readonly': 'Nur lesen: Punkte buchen dürfen Administration und Kasse.',
  },
  en: {
    'club.title': 'Kunden-Club',
    'club.asof': 'As of {date}',
    'club.lookup.title': 'Find a member',
    'club.lookup.intro': 'Enter the customer id to see a member’s points statement.',
    'club.lookup.id': 'Customer id',
    'club.lookup.submit': 'Show statement',
    'club.lookup.empty': 'Please enter a customer id.',
    'club.kpi.members': 'Members',
    'club.kpi.points': 'Points outstanding',
    'club.kpi.value': 'Value of points outstanding',
    'club.kpi.pending': 'Not yet available',
    'club.kpi.awaiting': 'Past expiry, not yet booked out',
    'club.kpi.debt': 'Points owed (returns)',
    'club.tiers.title': 'Members per tier',
    'club.tiers.tier': 'Tier',
    'club.tiers.members': 'Members',
    'club.tiers.share': 'Share',
    'club.tiers.points': 'Points',
    'club.tiers.value': 'Value',
    'club.age.title': 'Points outstanding by age',
    'club.age.age': 'Age',
    'club.age.0-6 months': '0–6 months',
    'club.age.6-12 months': '6–12 months',
    'club.age.1-2 years': '1–2 years',
    'club.age.over 2 years': 'over 2 years',
    'club.activity.title': 'Points per month: issued, redeemed, expired',
    'club.activity.from': 'From month',
    'club.activity.to': 'To month',
    'club.activity.apply': 'Show',
    'club.activity.month': 'Month',
    'club.activity.given': 'Issued (purchases + bonus)',
    'club.activity.issued': 'From purchases',
    'club.activity.bonus': 'Bonus',
    'club.activity.redeemed': 'Redeemed',
    'club.activity.restored': 'Restored',
    'club.activity.expired': 'Expired',
    'club.activity.returned': 'Returns',
    'club.activity.new_members': 'New members',
    'club.activity.total': 'Total',
    'club.activity.failed': 'Monthly figures not available: {error}',
    'club.activity.none': 'No points moved in this period.',
    'club.program.title': 'Program rules',
    'club.program.earn': 'Earning',
    'club.program.earn.text': '1 point per {money} spent',
    'club.program.window': 'Tier by points in {n} months, held for {h} months',
    'club.program.threshold': 'From points',
    'club.program.bonus': 'Bonus',
    'club.program.benefits': 'Benefits',
    'club.program.redeem': 'Redeeming',
    'club.program.redeem.text': '{points} points = voucher of {money}, valid {months} months',
    'club.program.expiry': 'Expiry',
    'club.program.expiry.text': 'At the end of the year, {n} years after earning',
    'club.program.pending': 'Waiting time',
    'club.program.pending.text': '{n} days until points are available',
    'club.program.extra': 'Special points',
    'club.program.extra.text': 'Birthday {b}, referral {r1} (referrer) / {r2} (new member), contract renewal {v}',
    'club.program.promotions': 'Promotions',
    'club.program.promotions.text': '{n} running promotions',
    'club.benefit.exclusive_offers': 'Exclusive offers',
    'club.benefit.personal_consultation': 'Personal consultation',
    'club.benefit.event_invitations': 'Event invitations',
    'club.member.title': 'Kunden-Club: {id}',
    'club.member.back': 'Back to the Kunden-Club',
    'club.member.profile': 'Open customer profile',
    'club.member.statement': 'Points',
    'club.member.notmember': 'Customer {id} is not a member of the Kunden-Club.',
    'club.member.enroll': 'Enrol as member',
    'club.member.enrolled': 'Customer {id} is now a member.',
    'club.member.tier': 'Tier',
    'club.member.since': 'Member since',
    'club.member.tier_since': 'Tier since',
    'club.member.held_until': 'Tier kept until',
    'club.member.available': 'Points available',
    'club.member.pending': 'Not yet available',
    'club.member.expiring': 'Expiring in 30 days',
    'club.member.balance': 'Balance',
    'club.member.debt': 'Points owed',
    'club.member.earned': 'Points in the tier window',
    'club.member.next': 'Next tier',
    'club.member.next.text': '{tier}: {points} points to go',
    'club.member.top': 'Top tier reached',
    'club.member.bonus_percent': 'Tier bonus',
    'club.member.benefits': 'Benefits',
    'club.member.redeemable': 'Redeemable',
    'club.member.redeemable.text': '{blocks} × {block} points = {money}',
    'club.member.referred': 'Referred by',
    'club.history.title': 'Points statement',
    'club.history.day': 'Date',
    'club.history.kind': 'Kind',
    'club.history.points': 'Points',
    'club.history.reference': 'Reference',
    'club.history.balance': 'Balance after',
    'club.history.expires': 'Expires after',
    'club.history.none': 'No entries yet.',
    'club.history.newest': 'Newest first.',
    'club.history.truncated': 'Only the first {n} entries loaded.',
    'club.history.failed': 'Statement not available: {error}',
    'club.kind.earn': 'Purchase',
    'club.kind.bonus': 'Bonus',
    'club.kind.reverse': 'Return',
    'club.kind.redeem': 'Redeemed',
    'club.kind.restore': 'Restored',
    'club.kind.expire': 'Expired',
    'club.bonus.title': 'Grant bonus points',
    'club.bonus.points': 'Points',
    'club.bonus.reason': 'Reason',
    'club.bonus.reason.hint': 'Shown in the statement, e.g. “Sorry for the late delivery”.',
    'club.bonus.submit': 'Grant',
    'club.bonus.done': '{points} points granted. Now available: {available}.',
    'club.redeem.title': 'Redeem points',
    'club.redeem.points': 'Points',
    'club.redeem.hint': 'Multiples of {block} points; {block} points = {money}.',
    'club.redeem.submit': 'Make voucher',
    'club.redeem.done': '{points} points redeemed: voucher of {money}, valid until {date}.',
    'club.redeem.code': 'Voucher code',
    'club.error.points': 'Please enter a whole number above 0.',
    'club.error.reason': 'Please give a reason.',
    'club.error.block': 'Only multiples of {block} points can be redeemed.',
    'club.error.available': 'Not enough points: {available} are available.',
    'club.readonly': 'Read only: points are booked by administration and the till.',
  },
};

const HISTORY_PAGE = 500; // entries per history request (the server's page limit)
const HISTORY_MAX = 10000; // entries loaded at most for one statement
const SHOWN = 50; // statement rows per page on screen

// "2025-03" of a Date (local time).
const monthOf = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
// The month n months before "YYYY-MM".
function monthsBack(ym, n) {
  const [y, m] = ym.split('-').map(Number);
  const d = new Date(y, m - 1 - n, 1);
  return monthOf(d);
}
const validMonth = (s) => /^\d{4}-\d{2}$/.test(s || '');

// A fresh id for one write request (the loyalty routes' idempotency key).
function requestId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

// The redemption block and its value from the program (500 points, 5.00 €).
function blockOf(program) {
  return { points: program?.redeem_block_points || 500, cents: program?.block_value_cents ?? 500 };
}

// The form to open a member's statement; `value` prefills the id.
function lookupForm(ctx, value) {
  const { t } = ctx;
  const input = el('input', { id: 'member-id', name: 'customer_id', type: 'text', autocomplete: 'off', spellcheck: 'false', value: value || '', 'aria-describedby': 'member-id-error' });
  const err = el('div', { class: 'field-error', id: 'member-id-error', 'aria-live': 'polite' });
  const f = field(t('club.lookup.id'), input);
  f.append(err);
  const form = el('form', { id: 'member-lookup', class: 'filters', novalidate: true, role: 'search' },
    f, el('button', { type: 'submit', class: 'primary', id: 'member-lookup-submit' }, t('club.lookup.submit')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const id = input.value.trim();
    if (!id) {
      showFieldError(input, err, t('club.lookup.empty'));
      return input.focus();
    }
    showFieldError(input, err, null);
    ctx.go(`club/${encodeURIComponent(id)}`);
  });
  return form;
}

// Marks an input invalid with a message beside it (text null: valid again).
function showFieldError(input, box, text) {
  if (text) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  fill(box, text ? el('span', { class: 'error-text' }, text) : null);
}

// The liability's KPI tiles.
function liabilityTiles(ctx, l) {
  const { t, fmt } = ctx;
  const cur = l.currency || 'EUR';
  return el('div', { class: 'kpis', id: 'club-liability' },
    kpiTile({ id: 'club-members', label: t('club.kpi.members'), value: fmt.number(l.members) }),
    kpiTile({ id: 'club-points', label: t('club.kpi.points'), value: fmt.number(l.points_outstanding) }),
    kpiTile({ id: 'club-value', label: t('club.kpi.value'), value: fmt.money(l.value_cents, cur) }),
    kpiTile({ id: 'club-pending', label: t('club.kpi.pending'), value: fmt.number(l.points_pending ?? l.pending) }),
    kpiTile({ id: 'club-awaiting', label: t('club.kpi.awaiting'), value: fmt.number(l.points_awaiting_expiry) }),
    kpiTile({ id: 'club-debt', label: t('club.kpi.debt'), value: fmt.number(l.debt_points) }));
}

// A bar as wide as share (0..1) of its cell, for a table's share column.
function shareBar(share, color) {
  const pct = Math.max(0, Math.min(1, share || 0)) * 100;
  return el('div', { class: 'club-bar', 'aria-hidden': 'true' }, el('div', { style: { width: `${pct}%`, background: color } }));
}

// Members, points and value per tier with a share bar.
function tierTable(ctx, l) {
  const { t, fmt } = ctx;
  const cur = l.currency || 'EUR';
  const rows = l.by_tier || [];
  const total = rows.reduce((a, r) => a + (r.members || 0), 0);
  return table([
    { key: 'tier', label: t('club.tiers.tier') },
    { key: 'members', label: t('club.tiers.members'), num: true, render: (r) => fmt.number(r.members) },
    { key: 'share', label: t('club.tiers.share'), render: (r) => el('div', { class: 'club-share' }, shareBar(total ? r.members / total : 0, colors[0]), el('span', {}, fmt.share(total ? r.members / total : null))) },
    { key: 'points', label: t('club.tiers.points'), num: true, render: (r) => fmt.number(r.points) },
    { key: 'value', label: t('club.tiers.value'), num: true, render: (r) => fmt.money(r.value_cents, cur) },
  ], rows);
}

// Points outstanding by their age.
function ageTable(ctx, l) {
  const { t, fmt } = ctx;
  const cur = l.currency || 'EUR';
  const rows = l.by_age || [];
  const total = rows.reduce((a, r) => a + (r.points || 0), 0);
  const ageName = (a) => (t(`club.age.${a}`) === `club.age.${a}` ? a : t(`club.age.${a}`));
  return table([
    { key: 'age', label: t('club.age.age'), render: (r) => ageName(r.age) },
    { key: 'points', label: t('club.tiers.points'), num: true, render: (r) => fmt.number(r.points) },
    { key: 'share', label: t('club.tiers.share'), render: (r) => el('div', { class: 'club-share' }, shareBar(total ? r.points / total : 0, colors[2]), el('span', {}, fmt.share(total ? r.points / total : null))) },
    { key: 'value', label: t('club.tiers.value'), num: true, render: (r) => fmt.money(r.value_cents, cur) },
  ], rows);
}

// The months to show: leading months without any movement are left out.
function activeMonths(months) {
  const moved = (m) => ['issued', 'bonus', 'redeemed', 'restored', 'expired', 'returned', 'new_members'].some((k) => (m[k] || 0) !== 0);
  const first = months.findIndex(moved);
  return first < 0 ? [] : months.slice(first);
}

// The activity card's body: a grouped bar chart and the numbers as a table.
function activityBody(ctx, activity, chartBox) {
  const { t, fmt } = ctx;
  const months = activity.months || [];
  if (!activeMonths(months).length) return { body: message('info', t('club.activity.none')), draw: null };
  const sum = (k) => months.reduce((a, m) => a + (m[k] || 0), 0);
  const total = { month: null, total: true };
  for (const k of ['issued', 'bonus', 'redeemed', 'restored', 'expired', 'returned', 'new_members']) total[k] = sum(k);
  const n = (k) => (r) => (r.total ? el('strong', {}, fmt.number(r[k])) : fmt.number(r[k]));
  const tbl = table([
    { key: 'month', label: t('club.activity.month'), render: (r) => (r.total ? el('strong', {}, t('club.activity.total')) : fmt.month(r.month)) },
    { key: 'issued', label: t('club.activity.issued'), num: true, render: n('issued') },
    { key: 'bonus', label: t('club.activity.bonus'), num: true, render: n('bonus') },
    { key: 'redeemed', label: t('club.activity.redeemed'), num: true, render: n('redeemed') },
    { key: 'restored', label: t('club.activity.restored'), num: true, render: n('restored') },
    { key: 'expired', label: t('club.activity.expired'), num: true, render: n('expired') },
    { key: 'returned', label: t('club.activity.returned'), num: true, render: n('returned') },
    { key: 'new_members', label: t('club.activity.new_members'), num: true, render: n('new_members') },
  ], [...months].reverse().concat([total]));
  tbl.id = 'club-activity-table';
  const draw = () => barChart(chartBox, {
    title: t('club.activity.title'),
    labels: months.map((m) => fmt.month(m.month, true)),
    xLabel: t('club.activity.month'),
    format: (v) => fmt.number(v),
    series: [
      { label: t('club.activity.given'), values: months.map((m) => (m.issued || 0) + (m.bonus || 0)), color: colors[0] },
      { label: t('club.activity.redeemed'), values: months.map((m) => Math.abs(m.redeemed || 0)), color: colors[1] },
      { label: t('club.activity.expired'), values: months.map((m) => Math.abs(m.expired || 0)), color: colors[5] },
    ],
  });
  return { body: el('div', {}, chartBox, tbl), draw };
}

// The month range form of the activity card (?from=&to=).
function activityRange(ctx, from, to) {
  const { t } = ctx;
  const fromInput = el('input', { type: 'month', id: 'club-activity-from', value: from, max: to });
  const toInput = el('input', { type: 'month', id: 'club-activity-to', value: to });
  const form = el('form', { class: 'filters', novalidate: true },
    field(t('club.activity.from'), fromInput), field(t('club.activity.to'), toInput),
    el('button', { type: 'submit' }, t('club.activity.apply')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = {};
    if (validMonth(fromInput.value)) q.from = fromInput.value;
    if (validMonth(toInput.value)) q.to = toInput.value;
    ctx.go('club', q);
  });
  return form;
}

// The program's rules in short.
function programSummary(ctx, p) {
  const { t, fmt } = ctx;
  const cur = p.currency || 'EUR';
  const block = blockOf(p);
  const benefit = (b) => (t(`club.benefit.${b}`) === `club.benefit.${b}` ? b : t(`club.benefit.${b}`));
  const facts = [
    [t('club.program.earn'), t('club.program.earn.text', { money: fmt.money(p.cents_per_point ?? 100, cur) })],
    [t('club.program.redeem'), t('club.program.redeem.text', { points: fmt.number(block.points), money: fmt.money(block.cents, cur), months: p.voucher_valid_months ?? '–' })],
    [t('club.program.expiry'), t('club.program.expiry.text', { n: p.expiry_years_after ?? '–' })],
    p.pending_days ? [t('club.program.pending'), t('club.program.pending.text', { n: p.pending_days })] : null,
    [t('club.program.extra'), t('club.program.extra.text', {
      b: fmt.number(p.birthday_points), r1: fmt.number(p.referral_points_referrer), r2: fmt.number(p.referral_points_new_member), v: fmt.number(p.renewal_points),
    })],
    [t('club.program.promotions'), t('club.program.promotions.text', { n: (p.promotions || []).length })],
  ].filter(Boolean);
  return el('div', { id: 'club-program-body' },
    table([
      { key: 'name', label: t('club.tiers.tier') },
      { key: 'threshold', label: t('club.program.threshold'), num: true, render: (r) => fmt.number(r.threshold) },
      { key: 'bonus_percent', label: t('club.program.bonus'), num: true, render: (r) => fmt.percent(r.bonus_percent, 0) },
      { key: 'benefits', label: t('club.program.benefits'), render: (r) => ((r.benefits || []).length ? r.benefits.map(benefit).join(', ') : '–') },
    ], p.tiers || [], { caption: t('club.program.window', { n: p.tier_window_months ?? '–', h: p.tier_hold_months ?? '–' }) }),
    el('dl', { class: 'facts club-facts' }, facts.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])));
}

// #/club: the figures (admin, analyst) and the member lookup.
async function renderClub(view, ctx) {
  const { api, t, fmt, query } = ctx;
  if (!ctx.can('admin', 'analyst')) {
    fill(view, pageHeader(t('club.title')),
      card(t('club.lookup.title'), el('div', {}, el('p', {}, t('club.lookup.intro')), lookupForm(ctx)), { id: 'club-lookup' }));
    return;
  }
  const to = validMonth(query.get('to')) ? query.get('to') : monthOf(new Date());
  const from = validMonth(query.get('from')) && query.get('from') <= to ? query.get('from') : null;
  const [liability, activity, program] = await Promise.all([
    api.get('loyalty/liability'),
    api.get('loyalty/activity', { from: from || monthsBack(to, 23), to }).catch((e) => e),
    api.get('loyalty/program').catch(() => null),
  ]);
  const chartBox = el('div', { class: 'chart', id: 'chart-club-activity' });
  let activityPart;
  let draw = null;
  if (activity instanceof Error) {
    activityPart = message('error', t('club.activity.failed', { error: errorText(activity) }));
  } else {
    const months = from ? activity.months || [] : activeMonths(activity.months || []);
    const shownFrom = months.length ? months[0].month : from || monthsBack(to, 11);
    const a = activityBody(ctx, { ...activity, months }, chartBox);
    activityPart = el('div', {}, activityRange(ctx, shownFrom, to), a.body);
    draw = a.draw;
  }
  fill(view,
    pageHeader(t('club.title'), lookupForm(ctx)),
    el('p', { class: 'muted', id: 'club-asof' }, t('club.asof', { date: fmt.date(liability.as_of) })),
    liabilityTiles(ctx, liability),
    el('div', { class: 'grid' },
      card(t('club.tiers.title'), tierTable(ctx, liability), { id: 'club-tiers' }),
      card(t('club.age.title'), ageTable(ctx, liability), { id: 'club-age' })),
    el('div', { class: 'stack club-stack' },
      card(t('club.activity.title'), activityPart, { id: 'club-activity' }),
      program ? card(t('club.program.title'), programSummary(ctx, program), { id: 'club-program' }) : null));
  if (draw) draw();
}

// All of a member's ledger entries (oldest first), at most HISTORY_MAX.
async function loadHistory(api, id) {
  const entries = [];
  let after = null;
  for (;;) {
    const page = await api.get(`loyalty/members/${encodeURIComponent(id)}/history`, { after, limit: HISTORY_PAGE });
    entries.push(...(page.entries || []));
    after = page.next_after;
    if (after === null || after === undefined) return { entries, truncated: false };
    if (entries.length >= HISTORY_MAX) return { entries, truncated: true };
  }
}

// The member's facts: tier, points, next tier, benefits.
function statementFacts(ctx, m, program) {
  const { t, fmt } = ctx;
  const cur = program?.currency || 'EUR';
  const block = blockOf(program);
  const blocks = Math.floor(Math.max(0, m.points_available || 0) / block.points);
  const benefit = (b) => (t(`club.benefit.${b}`) === `club.benefit.${b}` ? b : t(`club.benefit.${b}`));
  const rows = [
    [t('club.member.tier'), el('span', { class: 'badge', id: 'member-tier' }, m.tier ?? '–')],
    [t('club.member.available'), el('strong', { id: 'member-points', 'data-points': m.points_available ?? '' }, fmt.number(m.points_available))],
    [t('club.member.redeemable'), t('club.member.redeemable.text', { blocks: fmt.number(blocks), block: fmt.number(block.points), money: fmt.money(blocks * block.cents, cur) })],
    [t('club.member.pending'), fmt.number(m.points_pending)],
    [t('club.member.expiring'), fmt.number(m.points_expiring_30d)],
    m.debt ? [t('club.member.debt'), fmt.number(m.debt)] : null,
    [t('club.member.balance'), fmt.number(m.balance)],
    [t('club.member.earned'), fmt.number(m.points_earned_12m)],
    [t('club.member.next'), m.next_tier ? t('club.member.next.text', { tier: m.next_tier, points: fmt.number(m.points_to_next_tier) }) : t('club.member.top')],
    [t('club.member.bonus_percent'), fmt.percent(m.bonus_percent ?? null, 0)],
    [t('club.member.benefits'), (m.benefits || []).length ? m.benefits.map(benefit).join(', ') : '–'],
    [t('club.member.since'), fmt.date(m.member_since)],
    [t('club.member.tier_since'), fmt.date(m.tier_since)],
    [t('club.member.held_until'), fmt.date(m.tier_held_until)],
    m.referred_by ? [t('club.member.referred'), m.referred_by] : null,
  ].filter(Boolean);
  return el('dl', { class: 'facts' }, rows.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

// A table (ui.table) that scrolls sideways on a phone instead of squeezing its text.
function wideTable(columns, rows, opts) {
  const wrap = table(columns, rows, opts);
  wrap.classList.add('wide-table');
  return wrap;
}

// The ledger, newest first, with the balance after each entry (known
// only when every entry is loaded), SHOWN rows a page.
function historyTable(ctx, history, box, offset = 0) {
  const { t, fmt } = ctx;
  const entries = history.entries;
  if (!entries.length) return fill(box, el('p', { class: 'muted' }, t('club.history.none')));
  let running = 0;
  const rows = entries.map((e) => ({ ...e, after: history.truncated ? null : (running += e.points || 0) })).reverse();
  const page = rows.slice(offset, offset + SHOWN);
  const kind = (k) => (t(`club.kind.${k}`) === `club.kind.${k}` ? k : t(`club.kind.${k}`));
  fill(box,
    el('p', { class: 'muted' }, t('club.history.newest'), history.truncated ? ` ${t('club.history.truncated', { n: fmt.number(entries.length) })}` : ''),
    wideTable([
      { key: 'day', label: t('club.history.day'), render: (r) => fmt.date(r.day) },
      { key: 'kind', label: t('club.history.kind'), render: (r) => kind(r.kind) },
      { key: 'points', label: t('club.history.points'), num: true, render: (r) => el('span', { class: r.points < 0 ? 'club-debit' : 'club-credit' }, `${r.points > 0 ? '+' : ''}${fmt.number(r.points)}`) },
      { key: 'reference', label: t('club.history.reference'), render: (r) => r.reference || '–' },
      { key: 'after', label: t('club.history.balance'), num: true, render: (r) => fmt.number(r.after) },
      { key: 'expires_after', label: t('club.history.expires'), render: (r) => (r.points > 0 && r.expires_after ? fmt.date(r.expires_after) : '–') },
    ], page),
    rows.length > SHOWN ? pager({ offset, limit: SHOWN, total: rows.length, onPage: (o) => historyTable(ctx, history, box, o) }) : null);
}

// A form with fields, an error slot under each and a result area.
function formBox(id, fields, button, result) {
  return el('form', { id, class: 'club-form', novalidate: true }, el('div', { class: 'filters' }, fields), el('div', {}, button), result);
}

// A numeric input with its label and error slot: { input, err, node }.
function inputField(label, attrs, hint) {
  const input = el('input', { ...attrs, 'aria-describedby': `${attrs.id}-error` });
  const err = el('div', { class: 'field-error', id: `${attrs.id}-error`, 'aria-live': 'polite' });
  const node = field(label, input, hint);
  node.append(err);
  return { input, err, node };
}

// A whole number > 0 from an input, or null.
function positiveInt(input) {
  const s = input.value.trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n > 0 && Number.isSafeInteger(n) ? n : null;
}

// Puts a failed call's problem next to the field it names (problem+json
// `field` or `errors[].field`; fields: name -> { input, err }), or into `general`.
function showProblem(e, fields, general) {
  const named = (e.errors || []).find((x) => fields[x.field]);
  const f = fields[e.field] || (named && fields[named.field]);
  const text = named?.message || e.problem?.detail || errorText(e);
  if (f) {
    showFieldError(f.input, f.err, text);
    f.input.focus();
  } else {
    fill(general, message('error', errorText(e)));
  }
}

// Remembers a request id per request body, so that a repeated click of
// the same request is answered once and a changed request gets a new id.
function idFor(state, body) {
  const key = JSON.stringify(body);
  if (state.key !== key) {
    state.key = key;
    state.id = requestId();
  }
  return state.id;
}

// The bonus form (admin): points and a reason.
function bonusForm(ctx, id, refresh) {
  const { api, t, fmt } = ctx;
  const points = inputField(t('club.bonus.points'), { id: 'bonus-points', type: 'number', min: 1, step: 1, inputmode: 'numeric', required: true });
  const reason = inputField(t('club.bonus.reason'), { id: 'bonus-reason', type: 'text', maxlength: 500, required: true, autocomplete: 'off' }, t('club.bonus.reason.hint'));
  reason.node.classList.add('club-wide');
  const button = el('button', { type: 'submit', class: 'primary', id: 'bonus-submit' }, t('club.bonus.submit'));
  const result = el('div', { id: 'bonus-result', 'aria-live': 'polite' });
  const form = formBox('bonus-form', [points.node, reason.node], button, result);
  const state = {};
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    fill(result);
    const n = positiveInt(points.input);
    const why = reason.input.value.trim();
    showFieldError(points.input, points.err, n ? null : t('club.error.points'));
    showFieldError(reason.input, reason.err, why ? null : t('club.error.reason'));
    if (!n) return points.input.focus();
    if (!why) return reason.input.focus();
    const body = { customer_id: id, kind: 'surprise', points: n, reason: why };
    button.disabled = true;
    try {
      const r = await api.post('loyalty/bonuses', { request_id: idFor(state, body), ...body });
      state.key = null;
      points.input.value = '';
      reason.input.value = '';
      fill(result, message('ok', t('club.bonus.done', { points: fmt.number(r.points ?? n), available: fmt.number(r.points_available) })));
      await refresh();
    } catch (e) {
      showProblem(e, { points, reason }, result);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

// The redemption form (admin, till): blocks of points into a voucher.
function redeemForm(ctx, id, program, member, refresh) {
  const { api, t, fmt } = ctx;
  const cur = program?.currency || 'EUR';
  const block = blockOf(program);
  const points = inputField(t('club.redeem.points'), { id: 'redeem-points', type: 'number', min: block.points, step: block.points, inputmode: 'numeric', value: block.points, required: true },
    t('club.redeem.hint', { block: fmt.number(block.points), money: fmt.money(block.cents, cur) }));
  const button = el('button', { type: 'submit', class: 'primary', id: 'redeem-submit' }, t('club.redeem.submit'));
  const result = el('div', { id: 'redeem-result', 'aria-live': 'polite' });
  const form = formBox('redeem-form', [points.node], button, result);
  const state = {};
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    fill(result);
    const n = positiveInt(points.input);
    const available = member().points_available ?? 0;
    let problem = null;
    if (!n) problem = t('club.error.points');
    else if (n % block.points) problem = t('club.error.block', { block: fmt.number(block.points) });
    else if (n > available) problem = t('club.error.available', { available: fmt.number(available) });
    showFieldError(points.input, points.err, problem);
    if (problem) return points.input.focus();
    const body = { customer_id: id, points: n };
    button.disabled = true;
    try {
      const r = await api.post('loyalty/redemptions', { request_id: idFor(state, body), ...body });
      state.key = null;
      const v = r.voucher || {};
      fill(result, el('div', { class: 'message ok', role: 'status' },
        t('club.redeem.done', { points: fmt.number(v.points ?? n), money: fmt.money(v.value_cents, v.currency || cur), date: fmt.date(v.expires_at) }),
        el('div', { class: 'club-voucher' }, el('span', { class: 'muted' }, `${t('club.redeem.code')}: `), el('strong', { id: 'redeem-code' }, v.code || '–'))));
      result.setAttribute('data-code', v.code || '');
      await refresh();
    } catch (e) {
      showProblem(e, { points }, result);
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

// #/club/:id: a member's statement with the write forms the role allows.
async function renderMember(view, ctx, id) {
  const { api, t } = ctx;
  const memberPath = `loyalty/members/${encodeURIComponent(id)}`;
  // The ledger is asked for once the member is known (a non-member: one failed call, not two).
  const [member, program] = await Promise.all([
    api.get(memberPath).catch((e) => e),
    api.get('loyalty/program').catch(() => null),
  ]);
  const history = member instanceof Error ? null : await loadHistory(api, id).catch((e) => e);
  const header = pageHeader(t('club.member.title', { id }), lookupForm(ctx, id));
  const links = el('p', { class: 'club-links' },
    el('a', { href: '#/club', id: 'club-back' }, t('club.member.back')),
    ctx.can('admin', 'analyst') ? [' · ', el('a', { href: `#/customers/${encodeURIComponent(id)}`, id: 'member-profile' }, t('club.member.profile'))] : null);
  if (member instanceof Error) {
    if (member.status !== 404) throw member;
    fill(view, header, links, el('div', { id: 'member-statement' }, message('info', t('club.member.notmember', { id })), enrollButton(ctx, id)));
    return;
  }
  let current = member;
  const factsBox = el('div', {}, statementFacts(ctx, member, program));
  const historyBox = el('div', { id: 'member-history' });
  if (history instanceof Error) fill(historyBox, message('error', t('club.history.failed', { error: errorText(history) })));
  else historyTable(ctx, history, historyBox);
  // Reads the member and the ledger again after a booking.
  const refresh = async () => {
    const [m, h] = await Promise.all([api.get(memberPath), loadHistory(api, id).catch((e) => e)]);
    current = m;
    fill(factsBox, statementFacts(ctx, m, program));
    if (h instanceof Error) fill(historyBox, message('error', t('club.history.failed', { error: errorText(h) })));
    else historyTable(ctx, h, historyBox);
  };
  const actions = [];
  if (ctx.can('admin', 'shop')) actions.push(card(t('club.redeem.title'), redeemForm(ctx, id, program, () => current, refresh), { id: 'club-redeem' }));
  if (ctx.can('admin')) actions.push(card(t('club.bonus.title'), bonusForm(ctx, id, refresh), { id: 'club-bonus' }));
  fill(view, header, links,
    el('div', { class: 'grid' },
      card(t('club.member.statement'), factsBox, { id: 'member-statement' }),
      actions.length ? el('div', { class: 'club-actions' }, actions) : el('p', { class: 'muted' }, t('club.readonly'))),
    card(t('club.history.title'), historyBox, { id: 'member-ledger', class: 'club-ledger' }));
}

// Enrols a customer who is not a member yet (admin, till), then shows the statement.
function enrollButton(ctx, id) {
  if (!ctx.can('admin', 'shop')) return null;
  const { api, t } = ctx;
  const result = el('div', { id: 'member-enroll-result', 'aria-live': 'polite' });
  const button = el('button', { type: 'button', class: 'primary', id: 'member-enroll' }, t('club.member.enroll'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    fill(result, loading());
    try {
      await api.post('loyalty/members', { customer_id: id });
      ctx.rerender();
    } catch (e) {
      fill(result, message('error', errorText(e)));
      button.disabled = false;
    }
  });
  return el('div', {}, button, result);
}

export default async function render(view, ctx) {
  if (ctx.params.id) return renderMember(view, ctx, ctx.params.id);
  return renderClub(view, ctx);
}
