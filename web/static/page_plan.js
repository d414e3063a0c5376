// Kommunikationskalender / contact plan: a day's plan by trigger and
// channel, who was held back by which rule, the planned contacts page by
// page; committing and sending the day (admin) and the day's send log; one
// customer's contact history.
import { card, el, errorText, field, fill, kpiTile, loading, message, pageHeader, pager, table } from './ui.js';
import { colors } from './charts.js';

export const texts = {
  de: {
    'plan.title': 'Kommunikationskalender',
    'plan.date': 'Tag',
    'plan.show': 'Anzeigen',
    'plan.intro': 'Je Kunde höchstens ein Kontakt am Tag – innerhalb von Recht (Einwilligung, Widerspruch) und Kontaktregeln.',
    'plan.kpi.planned': 'Geplante Kontakte',
    'plan.kpi.candidates': 'Kunden mit Anlass',
    'plan.kpi.customers': 'Kunden geprüft',
    'plan.kpi.already': 'Schon festgeschrieben',
    'plan.kpi.held': 'Zurückgehaltene Vorschläge',
    'plan.by_trigger': 'Kontakte nach Anlass',
    'plan.by_channel': 'Kontakte nach Kanal',
    'plan.trigger': 'Anlass',
    'plan.channel': 'Kanal',
    'plan.count': 'Anzahl',
    'plan.share': 'Anteil',
    'plan.held.title': 'Zurückgehalten nach Regel',
    'plan.held.rule': 'Regel',
    'plan.held.list': 'Wer wurde zurückgehalten?',
    'plan.held.none': 'Niemand wurde zurückgehalten.',
    'plan.held.failed': 'Liste nicht verfügbar: {error}',
    'plan.contacts.title': 'Geplante Kontakte',
    'plan.contacts.none': 'Für diesen Tag ist kein Kontakt geplant.',
    'plan.customer': 'Kunde',
    'plan.reason': 'Grund',
    'plan.template': 'Vorlage',
    'plan.offer': 'Angebot',
    'plan.offer.points': '{n} Punkte',
    'plan.offer.voucher': 'Gutschein {money}',
    'plan.actions.title': 'Festschreiben und senden',
    'plan.actions.intro': 'Festschreiben hält die geplanten Kontakte fest (sie zählen dann für die Kontaktregeln der folgenden Tage). Senden verschickt die festgeschriebenen E-Mails und legt Brief-, SMS- und Telefonlisten an.',
    'plan.commit': 'Plan festschreiben',
    'plan.commit.done': '{recorded} Kontakte festgeschrieben, {already} waren es schon.',
    'plan.commit.calls': '{n} Zufriedenheitsanrufe als Aufgaben angelegt.',
    'plan.send': 'Senden',
    'plan.send.export': 'E-Mails als Datei exportieren',
    'plan.send.done': '{contacts} Kontakte bearbeitet: {sent} gesendet, {exported} exportiert, {failed} fehlgeschlagen.',
    'plan.send.more': 'Schon vorher erledigt: {done}; gerade in Arbeit: {progress}; zurückgestellt: {deferred}.',
    'plan.send.deferred': 'Zurückgestellt: {reason}',
    'plan.send.lists': 'Arbeitslisten',
    'plan.send.file': 'Datei',
    'plan.send.failures': 'Fehlgeschlagen',
    'plan.send.noemail': 'E-Mail-Versand ist nicht eingerichtet: {detail}',
    'plan.send.nosmtp': 'In der Konfiguration des Servers fehlt [contact.smtp]. Die E-Mails können als Datei für ein Newsletter-Werkzeug exportiert werden.',
    'plan.readonly': 'Nur lesen: festschreiben und senden darf die Administration.',
    'plan.log.title': 'Versandprotokoll',
    'plan.log.none': 'Für diesen Tag ist nichts festgeschrieben.',
    'plan.log.failed': 'Versandprotokoll nicht verfügbar: {error}',
    'plan.status': 'Status',
    'plan.sent_at': 'Gesendet',
    'plan.error': 'Fehler',
    'plan.day': 'Tag',
    'plan.history.title': 'Kontakthistorie eines Kunden',
    'plan.history.id': 'Kundennummer',
    'plan.history.show': 'Historie anzeigen',
    'plan.history.empty': 'Bitte eine Kundennummer eingeben.',
    'plan.history.none': 'Noch keine Kontakte.',
    'plan.history.of': 'Kontakte von {id} (neueste zuerst)',
    'plan.trigger.service_problem': 'Serviceproblem',
    'plan.trigger.feedback_request': 'Feedback-Anfrage',
    'plan.trigger.renewal': 'Vertragsverlängerung',
    'plan.trigger.tier_change': 'Neue Club-Stufe',
    'plan.trigger.points_expiring': 'Punkte verfallen bald',
    'plan.trigger.birthday': 'Geburtstag',
    'plan.trigger.event_invitation': 'Einladung zur Veranstaltung',
    'plan.trigger.review_invitation': 'Bitte um Bewertung',
    'plan.trigger.milestone': 'Meilenstein',
    'plan.trigger.surprise': 'Überraschung',
    'plan.trigger.keep_in_touch': 'In Kontakt bleiben',
    'plan.trigger.win_back': 'Rückgewinnung',
    'plan.trigger.new_in_category': 'Neu in der Lieblingskategorie',
    'plan.channel.email': 'E-Mail',
    'plan.channel.sms': 'SMS',
    'plan.channel.phone': 'Telefon',
    'plan.channel.letter': 'Brief',
    'plan.rule.law:no_consent': 'Recht: keine Einwilligung für den Kanal',
    'plan.rule.law:objection': 'Recht: Widerspruch',
    'plan.rule.law:unreachable': 'Recht: über keinen Kanal erreichbar',
    'plan.rule.law:uwg_7_3_unrelated': 'Recht: UWG § 7 Abs. 3 – nicht zu gekauften Kategorien',
    'plan.rule.quiet_period': 'Ruhezeit nach einer Beschwerde',
    'plan.rule.min_gap': 'Mindestabstand zwischen Kontakten',
    'plan.rule.max_per_30_days': 'Höchstzahl an Kontakten in 30 Tagen',
    'plan.rule.variety': 'Nicht derselbe Anlass zweimal hintereinander',
    'plan.rule.sales_share': 'Zu viele Verkaufskontakte zuletzt',
    'plan.rule.outranked': 'Ein wichtigerer Anlass am selben Tag',
    'plan.status.planned': 'Geplant',
    'plan.status.sending': 'Wird gesendet',
    'plan.status.sent': 'Gesendet',
    'plan.status.failed': 'Fehlgeschlagen',
    'plan.status.exported': 'Exportiert',
  },
  en: {
    'plan.title': 'Contact plan',
    'plan.date': 'Day',
    'plan.show': 'Show',
    'plan.intro': 'At most one contact per customer a day – within the law (consent, objection) and the contact rules.',
    'plan.kpi.planned': 'Planned contacts',
    'plan.kpi.candidates': 'Customers with a reason',
    'plan.kpi.customers': 'Customers checked',
    'plan.kpi.already': 'Already committed',
    'plan.kpi.held': 'Proposals held back',
    'plan.by_trigger': 'Contacts by trigger',
    'plan.by_channel': 'Contacts by channel',
    'plan.trigger': 'Trigger',
    'plan.channel': 'Channel',
    'plan.count': 'Count',
    'plan.share': 'Share',
    'plan.held.title': 'Held back by rule',
    'plan.held.rule': 'Rule',
    'plan.held.list': 'Who was held back?',
    'plan.held.none': 'Nobody was held back.',
    'plan.held.failed': 'List not available: {error}',
    'plan.contacts.title': 'Planned contacts',
    'plan.contacts.none': 'No contact is planned for this day.',
    'plan.customer': 'Customer',
    'plan.reason': 'Reason',
    'plan.template': 'Template',
    'plan.offer': 'Offer',
    'plan.offer.points': '{n} points',
    'plan.offer.voucher': 'Voucher {money}',
    'plan.actions.title': 'Commit and send',
    'plan.actions.intro': 'Committing records the planned contacts (they then count for the contact rules of the following days). Sending sends the committed emails and makes the letter, SMS and phone lists.',
    'plan.commit': 'Commit plan',
    'plan.commit.done': '{recorded} contacts committed, {already} already were.',
    'plan.commit.calls': '{n} satisfaction calls opened as tasks.',
    'plan.send': 'Send',
    'plan.send.export': 'Export emails as a file',
    'plan.send.done': '{contacts} contacts handled: {sent} sent, {exported} exported, {failed} failed.',
    'plan.send.more': 'Done before: {done}; in progress: {progress}; deferred: {deferred}.',
    'plan.send.deferred': 'Deferred: {reason}',
    'plan.send.lists': 'Work lists',
    'plan.send.file': 'File',
    'plan.send.failures': 'Failed',
    'plan.send.noemail': 'Sending email is not set up: {detail}',
    'plan.send.nosmtp': 'The server\'s configuration has no [contact.smtp]. The emails can be exported to a file for a newsletter tool.',
    'plan.readonly': 'Read only: committing and sending is for administration.',
    'plan.log.title': 'Send log',
    'plan.log.none': 'Nothing is committed for this day.',
    'plan.log.failed': 'Send log not available: {error}',
    'plan.status': 'Status',
    'plan.sent_at': 'Sent',
    'plan.error': 'Error',
    'plan.day': 'Day',
    'plan.history.title': 'A customer’s contact history',
    'plan.history.id': 'Customer id',
    'plan.history.show': 'Show history',
    'plan.history.empty': 'Please enter a customer id.',
    'plan.history.none': 'No contacts yet.',
    'plan.history.of': 'Contacts of {id} (newest first)',
    'plan.trigger.service_problem': 'Service problem',
    'plan.trigger.feedback_request': 'Feedback request',
    'plan.trigger.renewal': 'Renewal',
    'plan.trigger.tier_change': 'New club tier',
    'plan.trigger.points_expiring': 'Points expiring',
    'plan.trigger.birthday': 'Birthday',
    'plan.trigger.event_invitation': 'Event invitation',
    'plan.trigger.review_invitation': 'Review invitation',
    'plan.trigger.milestone': 'Milestone',
    'plan.trigger.surprise': 'Surprise',
    'plan.trigger.keep_in_touch': 'Keep in touch',
    'plan.trigger.win_back': 'Win-back',
    'plan.trigger.new_in_category': 'New in favourite category',
    'plan.channel.email': 'Email',
    'plan.channel.sms': 'SMS',
    'plan.channel.phone': 'Phone',
    'plan.channel.letter': 'Letter',
    'plan.rule.law:no_consent': 'Law: no consent for the channel',
    'plan.rule.law:objection': 'Law: objection',
    'plan.rule.law:unreachable': 'Law: not reachable on any channel',
    'plan.rule.law:uwg_7_3_unrelated': 'Law: UWG § 7(3) – not about categories bought',
    'plan.rule.quiet_period': 'Quiet period after a complaint',
    'plan.rule.min_gap': 'Minimum gap between contacts',
    'plan.rule.max_per_30_days': 'Most contacts in 30 days',
    'plan.rule.variety': 'Not the same trigger twice in a row',
    'plan.rule.sales_share': 'Too many sales contacts lately',
    'plan.rule.outranked': 'A more important reason the same day',
    'plan.status.planned': 'Planned',
    'plan.status.sending': 'Sending',
    'plan.status.sent': 'Sent',
    'plan.status.failed': 'Failed',
    'plan.status.exported': 'Exported',
  },
};

// The triggers, highest priority first, and the channels.
const TRIGGERS = ['service_problem', 'feedback_request', 'renewal', 'tier_change', 'points_expiring', 'birthday',
  'event_invitation', 'review_invitation', 'milestone', 'surprise', 'keep_in_touch', 'win_back', 'new_in_category'];
const CHANNELS = ['email', 'letter', 'sms', 'phone'];
const STATUSES = ['planned', 'sending', 'sent', 'failed', 'exported'];
const LIMIT = 50;

// A known text for `prefix + name`, or the name itself.
function named(t, prefix, name) {
  if (name === null || name === undefined || name === '') return '–';
  const key = `${prefix}${name}`;
  const s = t(key);
  return s === key ? name : s;
}

// Today in the browser's time zone, "YYYY-MM-DD".
function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
const validDate = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s || '') && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

// A table (ui.table) that scrolls sideways on a phone instead of squeezing its text.
function wideTable(columns, rows, opts) {
  const wrap = table(columns, rows, opts);
  wrap.classList.add('wide-table');
  return wrap;
}

// A link to the customer's profile.
const customerLink = (id) => (id ? el('a', { href: `#/customers/${encodeURIComponent(id)}` }, id) : '–');

// An offer { kind, value } in words.
function offerText(ctx, o) {
  if (!o || !o.kind) return '–';
  if (o.kind === 'points') return ctx.t('plan.offer.points', { n: ctx.fmt.number(o.value) });
  if (o.kind === 'voucher') return ctx.t('plan.offer.voucher', { money: ctx.fmt.money(o.value) });
  return `${o.kind} ${o.value ?? ''}`.trim();
}

// A bar as wide as share (0..1) of its cell, and the share as text.
function shareCell(ctx, share, color) {
  const pct = Math.max(0, Math.min(1, share || 0)) * 100;
  return el('div', { class: 'club-share' },
    el('div', { class: 'club-bar', 'aria-hidden': 'true' }, el('div', { style: { width: `${pct}%`, background: color } })),
    el('span', {}, ctx.fmt.share(share)));
}

// Counts { name: n } as a table with bars; `order` lists names shown even
// at zero (in that order), other names follow by count.
function countTable(ctx, counts, order, prefix, label, color) {
  const { t, fmt } = ctx;
  const c = counts || {};
  const names = [...order.filter((n) => n in c || order.length <= 4), ...Object.keys(c).filter((n) => !order.includes(n)).sort((a, b) => c[b] - c[a])];
  const total = Object.values(c).reduce((a, v) => a + (v || 0), 0);
  const rows = names.map((n) => ({ name: n, count: c[n] || 0 }));
  return table([
    { key: 'name', label, render: (r) => named(t, prefix, r.name) },
    { key: 'count', label: t('plan.count'), num: true, render: (r) => fmt.number(r.count) },
    { key: 'share', label: t('plan.share'), render: (r) => shareCell(ctx, total ? r.count / total : null, color) },
  ], rows);
}

// The KPI tiles of the plan.
function planTiles(ctx, plan) {
  const { t, fmt } = ctx;
  const held = Object.values(plan.suppressed || {}).reduce((a, v) => a + (v || 0), 0);
  return el('div', { class: 'kpis', id: 'plan-kpis' },
    el('div', { class: 'kpi', id: 'plan-planned-tile' }, el('div', { class: 'kpi-label' }, t('plan.kpi.planned')),
      el('div', { class: 'kpi-value', id: 'plan-planned', 'data-count': plan.planned ?? '' }, fmt.number(plan.planned))),
    kpiTile({ id: 'plan-candidates', label: t('plan.kpi.candidates'), value: fmt.number(plan.candidates) }),
    kpiTile({ id: 'plan-customers', label: t('plan.kpi.customers'), value: fmt.number(plan.customers) }),
    kpiTile({ id: 'plan-already', label: t('plan.kpi.already'), value: fmt.number(plan.already_contacted) }),
    kpiTile({ id: 'plan-held', label: t('plan.kpi.held'), value: fmt.number(held) }));
}

// The planned contacts, a page of LIMIT, paged in place.
async function showContacts(ctx, date, box, plan, offset) {
  const { api, t } = ctx;
  const page = plan || await api.get('plan', { date, limit: LIMIT, offset });
  const rows = page.contacts || [];
  if (!rows.length && !offset) return fill(box, el('p', { class: 'muted' }, t('plan.contacts.none')));
  fill(box,
    wideTable([
      { key: 'customer_id', label: t('plan.customer'), render: (r) => customerLink(r.customer_id) },
      { key: 'trigger', label: t('plan.trigger'), render: (r) => named(t, 'plan.trigger.', r.trigger) },
      { key: 'reason', label: t('plan.reason') },
      { key: 'channel', label: t('plan.channel'), render: (r) => named(t, 'plan.channel.', r.channel) },
      { key: 'template', label: t('plan.template') },
      { key: 'offer', label: t('plan.offer'), render: (r) => offerText(ctx, r.offer) },
    ], rows),
    pager({ offset: page.offset ?? offset, limit: LIMIT, total: page.planned ?? rows.length, onPage: (o) => pageIn(box, () => showContacts(ctx, date, box, null, o)) }));
}

// Runs a page change in place, keeping the box's height while it loads.
async function pageIn(box, load) {
  box.setAttribute('aria-busy', 'true');
  try {
    await load();
  } catch (e) {
    fill(box, message('error', errorText(e)));
  } finally {
    box.removeAttribute('aria-busy');
  }
}

// Who was held back by which rule, a page of LIMIT (held_back=true).
async function showHeld(ctx, date, box, plan, offset) {
  const { api, t } = ctx;
  const page = plan || await api.get('plan', { date, limit: LIMIT, held_back: true, held_back_offset: offset });
  const rows = page.held_back || [];
  const total = page.held_back_total ?? rows.length;
  if (!total) return fill(box, el('p', { class: 'muted' }, t('plan.held.none')));
  fill(box,
    el('h3', {}, t('plan.held.list')),
    wideTable([
      { key: 'customer_id', label: t('plan.customer'), render: (r) => customerLink(r.customer_id) },
      { key: 'trigger', label: t('plan.trigger'), render: (r) => named(t, 'plan.trigger.', r.trigger) },
      { key: 'rule', label: t('plan.held.rule'), render: (r) => named(t, 'plan.rule.', r.rule) },
      { key: 'reason', label: t('plan.reason') },
    ], rows),
    pager({ offset: page.held_back_offset ?? offset, limit: LIMIT, total, onPage: (o) => pageIn(box, () => showHeld(ctx, date, box, null, o)) }));
}

// The day's send log: counts by status and the contacts, a page of LIMIT.
async function showLog(ctx, date, box, log, offset) {
  const { api, t, fmt } = ctx;
  let page = log;
  if (!page) {
    try {
      page = await api.get('plan/log', { date, limit: LIMIT, offset });
    } catch (e) {
      return fill(box, message('error', t('plan.log.failed', { error: errorText(e) })));
    }
  }
  if (page instanceof Error) return fill(box, message('error', t('plan.log.failed', { error: errorText(page) })));
  const rows = page.contacts || [];
  const total = page.total ?? rows.length;
  const counts = page.counts || {};
  const statuses = [...STATUSES, ...Object.keys(counts).filter((s) => !STATUSES.includes(s))];
  fill(box,
    el('div', { class: 'kpis plan-log-counts', id: 'plan-log-counts' },
      statuses.map((s) => kpiTile({ id: `plan-log-${s}`, label: named(t, 'plan.status.', s), value: fmt.number(counts[s] ?? 0) }))),
    !total ? el('p', { class: 'muted' }, t('plan.log.none')) : [
      wideTable([
        { key: 'customer_id', label: t('plan.customer'), render: (r) => customerLink(r.customer_id) },
        { key: 'trigger', label: t('plan.trigger'), render: (r) => named(t, 'plan.trigger.', r.trigger) },
        { key: 'channel', label: t('plan.channel'), render: (r) => named(t, 'plan.channel.', r.channel) },
        { key: 'status', label: t('plan.status'), render: (r) => el('span', { class: `badge ${r.status === 'failed' ? 'high' : r.status === 'sent' || r.status === 'exported' ? 'low' : ''}` }, named(t, 'plan.status.', r.status)) },
        { key: 'sent_at', label: t('plan.sent_at'), render: (r) => (r.sent_at ? fmt.dateTime(r.sent_at) : '–') },
        { key: 'error', label: t('plan.error'), render: (r) => r.error || '–' },
      ], rows),
      pager({ offset, limit: LIMIT, total, onPage: (o) => pageIn(box, () => showLog(ctx, date, box, null, o)) }),
    ]);
}

// The commit and send buttons (admin) with their results.
function actions(ctx, date, logBox) {
  const { api, t, fmt } = ctx;
  const commitResult = el('div', { id: 'plan-commit-result', 'aria-live': 'polite' });
  const sendResult = el('div', { id: 'plan-send-result', 'aria-live': 'polite' });
  const commit = el('button', { type: 'button', class: 'primary', id: 'plan-commit' }, t('plan.commit'));
  const send = el('button', { type: 'button', class: 'primary', id: 'plan-send' }, t('plan.send'));
  const refreshLog = () => pageIn(logBox, () => showLog(ctx, date, logBox, null, 0));

  commit.addEventListener('click', async () => {
    commit.disabled = true;
    fill(commitResult, loading());
    try {
      const r = await api.post('plan/commit', { date }, { headers: api.once() });
      fill(commitResult, message('ok', [
        t('plan.commit.done', { recorded: fmt.number(r.recorded), already: fmt.number(r.already_recorded) }),
        r.satisfaction_calls ? ` ${t('plan.commit.calls', { n: fmt.number(r.satisfaction_calls) })}` : '',
      ].join('')));
      await refreshLog();
    } catch (e) {
      fill(commitResult, message('error', errorText(e)));
    } finally {
      commit.disabled = false;
    }
  });

  // Offers the email export instead of sending (no mail server).
  const offerExport = (detail) => {
    const exportButton = el('button', { type: 'button', id: 'plan-send-export' }, t('plan.send.export'));
    exportButton.addEventListener('click', () => doSend(true, exportButton));
    fill(sendResult, message('warn', t('plan.send.noemail', { detail })), exportButton);
    exportButton.focus();
  };

  // Sends the committed contacts; email_export writes the emails to a file.
  // Without a mail server in the settings the export is offered first.
  const doSend = async (emailExport, button) => {
    button.disabled = true;
    send.disabled = true;
    fill(sendResult, loading());
    try {
      if (!emailExport) {
        const settings = await api.get('settings').catch(() => null);
        if (settings && settings.smtp && !settings.smtp.configured) return offerExport(t('plan.send.nosmtp'));
      }
      const r = await api.post('plan/send', { date, email_export: emailExport }, { headers: api.once() });
      fill(sendResult, sendReport(ctx, r));
      await refreshLog();
    } catch (e) {
      const noEmail = e.status === 409 && e.field === 'email_export';
      if (noEmail && !emailExport) {
        offerExport(e.problem?.detail || errorText(e));
      } else {
        fill(sendResult, message('error', errorText(e)));
      }
    } finally {
      button.disabled = false;
      send.disabled = false;
    }
  };
  send.addEventListener('click', () => doSend(false, send));

  return el('div', {},
    el('p', { class: 'muted' }, t('plan.actions.intro')),
    el('div', { class: 'plan-buttons' }, el('div', {}, commit, commitResult), el('div', {}, send, sendResult)));
}

// The answer of a send in words, with its work lists and failures.
function sendReport(ctx, r) {
  const { t, fmt } = ctx;
  const lists = r.work_lists || [];
  const failures = r.failures || [];
  return el('div', {},
    message(r.failed ? 'warn' : 'ok', t('plan.send.done', { contacts: fmt.number(r.contacts), sent: fmt.number(r.sent), exported: fmt.number(r.exported), failed: fmt.number(r.failed) })),
    el('p', { class: 'muted' }, t('plan.send.more', { done: fmt.number(r.done_before), progress: fmt.number(r.in_progress), deferred: fmt.number(r.deferred) })),
    r.deferred_reason ? el('p', {}, t('plan.send.deferred', { reason: r.deferred_reason })) : null,
    lists.length ? table([
      { key: 'channel', label: t('plan.channel'), render: (w) => named(t, 'plan.channel.', w.channel) },
      { key: 'file', label: t('plan.send.file') },
      { key: 'contacts', label: t('plan.count'), num: true, render: (w) => fmt.number(w.contacts) },
    ], lists, { caption: t('plan.send.lists') }) : null,
    failures.length ? table([
      { key: 'customer_id', label: t('plan.customer'), render: (f) => customerLink(f.customer_id) },
      { key: 'reason', label: t('plan.error') },
    ], failures.slice(0, LIMIT), { caption: t('plan.send.failures') }) : null);
}

// The contact history form and its table (GET /customers/{id}/contacts).
function historyPart(ctx, initial) {
  const { api, t, fmt } = ctx;
  const input = el('input', { id: 'contact-history-id', type: 'text', autocomplete: 'off', spellcheck: 'false', value: initial || '', 'aria-describedby': 'contact-history-id-error' });
  const err = el('div', { class: 'field-error', id: 'contact-history-id-error', 'aria-live': 'polite' });
  const f = field(t('plan.history.id'), input);
  f.append(err);
  const box = el('div', { id: 'contact-history', 'aria-live': 'polite' });
  const form = el('form', { class: 'filters', novalidate: true, role: 'search' }, f, el('button', { type: 'submit', id: 'contact-history-submit' }, t('plan.history.show')));
  const show = async (id, offset) => {
    try {
      const page = await api.get(`customers/${encodeURIComponent(id)}/contacts`, { limit: LIMIT, offset });
      const rows = page.contacts || [];
      if (!rows.length) return fill(box, el('p', { class: 'muted' }, t('plan.history.none')));
      fill(box, wideTable([
        { key: 'day', label: t('plan.day'), render: (r) => fmt.date(r.day) },
        { key: 'trigger', label: t('plan.trigger'), render: (r) => named(t, 'plan.trigger.', r.trigger) },
        { key: 'channel', label: t('plan.channel'), render: (r) => named(t, 'plan.channel.', r.channel) },
        { key: 'status', label: t('plan.status'), render: (r) => named(t, 'plan.status.', r.status) },
        { key: 'reason', label: t('plan.reason') },
        { key: 'template', label: t('plan.template') },
        { key: 'offer', label: t('plan.offer'), render: (r) => offerText(ctx, r.offer) },
        { key: 'sent_at', label: t('plan.sent_at'), render: (r) => (r.sent_at ? fmt.dateTime(r.sent_at) : '–') },
        { key: 'error', label: t('plan.error'), render: (r) => r.error || '–' },
      ], rows, { caption: t('plan.history.of', { id: page.customer_id || id }) }),
      page.total > LIMIT ? pager({ offset, limit: LIMIT, total: page.total, onPage: (o) => show(id, o) }) : null);
    } catch (e) {
      if (e.status === 404) {
        input.setAttribute('aria-invalid', 'true');
        fill(err, e.problem?.detail || errorText(e));
        fill(box);
      } else {
        fill(box, message('error', errorText(e)));
      }
    }
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const id = input.value.trim();
    input.removeAttribute('aria-invalid');
    fill(err);
    if (!id) {
      input.setAttribute('aria-invalid', 'true');
      fill(err, t('plan.history.empty'));
      return input.focus();
    }
    fill(box, loading());
    show(id, 0);
  });
  if (initial) show(initial, 0);
  return el('div', {}, form, box);
}

export default async function render(view, ctx) {
  const { api, t, query } = ctx;
  const date = validDate(query.get('date')) ? query.get('date') : today();
  const [plan, log] = await Promise.all([
    api.get('plan', { date, limit: LIMIT, offset: 0, held_back: true }),
    api.get('plan/log', { date, limit: LIMIT, offset: 0 }).catch((e) => e),
  ]);

  const dateInput = el('input', { type: 'date', id: 'plan-date', value: date, required: true });
  const dateForm = el('form', { class: 'page-tools', novalidate: true }, field(t('plan.date'), dateInput), el('button', { type: 'submit', id: 'plan-show' }, t('plan.show')));
  dateForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (validDate(dateInput.value)) ctx.go('plan', { date: dateInput.value });
    else dateInput.setAttribute('aria-invalid', 'true');
  });

  const contactsBox = el('div', { id: 'plan-contacts-list' });
  const heldBox = el('div', { id: 'plan-held-back-list' });
  const logBox = el('div', { id: 'plan-log-body' });
  fill(view,
    pageHeader(t('plan.title'), dateForm),
    el('p', { class: 'muted' }, t('plan.intro')),
    planTiles(ctx, plan),
    el('div', { class: 'grid' },
      card(t('plan.by_trigger'), countTable(ctx, plan.by_trigger, TRIGGERS, 'plan.trigger.', t('plan.trigger'), colors[0]), { id: 'plan-by-trigger' }),
      el('div', { class: 'plan-side' },
        card(t('plan.by_channel'), countTable(ctx, plan.by_channel, CHANNELS, 'plan.channel.', t('plan.channel'), colors[2]), { id: 'plan-by-channel' }),
        ctx.can('admin')
          ? card(t('plan.actions.title'), actions(ctx, date, logBox), { id: 'plan-actions' })
          : el('p', { class: 'message info', id: 'plan-readonly' }, t('plan.readonly')))),
    card(t('plan.held.title'), el('div', {},
      Object.keys(plan.suppressed || {}).length ? countTable(ctx, plan.suppressed, [], 'plan.rule.', t('plan.held.rule'), colors[1]) : null,
      heldBox), { id: 'plan-held-back', class: 'plan-card' }),
    card(t('plan.contacts.title'), contactsBox, { id: 'plan-contacts', class: 'plan-card' }),
    card(t('plan.log.title'), logBox, { id: 'plan-log', class: 'plan-card' }),
    card(t('plan.history.title'), historyPart(ctx, query.get('customer')), { id: 'plan-history', class: 'plan-card' }));
  await Promise.all([
    showContacts(ctx, date, contactsBox, plan, 0),
    'held_back' in plan ? showHeld(ctx, date, heldBox, plan, 0) : null,
    showLog(ctx, date, logBox, log, 0),
  ]);
}
