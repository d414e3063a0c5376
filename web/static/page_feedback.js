// Feedback: the NPS of a period (tiles), month by month over a year, by
// store, RFM segment and sales channel; the comments filtered by score; the
// open follow-up tasks and the open service conversations with the service
// figures. Admins may mark a task done, close a conversation and assign
// either; analysts read.
import { lineChart, colors } from './charts.js';
import { card, el, errorText, field, fill, kpiTile, loading, message, pageHeader, select, table } from './ui.js';

export const texts = {
  de: {
    'fb.title': 'Feedback',
    'fb.period': 'Zeitraum',
    'fb.days': 'Letzte {n} Tage',
    'fb.from': 'Von',
    'fb.to': 'Bis',
    'fb.apply': 'Anzeigen',
    'fb.caption': 'Antworten vom {from} bis {to}',
    'fb.none': 'Keine Antworten in diesem Zeitraum. Antworten kommen über Umfragelinks, „retain feedback import“ oder POST /api/v1/feedback.',
    'fb.kpi.nps': 'NPS',
    'fb.kpi.nps.hint': 'Net Promoter Score: % Promotoren (9–10) minus % Detraktoren (0–6), von −100 bis +100',
    'fb.kpi.answers': 'Antworten',
    'fb.kpi.promoters': 'Promotoren (9–10)',
    'fb.kpi.passives': 'Passive (7–8)',
    'fb.kpi.detractors': 'Detraktoren (0–6)',
    'fb.kpi.response_rate': 'Rücklaufquote',
    'fb.kpi.requests': '{answered} von {requests} Anfragen beantwortet',
    'fb.kpi.norequests': 'keine Feedback-Anfragen im Zeitraum',
    'fb.share': '{share} der Antworten',
    'fb.month.title': 'NPS je Monat (12 Monate)',
    'fb.month.chart': 'NPS je Monat von {from} bis {to}',
    'fb.month': 'Monat',
    'fb.store.title': 'NPS nach Filiale',
    'fb.segment.title': 'NPS nach Segment (RFM)',
    'fb.channel.title': 'NPS nach Vertriebskanal',
    'fb.store': 'Filiale',
    'fb.store.none': 'ohne Filiale (online)',
    'fb.segment': 'Segment',
    'fb.segment.none': 'ohne Segment',
    'fb.channel': 'Kanal',
    'fb.channel.online': 'Online',
    'fb.channel.store': 'Filiale',
    'fb.channel.none': 'unbekannt',
    'fb.col.answers': 'Antworten',
    'fb.col.nps': 'NPS',
    'fb.col.promoters': 'Promotoren',
    'fb.col.detractors': 'Detraktoren',
    'fb.groups.none': 'Keine Antworten in diesem Zeitraum.',
    'fb.groups.failed': 'Nicht verfügbar: {error}',
    'fb.comments.title': 'Kommentare',
    'fb.score': 'Bewertung',
    'fb.score.all': 'Alle',
    'fb.score.detractors': 'Detraktoren (0–6)',
    'fb.score.passives': 'Passive (7–8)',
    'fb.score.promoters': 'Promotoren (9–10)',
    'fb.score.one': 'Nur {n}',
    'fb.group.detractor': 'Detraktor',
    'fb.group.passive': 'Passiv',
    'fb.group.promoter': 'Promotor',
    'fb.comments.none': 'Keine Kommentare mit dieser Bewertung im Zeitraum.',
    'fb.comments.more': 'Weitere Kommentare',
    'fb.comments.count': '{n} Kommentare angezeigt (neueste zuerst)',
    'fb.order': 'Bestellung {id}',
    'fb.via.survey': 'Umfrage',
    'fb.via.import': 'Import',
    'fb.via.api': 'API',
    'fb.customer': 'Kunde',
    'fb.more': 'Weitere laden',
    'fb.tasks.title': 'Offene Aufgaben',
    'fb.tasks.intro': 'Rückrufe nach einer schlechten Bewertung, Zufriedenheitsanrufe nach großen Käufen und eigene Aufgaben.',
    'fb.kind': 'Art',
    'fb.kind.all': 'Alle Arten',
    'fb.kind.call_back': 'Rückruf',
    'fb.kind.satisfaction_call': 'Zufriedenheitsanruf',
    'fb.kind.other': 'Sonstiges',
    'fb.reason': 'Anlass',
    'fb.due': 'Fällig',
    'fb.overdue': 'überfällig',
    'fb.assignee': 'Zuständig',
    'fb.actions': 'Aktionen',
    'fb.done': 'Erledigt',
    'fb.assign': 'Zuweisen',
    'fb.assign.label': 'Zuständig für {what}',
    'fb.assign.hint': 'Leer lassen, um die Zuweisung aufzuheben.',
    'fb.save': 'Speichern',
    'fb.cancel': 'Abbrechen',
    'fb.task.what': 'Aufgabe {id}',
    'fb.task.done': 'Aufgabe {id} ({customer}) ist erledigt.',
    'fb.task.assigned': 'Aufgabe {id} ist {who} zugewiesen.',
    'fb.unassigned': 'Zuweisung von {what} aufgehoben.',
    'fb.tasks.none': 'Keine offenen Aufgaben.',
    'fb.conv.title': 'Service-Gespräche',
    'fb.conv.status': 'Status',
    'fb.conv.active': 'Offen und wartend',
    'fb.conv.status.open': 'offen',
    'fb.conv.status.waiting': 'wartend',
    'fb.conv.status.closed': 'geschlossen',
    'fb.conv.opened': 'Eingegangen',
    'fb.conv.channel': 'Kanal',
    'fb.conv.topic': 'Thema',
    'fb.conv.complaint': 'Beschwerde',
    'fb.conv.first': 'Erste Antwort',
    'fb.conv.after': 'nach {h}',
    'fb.conv.noanswer': 'noch keine',
    'fb.conv.close': 'Schließen',
    'fb.conv.what': 'Gespräch {id}',
    'fb.conv.closed': 'Gespräch {id} ({customer}) ist geschlossen.',
    'fb.conv.assigned': 'Gespräch {id} ist {who} zugewiesen.',
    'fb.conv.none': 'Keine Gespräche in diesem Status.',
    'fb.hours': '{n} Std.',
    'fb.daysn': '{n} Tagen',
    'fb.service.opened': 'Eingegangen im Zeitraum',
    'fb.service.complaints': 'davon Beschwerden',
    'fb.service.open_now': 'davon noch offen',
    'fb.service.first': 'Erste Antwort (Median)',
    'fb.service.resolution': 'Bis zum Abschluss (Median)',
    'fb.service.failed': 'Service-Kennzahlen nicht verfügbar: {error}',
    'fb.channel.email': 'E-Mail',
    'fb.channel.phone': 'Telefon',
    'fb.channel.chat': 'Chat',
    'fb.channel.letter': 'Brief',
    'fb.channel.social': 'Soziale Medien',
    'fb.channel.other': 'Sonstiges',
    'fb.topic.complaint': 'Beschwerde',
    'fb.topic.delivery': 'Lieferung',
    'fb.topic.return': 'Retoure',
    'fb.topic.question': 'Frage',
    'fb.topic.invoice': 'Rechnung',
    'fb.topic.order_problem': 'Problem mit Bestellung',
    'fb.failed': 'Nicht verfügbar: {error}',
    'fb.rfm.Champions': 'Champions',
    'fb.rfm.Loyal': 'Treue Kunden',
    'fb.rfm.Potential loyalists': 'Potenziell treu',
    'fb.rfm.New': 'Neu',
    'fb.rfm.Promising': 'Vielversprechend',
    'fb.rfm.Need attention': 'Brauchen Aufmerksamkeit',
    'fb.rfm.About to sleep': 'Drohen einzuschlafen',
    'fb.rfm.At risk': 'Gefährdet',
    "fb.rfm.Can't lose them": 'Nicht verlieren',
    'fb.rfm.Hibernating': 'Schlafend',
  },
  en: {
    'fb.title': 'Feedback',
    'fb.period': 'Period',
    'fb.days': 'Last {n} days',
    'fb.from': 'From',
    'fb.to': 'To',
    'fb.apply': 'Show',
    'fb.caption': 'Answers from {from} to {to}',
    'fb.none': 'No answers in this period. Answers come in through survey links, “retain feedback import” or POST /api/v1/feedback.',
    'fb.kpi.nps': 'NPS',
    'fb.kpi.nps.hint': 'Net Promoter Score: % promoters (9–10) minus % detractors (0–6), from −100 to +100',
    'fb.kpi.answers': 'Answers',
    'fb.kpi.promoters': 'Promoters (9–10)',
    'fb.kpi.passives': 'Passives (7–8)',
    'fb.kpi.detractors': 'Detractors (0–6)',
    'fb.kpi.response_rate': 'Response rate',
    'fb.kpi.requests': '{answered} of {requests} requests answered',
    'fb.kpi.norequests': 'no feedback requests in the period',
    'fb.share': '{share} of answers',
    'fb.month.title': 'NPS per month (12 months)',
    'fb.month.chart': 'NPS per month from {from} to {to}',
    'fb.month': 'Month',
    'fb.store.title': 'NPS by store',
    'fb.segment.title': 'NPS by segment (RFM)',
    'fb.channel.title': 'NPS by sales channel',
    'fb.store': 'Store',
    'fb.store.none': 'no store (online)',
    'fb.segment': 'Segment',
    'fb.segment.none': 'no segment',
    'fb.channel': 'Channel',
    'fb.channel.online': 'Online',
    'fb.channel.store': 'Store',
    'fb.channel.none': 'unknown',
    'fb.col.answers': 'Answers',
    'fb.col.nps': 'NPS',
    'fb.col.promoters': 'Promoters',
    'fb.col.detractors': 'Detractors',
    'fb.groups.none': 'No answers in this period.',
    'fb.groups.failed': 'Not available: {error}',
    'fb.comments.title': 'Comments',
    'fb.score': 'Score',
    'fb.score.all': 'All',
    'fb.score.detractors': 'Detractors (0–6)',
    'fb.score.passives': 'Passives (7–8)',
    'fb.score.promoters': 'Promoters (9–10)',
    'fb.score.one': 'Only {n}',
    'fb.group.detractor': 'Detractor',
    'fb.group.passive': 'Passive',
    'fb.group.promoter': 'Promoter',
    'fb.comments.none': 'No comments with this score in the period.',
    'fb.comments.more': 'More comments',
    'fb.comments.count': '{n} comments shown (newest first)',
    'fb.order': 'Order {id}',
    'fb.via.survey': 'survey',
    'fb.via.import': 'import',
    'fb.via.api': 'API',
    'fb.customer': 'Customer',
    'fb.more': 'Load more',
    'fb.tasks.title': 'Open tasks',
    'fb.tasks.intro': 'Call-backs after a poor score, satisfaction calls after large purchases and tasks made by hand.',
    'fb.kind': 'Kind',
    'fb.kind.all': 'All kinds',
    'fb.kind.call_back': 'Call-back',
    'fb.kind.satisfaction_call': 'Satisfaction call',
    'fb.kind.other': 'Other',
    'fb.reason': 'Reason',
    'fb.due': 'Due',
    'fb.overdue': 'overdue',
    'fb.assignee': 'Assignee',
    'fb.actions': 'Actions',
    'fb.done': 'Done',
    'fb.assign': 'Assign',
    'fb.assign.label': 'Assignee of {what}',
    'fb.assign.hint': 'Leave empty to unassign.',
    'fb.save': 'Save',
    'fb.cancel': 'Cancel',
    'fb.task.what': 'task {id}',
    'fb.task.done': 'Task {id} ({customer}) is done.',
    'fb.task.assigned': 'Task {id} is assigned to {who}.',
    'fb.unassigned': '{what} is no longer assigned.',
    'fb.tasks.none': 'No open tasks.',
    'fb.conv.title': 'Service conversations',
    'fb.conv.status': 'Status',
    'fb.conv.active': 'Open and waiting',
    'fb.conv.status.open': 'open',
    'fb.conv.status.waiting': 'waiting',
    'fb.conv.status.closed': 'closed',
    'fb.conv.opened': 'Came in',
    'fb.conv.channel': 'Channel',
    'fb.conv.topic': 'Topic',
    'fb.conv.complaint': 'Complaint',
    'fb.conv.first': 'First response',
    'fb.conv.after': 'after {h}',
    'fb.conv.noanswer': 'none yet',
    'fb.conv.close': 'Close',
    'fb.conv.what': 'conversation {id}',
    'fb.conv.closed': 'Conversation {id} ({customer}) is closed.',
    'fb.conv.assigned': 'Conversation {id} is assigned to {who}.',
    'fb.conv.none': 'No conversations in this status.',
    'fb.hours': '{n} h',
    'fb.daysn': '{n} days',
    'fb.service.opened': 'Came in during the period',
    'fb.service.complaints': 'of which complaints',
    'fb.service.open_now': 'of which still open',
    'fb.service.first': 'First response (median)',
    'fb.service.resolution': 'To resolution (median)',
    'fb.service.failed': 'Service figures not available: {error}',
    'fb.channel.email': 'E-mail',
    'fb.channel.phone': 'Phone',
    'fb.channel.chat': 'Chat',
    'fb.channel.letter': 'Letter',
    'fb.channel.social': 'Social media',
    'fb.channel.other': 'Other',
    'fb.topic.complaint': 'Complaint',
    'fb.topic.delivery': 'Delivery',
    'fb.topic.return': 'Return',
    'fb.topic.question': 'Question',
    'fb.topic.invoice': 'Invoice',
    'fb.topic.order_problem': 'Order problem',
    'fb.failed': 'Not available: {error}',
    'fb.rfm.Champions': 'Champions',
    'fb.rfm.Loyal': 'Loyal',
    'fb.rfm.Potential loyalists': 'Potential loyalists',
    'fb.rfm.New': 'New',
    'fb.rfm.Promising': 'Promising',
    'fb.rfm.Need attention': 'Need attention',
    'fb.rfm.About to sleep': 'About to sleep',
    'fb.rfm.At risk': 'At risk',
    "fb.rfm.Can't lose them": "Can't lose them",
    'fb.rfm.Hibernating': 'Hibernating',
  },
};

const PAGE = 25; // rows per page of tasks, conversations and comments
const ROW_ACTIONS = { display: 'flex', gap: '.4rem' };
const SMALL = { padding: '.25rem .6rem' }; // row buttons
const DAY = 86400000;
const iso = (d) => d.toISOString().slice(0, 10);
const addDays = (s, n) => iso(new Date(Date.parse(`${s}T00:00:00Z`) + n * DAY));
const SCORES = { all: [null, null], detractors: [0, 6], passives: [7, 8], promoters: [9, 10] };

// The score range [min, max] of a filter value ('all', 'detractors', ...,
// or a single score '0'..'10'); [null, null] for anything else.
function scoreRange(v) {
  if (v in SCORES) return SCORES[v];
  const n = Number(v);
  return v !== '' && Number.isInteger(n) && n >= 0 && n <= 10 ? [n, n] : [null, null];
}

// The first day of the month eleven months before day's month: with day
// the last day, a window of twelve calendar months.
function yearStart(day) {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 11);
  return iso(d);
}

// A known key's text, or the key itself (free-text topics, other names).
function label(ctx, prefix, key) {
  const k = `${prefix}.${key}`;
  const s = ctx.t(k);
  return s === k ? key : s;
}

// Keeps the page's filters in the address without re-rendering the page.
function remember(ctx, changes) {
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === null || v === '') ctx.query.delete(k);
    else ctx.query.set(k, v);
  }
  const s = ctx.query.toString();
  history.replaceState(null, '', `#/feedback${s ? `?${s}` : ''}`);
}

const customerLink = (id) => (id ? el('a', { href: `#/customers/${encodeURIComponent(id)}` }, id) : '–');
const share = (ctx, part, whole) => (whole ? ctx.fmt.share(part / whole) : '–');
// Hours as "4,5 Std.", from two days on as "3 Tage".
const hours = (ctx, h) => (h == null ? '–' : h >= 48 ? ctx.t('fb.daysn', { n: ctx.fmt.number(h / 24, 0) }) : ctx.t('fb.hours', { n: ctx.fmt.number(h, 1) }));
// An NPS with one decimal always ("30,0", "-12,5"), '–' for none.
function npsText(ctx, v) {
  if (v == null) return '–';
  return new Intl.NumberFormat(ctx.lang === 'en' ? 'en-GB' : 'de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
}

// The NPS tiles of the period's answer.
function tiles(ctx, r) {
  const { t, fmt } = ctx;
  const nps = kpiTile({ id: 'nps', label: t('fb.kpi.nps'), value: npsText(ctx, r.nps), hint: t('fb.kpi.nps.hint') });
  nps.querySelector('.kpi-value').id = 'nps-value';
  const part = (key) => kpiTile({
    id: key, label: t(`fb.kpi.${key}`), value: fmt.number(r[key]),
    change: r.answers ? t('fb.share', { share: share(ctx, r[key], r.answers) }) : null, good: null,
  });
  return el('div', { class: 'kpis', id: 'nps-tiles' },
    nps,
    kpiTile({ id: 'answers', label: t('fb.kpi.answers'), value: fmt.number(r.answers) }),
    part('promoters'), part('passives'), part('detractors'),
    kpiTile({
      id: 'response_rate', label: t('fb.kpi.response_rate'), value: fmt.share(r.response_rate), good: null,
      change: r.requests ? t('fb.kpi.requests', { answered: fmt.number(r.answered_requests), requests: fmt.number(r.requests) }) : t('fb.kpi.norequests'),
    }));
}

// A table of NPS groups: name, answers, NPS, promoter and detractor shares.
function groupTable(ctx, groups, nameLabel, name, id) {
  const { t, fmt } = ctx;
  if (!groups.length) return message('info', t('fb.groups.none'));
  const tbl = table([
    { key: 'key', label: nameLabel, render: (g) => name(g.key) },
    { key: 'answers', label: t('fb.col.answers'), num: true, render: (g) => fmt.number(g.answers) },
    { key: 'nps', label: t('fb.col.nps'), num: true, render: (g) => npsText(ctx, g.nps) },
    { key: 'promoters', label: t('fb.col.promoters'), num: true, render: (g) => share(ctx, g.promoters, g.answers) },
    { key: 'detractors', label: t('fb.col.detractors'), num: true, render: (g) => share(ctx, g.detractors, g.answers) },
  ], groups);
  tbl.querySelector('table').id = id;
  return tbl;
}

// A card of one grouping, or the error that kept it away.
function groupCard(ctx, result, title, nameLabel, name, id) {
  const body = result instanceof Error
    ? message('error', ctx.t('fb.groups.failed', { error: errorText(result) }))
    : groupTable(ctx, result.groups || [], nameLabel, name, `${id}-table`);
  return card(title, body, { id });
}

// The months "YYYY-MM" from the month of day `from` to that of `to`.
function monthsOf(from, to) {
  const out = [];
  const d = new Date(`${from.slice(0, 7)}-01T00:00:00Z`);
  while (out.length < 120 && iso(d).slice(0, 7) <= to.slice(0, 7)) {
    out.push(iso(d).slice(0, 7));
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}

// The month chart and its numbers.
function monthCard(ctx, result) {
  const { t, fmt } = ctx;
  if (result instanceof Error) return { node: card(t('fb.month.title'), message('error', t('fb.groups.failed', { error: errorText(result) })), { id: 'nps-by-month' }) };
  const groups = result.groups || [];
  const box = el('div', { class: 'chart', id: 'chart-nps' });
  const node = card(t('fb.month.title'), el('div', {},
    groups.length ? box : null,
    groupTable(ctx, groups, t('fb.month'), (k) => fmt.month(k, true), 'nps-by-month-table')), { id: 'nps-by-month' });
  // Every month of the window on the axis; months without answers are gaps.
  const months = monthsOf(result.from, result.to);
  const byKey = new Map(groups.map((g) => [g.key, g]));
  const draw = () => {
    if (!groups.length) return;
    lineChart(box, {
      title: t('fb.month.chart', { from: fmt.date(result.from), to: fmt.date(result.to) }),
      labels: months.map((m) => fmt.month(m, true)), xLabel: t('fb.month'),
      format: (v) => npsText(ctx, v),
      series: [{ label: t('fb.col.nps'), values: months.map((m) => byKey.get(m)?.nps ?? null), color: colors[0] }],
    });
  };
  return { node, draw };
}

// The score badge of an answer: "9 · Promotor", coloured by group.
function scoreBadge(ctx, a) {
  const group = a.group || (a.score <= 6 ? 'detractor' : a.score <= 8 ? 'passive' : 'promoter');
  const cls = { detractor: 'high', passive: 'medium', promoter: 'low' }[group] || '';
  return el('span', { class: `badge ${cls}` }, `${a.score} · ${ctx.t(`fb.group.${group}`)}`);
}

// One comment: date and score, the comment, customer, order, store/channel.
function commentItem(ctx, a) {
  const { t, fmt } = ctx;
  const place = a.store ? `${t('fb.store')} ${a.store}` : a.sales_channel ? label(ctx, 'fb.channel', a.sales_channel) : null;
  const where = [place, a.via ? label(ctx, 'fb.via', a.via) : null].filter(Boolean).join(' · ');
  return el('li', { 'data-score': a.score },
    el('div', { class: 'when' }, fmt.date(a.day), el('br'), scoreBadge(ctx, a)),
    el('div', {},
      el('p', { class: 'comment', style: { margin: '0 0 .2rem' } }, a.comment || '–'),
      el('div', { class: 'muted', style: { fontSize: '.85rem' } },
        `${t('fb.customer')} `, customerLink(a.customer_id),
        a.order_id ? ` · ${t('fb.order', { id: a.order_id })}` : '',
        where ? ` · ${where}` : '')));
}

// The comments card: score filter, list, "more".
function commentsCard(ctx, period) {
  const { t, api, fmt } = ctx;
  let limit = PAGE;
  const initial = ctx.query.get('score') || 'all';
  const options = [['all', t('fb.score.all')], ['detractors', t('fb.score.detractors')], ['passives', t('fb.score.passives')], ['promoters', t('fb.score.promoters')],
    ...Array.from({ length: 11 }, (_, i) => [String(i), t('fb.score.one', { n: i })])];
  const filter = select(options, options.some(([v]) => v === initial) ? initial : 'all', { id: 'feedback-score-filter' });
  const list = el('ul', { class: 'timeline', id: 'feedback-comments', 'aria-live': 'polite' });
  const status = el('div', {});
  const more = el('button', { type: 'button', id: 'feedback-more', hidden: true }, t('fb.comments.more'));
  let seq = 0;
  // Loads the comments of the filter, `limit` of them.
  async function load() {
    const n = ++seq;
    const [min, max] = scoreRange(filter.value);
    fill(status, loading());
    try {
      const r = await api.get('feedback', { from: period.from, to: period.to, min_score: min, max_score: max, limit });
      if (n !== seq) return;
      const items = r.items || [];
      fill(list, items.map((a) => commentItem(ctx, a)));
      fill(status, items.length ? el('p', { class: 'muted' }, t('fb.comments.count', { n: fmt.number(items.length) })) : message('info', t('fb.comments.none')));
      more.hidden = items.length < limit || limit >= 500;
    } catch (e) {
      if (n === seq) fill(status, message('error', t('fb.failed', { error: errorText(e) })));
    }
  }
  filter.addEventListener('change', () => {
    limit = PAGE;
    remember(ctx, { score: filter.value === 'all' ? '' : filter.value });
    load();
  });
  more.addEventListener('click', () => {
    limit = Math.min(500, limit + PAGE);
    load();
  });
  const node = card(t('fb.comments.title'), el('div', {},
    el('div', { class: 'filters' }, field(t('fb.score'), filter)), list, status, more), { id: 'comments' });
  return { node, load };
}

// An inline form to set the assignee: the field, save and cancel. save(value)
// returns a promise; a failure naming the field marks the input.
function assignForm(ctx, what, current, save, cancel) {
  const { t } = ctx;
  const input = el('input', { type: 'text', value: current || '', maxlength: 200, autocomplete: 'off' });
  const hint = t('fb.assign.hint');
  const error = el('div', {});
  const form = el('form', { class: 'assign-form', novalidate: true },
    field(t('fb.assign.label', { what }), input, hint), error,
    el('div', { style: { display: 'flex', gap: '.4rem', marginTop: '.3rem' } },
      el('button', { type: 'submit', class: 'primary' }, t('fb.save')),
      el('button', { type: 'button', onclick: cancel }, t('fb.cancel'))));
  form.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') cancel();
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const buttons = form.querySelectorAll('button');
    buttons.forEach((b) => { b.disabled = true; });
    try {
      await save(input.value.trim());
    } catch (e) {
      buttons.forEach((b) => { b.disabled = false; });
      // The only field here: a problem naming it (or none) is shown at it.
      const f = e?.field;
      const id = `${input.id}-error`;
      if (!f || f === 'assignee') {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', id);
      }
      fill(error, el('div', { id, class: 'message error', role: 'alert' }, errorText(e)));
      input.focus();
    }
  });
  setTimeout(() => input.focus(), 0);
  return form;
}

// A list loaded a page at a time ("load more"): fetchPage(state) adds items
// and tells whether there are more; draw(items) renders them.
function pagedList({ fetchPage, draw, empty, moreId, ctx }) {
  const box = el('div', {});
  const status = el('div', {});
  const more = el('button', { type: 'button', id: moreId, hidden: true }, ctx.t('fb.more'));
  let state = { items: [] };
  let seq = 0;
  const redraw = () => fill(box, state.items.length ? draw(state.items) : message('info', empty));
  async function next(reset) {
    const n = ++seq;
    if (reset) state = { items: [] };
    more.disabled = true;
    fill(status, loading());
    try {
      const hasMore = await fetchPage(state);
      if (n !== seq) return;
      fill(status);
      more.hidden = !hasMore;
      redraw();
    } catch (e) {
      if (n === seq) fill(status, message('error', ctx.t('fb.failed', { error: errorText(e) })));
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener('click', () => next(false));
  const remove = (id) => {
    state.items = state.items.filter((x) => x.id !== id);
    redraw();
  };
  // Focuses the button `action` of the row with id `id`.
  const focus = (id, action) => box.querySelector(`tr[data-id="${id}"] [data-action="${action}"]`)?.focus();
  return { node: el('div', {}, box, status, more), reload: () => next(true), redraw, remove, focus };
}

// The open tasks card: kind filter, table, done and assign for admins.
function tasksCard(ctx) {
  const { t, fmt, api } = ctx;
  const admin = ctx.can('admin');
  const notice = el('div', { class: 'notice', tabindex: '-1' });
  const kinds = [['', t('fb.kind.all')], ['call_back', t('fb.kind.call_back')], ['satisfaction_call', t('fb.kind.satisfaction_call')], ['other', t('fb.kind.other')]];
  const initial = ctx.query.get('kind') || '';
  const kind = select(kinds, kinds.some(([v]) => v === initial) ? initial : '', { id: 'tasks-kind' });
  let editing = null;
  let list;
  // Sends a change of the task (one Idempotency-Key per action).
  const change = (task, body) => api.patch(`tasks/${task.id}`, body, { headers: api.once() });
  function actions(task) {
    if (editing === task.id) {
      return assignForm(ctx, t('fb.task.what', { id: task.id }), task.assignee, async (who) => {
        const now = await change(task, { assignee: who });
        Object.assign(task, now);
        editing = null;
        list.redraw();
        fill(notice, message('ok', who ? t('fb.task.assigned', { id: task.id, who }) : t('fb.unassigned', { what: t('fb.task.what', { id: task.id }) })));
        notice.focus();
      }, () => { editing = null; list.redraw(); list.focus(task.id, 'assign'); });
    }
    const done = el('button', { type: 'button', style: SMALL, 'data-action': 'done', 'aria-label': `${t('fb.done')}: ${t('fb.task.what', { id: task.id })}` }, t('fb.done'));
    done.addEventListener('click', async () => {
      done.disabled = true;
      try {
        await change(task, { status: 'done' });
        list.remove(task.id);
        fill(notice, message('ok', t('fb.task.done', { id: task.id, customer: task.customer_id })));
      } catch (e) {
        done.disabled = false;
        fill(notice, message('error', errorText(e)));
      }
      notice.focus();
    });
    const assign = el('button', { type: 'button', style: SMALL, 'data-action': 'assign', 'aria-label': `${t('fb.assign')}: ${t('fb.task.what', { id: task.id })}`, onclick: () => { editing = task.id; list.redraw(); } }, t('fb.assign'));
    return el('div', { class: 'row-actions', style: ROW_ACTIONS }, done, assign);
  }
  const columns = [
    { key: 'customer_id', label: t('fb.customer'), render: (r) => customerLink(r.customer_id) },
    { key: 'kind', label: t('fb.kind'), render: (r) => label(ctx, 'fb.kind', r.kind) },
    { key: 'reason', label: t('fb.reason') },
    { key: 'due', label: t('fb.due'), render: (r) => el('span', {}, fmt.date(r.due), r.overdue ? [' ', el('span', { class: 'badge high' }, t('fb.overdue'))] : null) },
    { key: 'assignee', label: t('fb.assignee'), render: (r) => r.assignee || '–' },
    ...(admin ? [{ key: 'actions', label: t('fb.actions'), render: actions }] : []),
  ];
  list = pagedList({
    ctx, moreId: 'tasks-more', empty: t('fb.tasks.none'),
    draw: (items) => {
      const tbl = table(columns, items);
      tbl.querySelectorAll('tbody tr').forEach((tr, i) => tr.setAttribute('data-id', items[i].id));
      return tbl;
    },
    fetchPage: async (state) => {
      const r = await api.get('tasks', { status: 'open', kind: kind.value, limit: PAGE, after_id: state.after });
      state.items.push(...(r.items || []));
      state.after = r.next_after_id;
      return r.next_after_id != null;
    },
  });
  kind.addEventListener('change', () => {
    remember(ctx, { kind: kind.value });
    editing = null;
    list.reload();
  });
  const node = card(t('fb.tasks.title'), el('div', {},
    el('p', { class: 'muted' }, t('fb.tasks.intro')),
    el('div', { class: 'filters' }, field(t('fb.kind'), kind)),
    notice, list.node), { id: 'tasks-open' });
  return { node, load: () => list.reload() };
}

// The service figures of the period: counts and median hours.
function serviceFacts(ctx, s) {
  const { t, fmt } = ctx;
  if (s instanceof Error) return message('error', t('fb.service.failed', { error: errorText(s) }));
  const row = (key, value, id) => [el('dt', {}, t(`fb.service.${key}`)), el('dd', { id }, value)];
  return el('dl', { class: 'facts', id: 'service-kpis' },
    row('opened', fmt.number(s.opened), 'service-opened'),
    row('complaints', fmt.number(s.complaints), 'service-complaints'),
    row('open_now', fmt.number(s.open_now), 'service-open-now'),
    row('first', hours(ctx, s.first_response_hours?.median), 'service-first-response'),
    row('resolution', hours(ctx, s.resolution_hours?.median), 'service-resolution'));
}

// The conversations card: status filter (open and waiting together by
// default), table, close and assign for admins, the service figures.
function conversationsCard(ctx) {
  const { t, fmt, api } = ctx;
  const admin = ctx.can('admin');
  const notice = el('div', { class: 'notice', tabindex: '-1' });
  const choices = [['active', t('fb.conv.active')], ['open', t('fb.conv.status.open')], ['waiting', t('fb.conv.status.waiting')]];
  const initial = ctx.query.get('conv') || 'active';
  const status = select(choices, choices.some(([v]) => v === initial) ? initial : 'active', { id: 'conversations-status' });
  let editing = null;
  let list;
  const what = (c) => t('fb.conv.what', { id: c.id });
  function actions(c) {
    if (editing === c.id) {
      return assignForm(ctx, what(c), c.assignee, async (who) => {
        const now = await api.patch(`conversations/${c.id}`, { assignee: who }, { headers: api.once() });
        Object.assign(c, now);
        editing = null;
        list.redraw();
        fill(notice, message('ok', who ? t('fb.conv.assigned', { id: c.id, who }) : t('fb.unassigned', { what: what(c) })));
        notice.focus();
      }, () => { editing = null; list.redraw(); list.focus(c.id, 'assign'); });
    }
    const close = el('button', { type: 'button', style: SMALL, 'data-action': 'close', 'aria-label': `${t('fb.conv.close')}: ${what(c)}` }, t('fb.conv.close'));
    close.addEventListener('click', async () => {
      close.disabled = true;
      try {
        await api.patch(`conversations/${c.id}`, { status: 'closed' }, { headers: api.once() });
        list.remove(c.id);
        fill(notice, message('ok', t('fb.conv.closed', { id: c.id, customer: c.customer_id })));
      } catch (e) {
        close.disabled = false;
        fill(notice, message('error', errorText(e)));
      }
      notice.focus();
    });
    const assign = el('button', { type: 'button', style: SMALL, 'data-action': 'assign', 'aria-label': `${t('fb.assign')}: ${what(c)}`, onclick: () => { editing = c.id; list.redraw(); } }, t('fb.assign'));
    return el('div', { class: 'row-actions', style: ROW_ACTIONS }, close, assign);
  }
  // The topic; a complaint flagged with a badge (only the badge when the
  // topic is "complaint" itself).
  const topic = (c) => {
    const badge = c.complaint ? el('span', { class: 'badge high', 'data-complaint': 'true' }, t('fb.conv.complaint')) : null;
    if (badge && c.topic === 'complaint') return badge;
    return el('span', {}, label(ctx, 'fb.topic', c.topic), badge ? [' ', badge] : null);
  };
  const firstResponse = (c) => {
    if (!c.first_response_at) return el('span', { class: 'muted' }, t('fb.conv.noanswer'));
    const h = (Date.parse(c.first_response_at) - Date.parse(c.opened_at)) / 3600000;
    return el('span', { title: fmt.dateTime(c.first_response_at) }, Number.isFinite(h) ? t('fb.conv.after', { h: hours(ctx, h) }) : fmt.dateTime(c.first_response_at));
  };
  const columns = [
    { key: 'opened_at', label: t('fb.conv.opened'), render: (c) => fmt.dateTime(c.opened_at) },
    { key: 'customer_id', label: t('fb.customer'), render: (c) => customerLink(c.customer_id) },
    { key: 'channel', label: t('fb.conv.channel'), render: (c) => label(ctx, 'fb.channel', c.channel) },
    { key: 'topic', label: t('fb.conv.topic'), render: topic },
    { key: 'status', label: t('fb.conv.status'), render: (c) => label(ctx, 'fb.conv.status', c.status) },
    { key: 'assignee', label: t('fb.assignee'), render: (c) => c.assignee || '–' },
    { key: 'first', label: t('fb.conv.first'), render: firstResponse },
    ...(admin ? [{ key: 'actions', label: t('fb.actions'), render: actions }] : []),
  ];
  list = pagedList({
    ctx, moreId: 'conversations-more', empty: t('fb.conv.none'),
    draw: (items) => {
      const tbl = table(columns, items);
      tbl.querySelectorAll('tbody tr').forEach((tr, i) => tr.setAttribute('data-id', items[i].id));
      return tbl;
    },
    // Open and waiting are two listings, each with its own cursor.
    fetchPage: async (state) => {
      if (!state.cursors) {
        const which = status.value === 'active' ? ['open', 'waiting'] : [status.value];
        state.cursors = Object.fromEntries(which.map((s) => [s, 0]));
      }
      const pending = Object.entries(state.cursors).filter(([, c]) => c != null);
      const pages = await Promise.all(pending.map(([s, c]) => api.get('conversations', { status: s, limit: PAGE, after_id: c || undefined })));
      pending.forEach(([s], i) => {
        state.items.push(...(pages[i].items || []));
        state.cursors[s] = pages[i].next_after_id ?? null;
      });
      state.items.sort((a, b) => a.id - b.id);
      return Object.values(state.cursors).some((c) => c != null);
    },
  });
  status.addEventListener('change', () => {
    remember(ctx, { conv: status.value === 'active' ? '' : status.value });
    editing = null;
    list.reload();
  });
  const serviceBox = el('div', {}, loading());
  const node = card(t('fb.conv.title'), el('div', {},
    serviceBox,
    el('div', { class: 'filters', style: { marginTop: '1rem' } }, field(t('fb.conv.status'), status)),
    notice, list.node), { id: 'conversations-open' });
  return { node, load: () => list.reload(), showService: (s) => fill(serviceBox, serviceFacts(ctx, s)) };
}

export default async function render(view, ctx) {
  const { api, t, fmt, query } = ctx;
  // The period: ?from&to, or ?days up to ?to (default: the 90 days up to
  // the latest answer, as /nps defaults to). The first call also gives the
  // store groups; the rest waits only for the period's end.
  const days = Number(query.get('days') || 90);
  const given = Boolean(query.get('from') && query.get('to'));
  const tasks = tasksCard(ctx);
  const conversations = conversationsCard(ctx);
  const lists = Promise.all([tasks.load(), conversations.load()]);
  const first = await api.get('nps', given ? { by: 'store', from: query.get('from'), to: query.get('to') } : { by: 'store', to: query.get('to') });
  const to = first.to;
  const from = given || days === 90 ? first.from : addDays(to, -(days - 1));
  const period = { from, to };
  const comments = commentsCard(ctx, period);
  const commentsLoaded = comments.load();
  const [overall, bySegment, byChannel, byMonth, service] = await Promise.all([
    from === first.from ? first : api.get('nps', { by: 'store', from, to }),
    api.get('nps', { by: 'segment', from, to }).catch((e) => e),
    api.get('nps', { by: 'channel', from, to }).catch((e) => e),
    api.get('nps', { by: 'month', from: yearStart(to), to }).catch((e) => e),
    api.get('service/kpis', { from, to }).catch((e) => e),
  ]);

  const periodSelect = select([['30', t('fb.days', { n: 30 })], ['90', t('fb.days', { n: 90 })], ['180', t('fb.days', { n: 180 })], ['365', t('fb.days', { n: 365 })]],
    given ? '' : String(days), { id: 'fb-days' });
  if (given) periodSelect.prepend(el('option', { value: '', selected: true }, `${fmt.date(from)} – ${fmt.date(to)}`));
  periodSelect.addEventListener('change', () => periodSelect.value && ctx.go('feedback', { days: periodSelect.value, to: query.get('to'), score: query.get('score'), kind: query.get('kind'), conv: query.get('conv') }));
  const fromInput = el('input', { type: 'date', id: 'fb-from', value: from });
  const toInput = el('input', { type: 'date', id: 'fb-to', value: to });
  const apply = el('button', { type: 'button', id: 'fb-apply', onclick: () => ctx.go('feedback', { from: fromInput.value, to: toInput.value, score: query.get('score'), kind: query.get('kind'), conv: query.get('conv') }) }, t('fb.apply'));

  const month = monthCard(ctx, byMonth);
  conversations.showService(service);
  const storeName = (k) => (k ? k : t('fb.store.none'));
  const segmentName = (k) => (k ? label(ctx, 'fb.rfm', k) : t('fb.segment.none'));
  const channelName = (k) => (k ? label(ctx, 'fb.channel', k) : t('fb.channel.none'));
  fill(view,
    pageHeader(t('fb.title'), field(t('fb.period'), periodSelect), field(t('fb.from'), fromInput), field(t('fb.to'), toInput), apply),
    el('p', { class: 'muted', id: 'fb-caption' }, t('fb.caption', { from: fmt.date(from), to: fmt.date(to) })),
    overall.answers ? null : message('info', t('fb.none')),
    tiles(ctx, overall),
    el('div', { class: 'grid', style: { marginBottom: '1rem' } },
      month.node,
      groupCard(ctx, overall, t('fb.store.title'), t('fb.store'), storeName, 'nps-by-store'),
      groupCard(ctx, bySegment, t('fb.segment.title'), t('fb.segment'), segmentName, 'nps-by-segment'),
      groupCard(ctx, byChannel, t('fb.channel.title'), t('fb.channel'), channelName, 'nps-by-channel')),
    comments.node,
    tasks.node,
    conversations.node);
  month.draw?.();
  await Promise.all([lists, commentsLoaded]);
}
