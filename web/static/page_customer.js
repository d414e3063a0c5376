// Kundenprofil / Customer profile: who the customer is, their
// classification and lifecycle stage, RFM scores, the forecast (P(alive),
// expected purchases, CLV, risk), consents, recommendations, the
// Kunden-Club membership and one timeline of everything that happened,
// newest first: orders, returns, contacts, points, feedback answers,
// service conversations and tasks.
import { card, el, errorText, field, fill, kpiTile, message, select } from './ui.js';
import { customerName, lastListHash, lifecycleBadge, riskBadge, texts as listTexts } from './page_customers.js';

const own = {
  de: {
    'cp.back': '← Zur Kundenliste',
    'cp.notfound': 'Es gibt keinen Kunden mit der Nummer „{id}“.',
    'cp.failed': 'Das Kundenprofil konnte nicht geladen werden: {error}',
    'cp.id': 'Kundennr.',
    'cp.city': 'Ort',
    'cp.type': 'Kundenart',
    'cp.type.b2c': 'Privatkunde',
    'cp.type.b2b': 'Geschäftskunde',
    'cp.language': 'Sprache',
    'cp.lang.de': 'Deutsch',
    'cp.lang.en': 'Englisch',
    'cp.email': 'E-Mail',
    'cp.phone': 'Telefon',
    'cp.tags': 'Merkmale',
    'cp.kpi.orders': 'Bestellungen',
    'cp.kpi.revenue': 'Umsatz',
    'cp.kpi.returned': 'Retourniert',
    'cp.kpi.aov': 'Ø Bestellwert',
    'cp.kpi.clv': 'CLV (12 Mon.)',
    'cp.class.title': 'Einordnung',
    'cp.class.tenure': 'Status',
    'cp.class.new': 'Neukunde',
    'cp.class.existing': 'Bestandskunde',
    'cp.class.prospect': 'Interessent (noch kein Kauf)',
    'cp.class.rule': 'Bestandskunde ab {n} Bestellungen',
    'cp.class.since': 'Kunde seit',
    'cp.class.months': '{date} ({n} Monate)',
    'cp.class.risk': 'Abwanderungsrisiko',
    'cp.class.complaint': 'erhöht durch eine Beschwerde',
    'cp.life.title': 'Lebenszyklus',
    'cp.life.stage': 'Phase',
    'cp.life.since': 'Tage seit letztem Kauf',
    'cp.life.own': 'Eigener Kaufrhythmus',
    'cp.life.own.none': 'noch kein Rhythmus (ein Kauftag)',
    'cp.life.expected': 'Erwarteter Abstand',
    'cp.life.days': 'alle {n} Tage',
    'cp.life.note': 'Die Phase misst die Zeit seit dem letzten Kauf am eigenen Rhythmus (mindestens 14 Tage).',
    'cp.rfm.title': 'RFM',
    'cp.rfm.segment': 'Segment',
    'cp.rfm.scores': 'Werte (1–5)',
    'cp.rfm.recency': 'Recency: Tage seit letztem Kauf',
    'cp.rfm.frequency': 'Frequency: Bestellungen',
    'cp.rfm.monetary': 'Monetary: Umsatz',
    'cp.rfm.none': 'Noch keine Bestellung – keine RFM-Werte.',
    'cp.fc.title': 'Prognose',
    'cp.fc.p_alive': 'P(aktiv): Wahrscheinlichkeit, noch Kunde zu sein',
    'cp.fc.e30': 'Erwartete Käufe in 30 Tagen',
    'cp.fc.e90': 'Erwartete Käufe in 90 Tagen',
    'cp.fc.e365': 'Erwartete Käufe in 365 Tagen',
    'cp.fc.value': 'Erwarteter Bestellwert',
    'cp.fc.clv': 'CLV ({n} Monate, abgezinst)',
    'cp.fc.risk': 'Risiko laut Prognose',
    'cp.fc.scored': 'Berechnet am {date}, Stand {as_of}.',
    'cp.fc.none': 'Noch keine Prognose für diesen Kunden (retain clv fit und retain clv score).',
    'cp.cons.title': 'Einwilligungen',
    'cp.cons.channel': 'Kanal',
    'cp.cons.status': 'Status',
    'cp.cons.basis': 'Grundlage',
    'cp.cons.source': 'Quelle',
    'cp.cons.changed': 'Geändert',
    'cp.cons.failed': 'Einwilligungen nicht verfügbar: {error}',
    'cp.status.granted': 'Erteilt',
    'cp.status.denied': 'Abgelehnt',
    'cp.status.revoked': 'Widerrufen',
    'cp.status.unknown': 'Unbekannt',
    'cp.basis.consent': 'Einwilligung',
    'cp.basis.double_opt_in': 'Double-Opt-in',
    'cp.basis.uwg_7_3': '§ 7 Abs. 3 UWG (Bestandskunde)',
    'cp.basis.contract': 'Vertrag',
    'cp.source.import': 'Import',
    'cp.source.api': 'Schnittstelle',
    'cp.source.form': 'Formular',
    'cp.source.unsubscribe': 'Abmeldelink',
    'cp.channel.email': 'E-Mail',
    'cp.channel.sms': 'SMS',
    'cp.channel.phone': 'Telefon',
    'cp.channel.letter': 'Brief',
    'cp.channel.chat': 'Chat',
    'cp.channel.store': 'Filiale',
    'cp.channel.online': 'Online',
    'cp.channel.social': 'Soziale Medien',
    'cp.channel.other': 'Sonstiges',
    'cp.rec.title': 'Empfehlungen',
    'cp.rec.product': 'Produkt',
    'cp.rec.reason': 'Warum',
    'cp.rec.confidence': 'Konfidenz',
    'cp.rec.because': 'Oft zusammen gekauft mit „{name}“',
    'cp.rec.popular': 'Beliebt im Shop',
    'cp.rec.none': 'Keine Empfehlungen.',
    'cp.rec.failed': 'Empfehlungen nicht verfügbar: {error}',
    'cp.club.title': 'Kunden-Club',
    'cp.club.tier': 'Stufe',
    'cp.club.points': 'Verfügbare Punkte',
    'cp.club.pending': 'Vorgemerkte Punkte',
    'cp.club.expiring': 'Verfallen in 30 Tagen',
    'cp.club.next': 'Bis {tier}',
    'cp.club.since': 'Mitglied seit',
    'cp.club.open': 'Im Kunden-Club öffnen',
    'cp.club.none': 'Kein Mitglied im Kunden-Club.',
    'cp.club.unknown': 'Die Mitgliedschaft wird im Kunden-Club angezeigt.',
    'cp.club.failed': 'Kunden-Club nicht verfügbar: {error}',
    'cp.tl.title': 'Verlauf',
    'cp.tl.kind': 'Anzeigen',
    'cp.tl.all': 'Alles ({n})',
    'cp.tl.more': 'Weitere {n} anzeigen',
    'cp.tl.empty': 'Noch nichts geschehen.',
    'cp.tl.partial': 'Nicht vollständig: {what}',
    'cp.tl.kind.order': 'Bestellungen ({n})',
    'cp.tl.kind.return': 'Retouren ({n})',
    'cp.tl.kind.contact': 'Kontakte ({n})',
    'cp.tl.kind.points': 'Punkte ({n})',
    'cp.tl.kind.feedback': 'Feedback ({n})',
    'cp.tl.kind.conversation': 'Service ({n})',
    'cp.tl.kind.task': 'Aufgaben ({n})',
    'cp.tl.badge.order': 'Bestellung',
    'cp.tl.badge.return': 'Retoure',
    'cp.tl.badge.contact': 'Kontakt',
    'cp.tl.badge.points': 'Punkte',
    'cp.tl.badge.feedback': 'Feedback',
    'cp.tl.badge.conversation': 'Service',
    'cp.tl.badge.task': 'Aufgabe',
    'cp.order.title': '{id} · {channel} · {total}',
    'cp.order.store': 'Filiale {store}',
    'cp.order.lines': '{n} Artikel',
    'cp.order.line': 'Artikel',
    'cp.order.sku': 'Art.-Nr.',
    'cp.order.size': 'Größe',
    'cp.order.qty': 'Menge',
    'cp.order.price': 'Einzelpreis',
    'cp.order.discount': 'Rabatt',
    'cp.return.title': '{id} zu Bestellung {order} · {amount}',
    'cp.contact.title': '{trigger} per {channel} · {status}',
    'cp.contact.template': 'Vorlage',
    'cp.contact.offer': 'Angebot',
    'cp.contact.reason': 'Anlass',
    'cp.contact.error': 'Fehler',
    'cp.offer.voucher': 'Gutschein über {value}',
    'cp.offer.points': '{value} Punkte',
    'cp.contact.sent': 'Gesendet',
    'cp.points.title': '{points} · {kind}',
    'cp.points.ref': 'Beleg {ref}',
    'cp.feedback.title': 'Bewertung {score}/10 · {group}',
    'cp.feedback.promoter': 'Promotor',
    'cp.feedback.passive': 'Neutral',
    'cp.feedback.detractor': 'Kritiker',
    'cp.feedback.order': 'zu Bestellung {order}',
    'cp.conv.title': '{topic} per {channel} · {status}',
    'cp.conv.complaint': 'Beschwerde',
    'cp.conv.assignee': 'Bearbeitung: {who}',
    'cp.conv.closed': 'abgeschlossen am {date}',
    'cp.task.title': '{kind} · {status}',
    'cp.task.due': 'fällig am {date}',
    'cp.task.assignee': 'zuständig: {who}',
    'cp.trigger.service_problem': 'Serviceproblem',
    'cp.trigger.order_problem': 'Problem mit einer Bestellung',
    'cp.trigger.complaint': 'Beschwerde',
    'cp.trigger.feedback_request': 'Feedback-Anfrage',
    'cp.trigger.renewal': 'Verlängerung',
    'cp.trigger.tier_change': 'Neue Club-Stufe',
    'cp.trigger.points_expiring': 'Punkte verfallen',
    'cp.trigger.birthday': 'Geburtstag',
    'cp.trigger.event_invitation': 'Einladung',
    'cp.trigger.review_invitation': 'Bitte um Bewertung',
    'cp.trigger.milestone': 'Meilenstein',
    'cp.trigger.surprise': 'Überraschung',
    'cp.trigger.keep_in_touch': 'In Kontakt bleiben',
    'cp.trigger.win_back': 'Rückgewinnung',
    'cp.trigger.new_in_category': 'Neu in der Lieblingskategorie',
    'cp.trigger.satisfaction_call': 'Zufriedenheitsanruf',
    'cp.cstatus.planned': 'geplant',
    'cp.cstatus.sending': 'wird gesendet',
    'cp.cstatus.sent': 'gesendet',
    'cp.cstatus.failed': 'fehlgeschlagen',
    'cp.cstatus.exported': 'exportiert',
    'cp.cstatus.done': 'erledigt',
    'cp.cstatus.open': 'offen',
    'cp.cstatus.waiting': 'wartet',
    'cp.cstatus.closed': 'abgeschlossen',
    'cp.cstatus.cancelled': 'abgebrochen',
    'cp.ledger.earn': 'gesammelt',
    'cp.ledger.bonus': 'Bonus',
    'cp.ledger.reverse': 'storniert (Retoure)',
    'cp.ledger.redeem': 'eingelöst',
    'cp.ledger.restore': 'erstattet',
    'cp.ledger.expire': 'verfallen',
    'cp.taskkind.call_back': 'Rückruf',
    'cp.taskkind.callback': 'Rückruf',
    'cp.taskkind.satisfaction_call': 'Zufriedenheitsanruf',
    'cp.taskkind.other': 'Aufgabe',
    'cp.part.contacts': 'Kontakte',
    'cp.part.points': 'Punkte',
  },
  en: {
    'cp.back': '← Back to the customer list',
    'cp.notfound': 'There is no customer with the id “{id}”.',
    'cp.failed': 'The customer profile could not be loaded: {error}',
    'cp.id': 'Customer id',
    'cp.city': 'City',
    'cp.type': 'Type',
    'cp.type.b2c': 'Consumer',
    'cp.type.b2b': 'Business',
    'cp.language': 'Language',
    'cp.lang.de': 'German',
    'cp.lang.en': 'English',
    'cp.email': 'E-mail',
    'cp.phone': 'Phone',
    'cp.tags': 'Tags',
    'cp.kpi.orders': 'Orders',
    'cp.kpi.revenue': 'Revenue',
    'cp.kpi.returned': 'Returned',
    'cp.kpi.aov': 'Average order value',
    'cp.kpi.clv': 'CLV (12 months)',
    'cp.class.title': 'Classification',
    'cp.class.tenure': 'Status',
    'cp.class.new': 'New customer',
    'cp.class.existing': 'Existing customer',
    'cp.class.prospect': 'Prospect (no purchase yet)',
    'cp.class.rule': 'Existing from {n} orders',
    'cp.class.since': 'Customer since',
    'cp.class.months': '{date} ({n} months)',
    'cp.class.risk': 'Churn risk',
    'cp.class.complaint': 'raised by a complaint',
    'cp.life.title': 'Lifecycle',
    'cp.life.stage': 'Stage',
    'cp.life.since': 'Days since the last purchase',
    'cp.life.own': 'Own purchase rhythm',
    'cp.life.own.none': 'no rhythm yet (one purchase day)',
    'cp.life.expected': 'Expected gap',
    'cp.life.days': 'every {n} days',
    'cp.life.note': 'The stage measures the time since the last purchase against their own rhythm (at least 14 days).',
    'cp.rfm.title': 'RFM',
    'cp.rfm.segment': 'Segment',
    'cp.rfm.scores': 'Scores (1–5)',
    'cp.rfm.recency': 'Recency: days since the last purchase',
    'cp.rfm.frequency': 'Frequency: orders',
    'cp.rfm.monetary': 'Monetary: revenue',
    'cp.rfm.none': 'No order yet – no RFM scores.',
    'cp.fc.title': 'Forecast',
    'cp.fc.p_alive': 'P(alive): probability of still being a customer',
    'cp.fc.e30': 'Expected purchases in 30 days',
    'cp.fc.e90': 'Expected purchases in 90 days',
    'cp.fc.e365': 'Expected purchases in 365 days',
    'cp.fc.value': 'Expected order value',
    'cp.fc.clv': 'CLV ({n} months, discounted)',
    'cp.fc.risk': 'Risk by the forecast',
    'cp.fc.scored': 'Scored on {date}, as of {as_of}.',
    'cp.fc.none': 'No forecast for this customer yet (retain clv fit and retain clv score).',
    'cp.cons.title': 'Consents',
    'cp.cons.channel': 'Channel',
    'cp.cons.status': 'Status',
    'cp.cons.basis': 'Basis',
    'cp.cons.source': 'Source',
    'cp.cons.changed': 'Changed',
    'cp.cons.failed': 'Consents not available: {error}',
    'cp.status.granted': 'Granted',
    'cp.status.denied': 'Denied',
    'cp.status.revoked': 'Revoked',
    'cp.status.unknown': 'Unknown',
    'cp.basis.consent': 'Consent',
    'cp.basis.double_opt_in': 'Double opt-in',
    'cp.basis.uwg_7_3': '§ 7 (3) UWG (existing customer)',
    'cp.basis.contract': 'Contract',
    'cp.source.import': 'Import',
    'cp.source.api': 'API',
    'cp.source.form': 'Form',
    'cp.source.unsubscribe': 'Unsubscribe link',
    'cp.channel.email': 'E-mail',
    'cp.channel.sms': 'SMS',
    'cp.channel.phone': 'Phone',
    'cp.channel.letter': 'Letter',
    'cp.channel.chat': 'Chat',
    'cp.channel.store': 'Store',
    'cp.channel.online': 'Online',
    'cp.channel.social': 'Social media',
    'cp.channel.other': 'Other',
    'cp.rec.title': 'Recommendations',
    'cp.rec.product': 'Product',
    'cp.rec.reason': 'Why',
    'cp.rec.confidence': 'Confidence',
    'cp.rec.because': 'Often bought with “{name}”',
    'cp.rec.popular': 'Popular in the shop',
    'cp.rec.none': 'No recommendations.',
    'cp.rec.failed': 'Recommendations not available: {error}',
    'cp.club.title': 'Kunden-Club',
    'cp.club.tier': 'Tier',
    'cp.club.points': 'Points available',
    'cp.club.pending': 'Points pending',
    'cp.club.expiring': 'Expiring in 30 days',
    'cp.club.next': 'To {tier}',
    'cp.club.since': 'Member since',
    'cp.club.open': 'Open in the Kunden-Club',
    'cp.club.none': 'Not a member of the Kunden-Club.',
    'cp.club.unknown': 'The membership is shown in the Kunden-Club.',
    'cp.club.failed': 'Kunden-Club not available: {error}',
    'cp.tl.title': 'Timeline',
    'cp.tl.kind': 'Show',
    'cp.tl.all': 'Everything ({n})',
    'cp.tl.more': 'Show {n} more',
    'cp.tl.empty': 'Nothing has happened yet.',
    'cp.tl.partial': 'Not complete: {what}',
    'cp.tl.kind.order': 'Orders ({n})',
    'cp.tl.kind.return': 'Returns ({n})',
    'cp.tl.kind.contact': 'Contacts ({n})',
    'cp.tl.kind.points': 'Points ({n})',
    'cp.tl.kind.feedback': 'Feedback ({n})',
    'cp.tl.kind.conversation': 'Service ({n})',
    'cp.tl.kind.task': 'Tasks ({n})',
    'cp.tl.badge.order': 'Order',
    'cp.tl.badge.return': 'Return',
    'cp.tl.badge.contact': 'Contact',
    'cp.tl.badge.points': 'Points',
    'cp.tl.badge.feedback': 'Feedback',
    'cp.tl.badge.conversation': 'Service',
    'cp.tl.badge.task': 'Task',
    'cp.order.title': '{id} · {channel} · {total}',
    'cp.order.store': 'Store {store}',
    'cp.order.lines': '{n} items',
    'cp.order.line': 'Item',
    'cp.order.sku': 'SKU',
    'cp.order.size': 'Size',
    'cp.order.qty': 'Qty',
    'cp.order.price': 'Unit price',
    'cp.order.discount': 'Discount',
    'cp.return.title': '{id} of order {order} · {amount}',
    'cp.contact.title': '{trigger} by {channel} · {status}',
    'cp.contact.template': 'Template',
    'cp.contact.offer': 'Offer',
    'cp.contact.reason': 'Reason',
    'cp.contact.error': 'Error',
    'cp.offer.voucher': 'voucher for {value}',
    'cp.offer.points': '{value} points',
    'cp.contact.sent': 'Sent',
    'cp.points.title': '{points} · {kind}',
    'cp.points.ref': 'Reference {ref}',
    'cp.feedback.title': 'Rating {score}/10 · {group}',
    'cp.feedback.promoter': 'Promoter',
    'cp.feedback.passive': 'Passive',
    'cp.feedback.detractor': 'Detractor',
    'cp.feedback.order': 'on order {order}',
    'cp.conv.title': '{topic} by {channel} · {status}',
    'cp.conv.complaint': 'Complaint',
    'cp.conv.assignee': 'Handled by {who}',
    'cp.conv.closed': 'closed on {date}',
    'cp.task.title': '{kind} · {status}',
    'cp.task.due': 'due on {date}',
    'cp.task.assignee': 'assigned to {who}',
    'cp.trigger.service_problem': 'Service problem',
    'cp.trigger.order_problem': 'Problem with an order',
    'cp.trigger.complaint': 'Complaint',
    'cp.trigger.feedback_request': 'Feedback request',
    'cp.trigger.renewal': 'Renewal',
    'cp.trigger.tier_change': 'New club tier',
    'cp.trigger.points_expiring': 'Points expiring',
    'cp.trigger.birthday': 'Birthday',
    'cp.trigger.event_invitation': 'Invitation',
    'cp.trigger.review_invitation': 'Review invitation',
    'cp.trigger.milestone': 'Milestone',
    'cp.trigger.surprise': 'Surprise',
    'cp.trigger.keep_in_touch': 'Keep in touch',
    'cp.trigger.win_back': 'Win-back',
    'cp.trigger.new_in_category': 'New in the favourite category',
    'cp.trigger.satisfaction_call': 'Satisfaction call',
    'cp.cstatus.planned': 'planned',
    'cp.cstatus.sending': 'sending',
    'cp.cstatus.sent': 'sent',
    'cp.cstatus.failed': 'failed',
    'cp.cstatus.exported': 'exported',
    'cp.cstatus.done': 'done',
    'cp.cstatus.open': 'open',
    'cp.cstatus.waiting': 'waiting',
    'cp.cstatus.closed': 'closed',
    'cp.cstatus.cancelled': 'cancelled',
    'cp.ledger.earn': 'earned',
    'cp.ledger.bonus': 'bonus',
    'cp.ledger.reverse': 'reversed (return)',
    'cp.ledger.redeem': 'redeemed',
    'cp.ledger.restore': 'restored',
    'cp.ledger.expire': 'expired',
    'cp.taskkind.call_back': 'Call-back',
    'cp.taskkind.callback': 'Call-back',
    'cp.taskkind.satisfaction_call': 'Satisfaction call',
    'cp.taskkind.other': 'Task',
    'cp.part.contacts': 'contacts',
    'cp.part.points': 'points',
  },
};

export const texts = { de: { ...listTexts.de, ...own.de }, en: { ...listTexts.en, ...own.en } };

const KINDS = ['order', 'return', 'contact', 'points', 'feedback', 'conversation', 'task'];
const TIMELINE_PAGE = 40;
const LEDGER_PAGE = 500;
const LEDGER_PAGES = 5;

// The text of key when one is known, else the raw value (or '–').
function known(t, key, raw) {
  if (raw === null || raw === undefined || raw === '') return '–';
  const s = t(key);
  return s === key ? String(raw) : s;
}

// A day "YYYY-MM-DD" of an ISO time as written (the shop's local day).
const dayOf = (iso) => (iso ? String(iso).slice(0, 10) : '');
// Milliseconds of an ISO time or a day (noon UTC), for sorting.
function timeOf(iso) {
  if (!iso) return 0;
  const s = String(iso);
  const ms = Date.parse(s.length === 10 ? `${s}T12:00:00Z` : s);
  return Number.isNaN(ms) ? 0 : ms;
}

// dl.facts from [label, value] pairs (pairs with a null value left out).
function facts(pairs, attrs = {}) {
  return el('dl', { class: 'facts', ...attrs }, pairs.filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

// Whether the customer is in the Kunden-Club: 'member', 'none', or
// 'unknown' when the profile does not say (then nothing is asked, so a
// non-member causes no failed request).
function clubState(data) {
  const l = data.loyalty ?? data.profile?.loyalty;
  if (l === undefined) return typeof data.profile?.loyalty_member === 'boolean' ? (data.profile.loyalty_member ? 'member' : 'none') : 'unknown';
  if (l === null || l === false || (typeof l === 'object' && l.member === false)) return 'none';
  return 'member';
}

// The member's ledger entries, all pages up to a limit.
async function ledger(api, id) {
  const entries = [];
  let after;
  for (let i = 0; i < LEDGER_PAGES; i++) {
    const page = await api.get(`loyalty/members/${encodeURIComponent(id)}/history`, { after, limit: LEDGER_PAGE });
    entries.push(...(page.entries || []));
    if (page.next_after === null || page.next_after === undefined) break;
    after = page.next_after;
  }
  return entries;
}

// Everything besides the profile, asked at once; a part that fails is an
// Error in its slot.
async function extras(ctx, id, data) {
  const { api } = ctx;
  const path = `customers/${encodeURIComponent(id)}`;
  const member = clubState(data) === 'member';
  const fail = (e) => (e instanceof Error ? e : new Error(String(e)));
  const [recs, consents, contacts, club, points] = await Promise.all([
    api.get(`${path}/recommendations`).catch(fail),
    api.get(`${path}/consents`).catch(fail),
    api.get(`${path}/contacts`, { limit: 200 }).catch(fail),
    member ? api.get(`loyalty/members/${encodeURIComponent(id)}`).catch(fail) : null,
    member ? ledger(api, id).catch(fail) : null,
  ]);
  return { recs, consents, contacts, club, points };
}

// The header's facts side by side: a dl of label/value pairs.
function headFacts(pairs) {
  return el('dl', { class: 'customer-facts', id: 'customer-facts' }, pairs.filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => el('div', {}, el('dt', {}, k), el('dd', {}, v))));
}

function header(ctx, data) {
  const { t } = ctx;
  const p = data.profile || {};
  const type = p.type ? known(t, `cp.type.${p.type}`, p.type) : '–';
  return el('div', { class: 'customer-head' },
    el('p', {}, el('a', { href: lastListHash(), id: 'customer-back' }, t('cp.back'))),
    el('h1', { id: 'customer-name' }, customerName(t, p)),
    headFacts([
      [t('cp.id'), el('span', { id: 'customer-id' }, p.customer_id || '–')],
      [t('cp.city'), [p.postal_code, p.city].filter(Boolean).join(' ') || '–'],
      [t('cp.type'), p.company ? `${type} · ${p.company}` : type],
      [t('cp.language'), known(t, `cp.lang.${p.language}`, p.language)],
      [t('cp.email'), p.email ? el('a', { href: `mailto:${p.email}` }, p.email) : '–'],
      [t('cp.phone'), p.phone ? el('a', { href: `tel:${p.phone.replace(/\s+/g, '')}` }, p.phone) : '–'],
      [t('cp.tags'), p.tags?.length ? p.tags.map((tag) => el('span', { class: 'badge' }, tag)) : null],
    ]));
}

function tiles(ctx, data) {
  const { t, fmt } = ctx;
  const s = data.totals || {};
  return el('div', { class: 'kpis', id: 'customer-kpis' },
    kpiTile({ id: 'orders', label: t('cp.kpi.orders'), value: fmt.number(s.orders) }),
    kpiTile({ id: 'revenue', label: t('cp.kpi.revenue'), value: fmt.money(s.revenue) }),
    kpiTile({ id: 'aov', label: t('cp.kpi.aov'), value: s.orders ? fmt.money(Math.round(s.revenue / s.orders)) : '–' }),
    kpiTile({ id: 'returned', label: t('cp.kpi.returned'), value: fmt.money(s.returned) }),
    kpiTile({ id: 'clv', label: t('cp.kpi.clv'), value: fmt.money(data.clv?.clv) }));
}

function classificationCard(ctx, data) {
  const { t, fmt } = ctx;
  const c = data.classification || {};
  const first = (data.orders || []).reduce((m, o) => (!m || timeOf(o.ordered_at) < timeOf(m) ? o.ordered_at : m), null);
  const months = first && data.as_of ? Math.max(0, Math.floor((timeOf(data.as_of) - timeOf(first)) / (30.4375 * 86400000))) : null;
  const risk = data.risk || {};
  return card(t('cp.class.title'), facts([
    [t('cp.class.tenure'), c.tenure ? [known(t, `cp.class.${c.tenure}`, c.tenure), ' ', el('span', { class: 'muted' }, `(${t('cp.class.rule', { n: c.existing_min_orders ?? 2 })})`)] : '–'],
    [t('cp.class.since'), first ? t('cp.class.months', { date: fmt.date(dayOf(first)), n: fmt.number(months) }) : '–'],
    [t('cp.class.risk'), [riskBadge(t, risk.band || data.clv?.risk), risk.raised_by_complaint ? el('span', { class: 'muted' }, ` ${t('cp.class.complaint')}`) : null]],
  ]), { id: 'customer-classification' });
}

function lifecycleCard(ctx, data) {
  const { t, fmt } = ctx;
  const l = data.lifecycle || {};
  return card(t('cp.life.title'), el('div', {},
    facts([
      [t('cp.life.stage'), lifecycleBadge(t, l.stage)],
      [t('cp.life.since'), fmt.number(l.days_since_last_order)],
      [t('cp.life.own'), l.own_gap_days != null ? t('cp.life.days', { n: fmt.number(l.own_gap_days, 1) }) : data.totals?.orders ? t('cp.life.own.none') : '–'],
      [t('cp.life.expected'), l.expected_gap_days == null ? '–' : t('cp.life.days', { n: fmt.number(l.expected_gap_days, 1) })],
    ]),
    el('p', { class: 'muted customer-note' }, t('cp.life.note'))), { id: 'customer-lifecycle' });
}

function rfmCard(ctx, data) {
  const { t, fmt } = ctx;
  const r = data.rfm;
  if (!r) return card(t('cp.rfm.title'), el('p', { class: 'muted' }, t('cp.rfm.none')), { id: 'customer-rfm' });
  const score = (letter, v) => el('span', { class: 'score', 'data-score': letter.toLowerCase() }, el('abbr', { title: letter }, letter), ` ${v ?? '–'}`);
  return card(t('cp.rfm.title'), facts([
    [t('cp.rfm.segment'), r.segment ? el('a', { href: `#/customers?rfm_segment=${encodeURIComponent(r.segment)}`, id: 'customer-rfm-segment' }, r.segment) : '–'],
    [t('cp.rfm.scores'), el('span', { class: 'scores' }, score('R', r.r), ' · ', score('F', r.f), ' · ', score('M', r.m))],
    [t('cp.rfm.recency'), fmt.number(r.recency_days)],
    [t('cp.rfm.frequency'), fmt.number(r.frequency)],
    [t('cp.rfm.monetary'), fmt.money(r.monetary)],
  ]), { id: 'customer-rfm' });
}

function forecastCard(ctx, data) {
  const { t, fmt } = ctx;
  const c = data.clv;
  if (!c) return card(t('cp.fc.title'), message('info', t('cp.fc.none')), { id: 'customer-forecast' });
  return card(t('cp.fc.title'), el('div', {},
    facts([
      [t('cp.fc.p_alive'), el('span', { id: 'customer-p-alive' }, fmt.share(c.p_alive))],
      [t('cp.fc.e30'), fmt.number(c.expected_30d, 2)],
      [t('cp.fc.e90'), fmt.number(c.expected_90d, 2)],
      [t('cp.fc.e365'), fmt.number(c.expected_365d, 2)],
      [t('cp.fc.value'), fmt.money(c.expected_value)],
      [t('cp.fc.clv', { n: c.horizon_months ?? 12 }), el('strong', { id: 'customer-clv' }, fmt.money(c.clv))],
      [t('cp.fc.risk'), riskBadge(t, c.risk)],
    ]),
    c.scored_at ? el('p', { class: 'muted customer-note' }, t('cp.fc.scored', { date: fmt.date(dayOf(c.scored_at)), as_of: fmt.date(c.as_of) })) : null), { id: 'customer-forecast' });
}

// The consent that counts per channel (from /consents, else the profile's).
function consentsCard(ctx, data, consents) {
  const { t, fmt } = ctx;
  let rows;
  let note = null;
  if (consents instanceof Error || !consents) {
    note = consents ? message('error', t('cp.cons.failed', { error: errorText(consents) })) : null;
    rows = Object.entries(data.profile?.consents || {}).map(([channel, status]) => ({ channel, status: status || 'unknown' }));
  } else {
    rows = consents.consents || [];
  }
  const tone = { granted: 'low', denied: 'high', revoked: 'high', unknown: '' };
  const body = el('div', { class: 'table-wrap' }, el('table', { class: 'data', id: 'customer-consents-table' },
    el('thead', {}, el('tr', {}, [t('cp.cons.channel'), t('cp.cons.status'), t('cp.cons.basis'), t('cp.cons.source'), t('cp.cons.changed')]
      .map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.map((r) => el('tr', { 'data-channel': r.channel },
      el('th', { scope: 'row' }, known(t, `cp.channel.${r.channel}`, r.channel)),
      el('td', {}, el('span', { class: `badge ${tone[r.status] ?? ''}` }, known(t, `cp.status.${r.status}`, r.status))),
      el('td', {}, known(t, `cp.basis.${r.basis}`, r.basis)),
      el('td', {}, known(t, `cp.source.${r.source}`, r.source)),
      el('td', {}, r.changed_at ? fmt.date(dayOf(r.changed_at)) : '–'))))));
  return card(t('cp.cons.title'), el('div', {}, note, body), { id: 'customer-consents' });
}

// Product names by SKU from the customer's order lines.
function productNames(data) {
  const names = new Map();
  for (const o of data.orders || []) for (const l of o.lines || []) if (l.sku && l.name) names.set(l.sku, l.name);
  return names;
}

function recommendationsCard(ctx, data, recs) {
  const { t, fmt } = ctx;
  const id = 'customer-recommendations';
  if (recs instanceof Error) return card(t('cp.rec.title'), message('error', t('cp.rec.failed', { error: errorText(recs) })), { id });
  const list = recs?.recommendations || [];
  if (!list.length) return card(t('cp.rec.title'), el('p', { class: 'muted' }, t('cp.rec.none')), { id });
  const names = productNames(data);
  const body = el('div', { class: 'table-wrap' }, el('table', { class: 'data', id: 'customer-recommendations-table' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('cp.rec.product')), el('th', { scope: 'col' }, t('cp.rec.reason')), el('th', { scope: 'col', class: 'num' }, t('cp.rec.confidence')))),
    el('tbody', {}, list.map((r) => el('tr', { 'data-sku': r.sku },
      el('td', {}, r.name || r.sku, ' ', el('span', { class: 'muted' }, `(${r.sku})`)),
      el('td', {}, r.because_of
        ? t('cp.rec.because', { name: names.has(r.because_of) ? `${names.get(r.because_of)} (${r.because_of})` : r.because_of })
        : t('cp.rec.popular')),
      el('td', { class: 'num' }, r.because_of ? fmt.share(r.confidence, 0) : '–'))))));
  return card(t('cp.rec.title'), body, { id });
}

function clubCard(ctx, id, state, club) {
  const { t, fmt } = ctx;
  const link = el('p', {}, el('a', { href: `#/club/${encodeURIComponent(id)}`, id: 'customer-club-link' }, t('cp.club.open')));
  let body;
  if (state === 'none') body = el('p', { class: 'muted' }, t('cp.club.none'));
  else if (state === 'unknown') body = el('div', {}, el('p', { class: 'muted' }, t('cp.club.unknown')), link);
  else if (club instanceof Error) body = el('div', {}, message('error', t('cp.club.failed', { error: errorText(club) })), link);
  else {
    body = el('div', {}, facts([
      [t('cp.club.tier'), el('strong', { id: 'customer-club-tier' }, club?.tier || '–')],
      [t('cp.club.points'), el('span', { id: 'customer-club-points' }, fmt.number(club?.points_available))],
      [t('cp.club.pending'), club?.points_pending ? fmt.number(club.points_pending) : null],
      [t('cp.club.expiring'), club?.points_expiring_30d ? fmt.number(club.points_expiring_30d) : null],
      [club?.next_tier ? t('cp.club.next', { tier: club.next_tier }) : null, club?.next_tier ? fmt.number(club.points_to_next_tier) : null],
      [t('cp.club.since'), fmt.date(club?.member_since)],
    ].filter(([k]) => k)), link);
  }
  return card(t('cp.club.title'), body, { id: 'customer-club' });
}

// One order's lines as a table inside <details>.
function orderLines(ctx, order) {
  const { t, fmt } = ctx;
  const lines = order.lines || [];
  if (!lines.length) return null;
  const items = lines.reduce((n, l) => n + (l.quantity || 0), 0);
  return el('details', { class: 'order-lines' },
    el('summary', {}, t('cp.order.lines', { n: fmt.number(items) })),
    el('div', { class: 'table-wrap' }, el('table', { class: 'data' },
      el('thead', {}, el('tr', {}, [[t('cp.order.line')], [t('cp.order.sku')], [t('cp.order.size')], [t('cp.order.qty'), 1], [t('cp.order.price'), 1], [t('cp.order.discount'), 1]]
        .map(([h, num]) => el('th', { scope: 'col', class: num ? 'num' : undefined }, h)))),
      el('tbody', {}, lines.map((l) => el('tr', {},
        el('td', {}, l.name || '–', l.category ? el('span', { class: 'muted' }, ` · ${l.category}`) : null),
        el('td', {}, l.sku || '–'),
        el('td', {}, l.size || '–'),
        el('td', { class: 'num' }, fmt.number(l.quantity)),
        el('td', { class: 'num' }, fmt.money(l.unit_price, order.currency || 'EUR')),
        el('td', { class: 'num' }, l.discount ? fmt.money(l.discount, order.currency || 'EUR') : '–')))))));
}

// A contact's offer in words: a voucher's amount, points, or as given.
function offerText(ctx, offer) {
  const { t, fmt } = ctx;
  if (typeof offer !== 'object') return String(offer);
  if (offer.kind === 'voucher') return t('cp.offer.voucher', { value: fmt.money(offer.value) });
  if (offer.kind === 'points') return t('cp.offer.points', { value: fmt.number(offer.value) });
  return [offer.kind, offer.value].filter((v) => v !== undefined && v !== null && v !== '').join(' ') || '–';
}

// The timeline's entries: { kind, at (ms), day, title, detail }.
function events(ctx, data, contacts, points) {
  const { t, fmt } = ctx;
  const out = [];
  const push = (kind, when, title, detail) => out.push({ kind, at: timeOf(when), day: dayOf(when), title, detail });
  for (const o of data.orders || []) {
    const channel = o.channel === 'store' && o.store_id ? t('cp.order.store', { store: o.store_id }) : known(t, `cp.channel.${o.channel}`, o.channel);
    push('order', o.ordered_at, t('cp.order.title', { id: o.order_id, channel, total: fmt.money(o.total, o.currency || 'EUR') }), orderLines(ctx, o));
  }
  for (const r of data.returns || []) {
    push('return', r.returned_at, t('cp.return.title', { id: r.return_id, order: r.order_id || '–', amount: fmt.money(r.amount) }), r.reason || null);
  }
  for (const c of Array.isArray(contacts) ? contacts : contacts?.contacts || []) {
    const detail = [
      c.template ? `${t('cp.contact.template')}: ${c.template}` : null,
      c.offer ? `${t('cp.contact.offer')}: ${offerText(ctx, c.offer)}` : null,
      c.reason ? `${t('cp.contact.reason')}: ${c.reason}` : null,
      c.sent_at ? `${t('cp.contact.sent')}: ${fmt.dateTime(c.sent_at)}` : null,
      c.error ? `${t('cp.contact.error')}: ${c.error}` : null,
    ].filter(Boolean).join(' · ');
    push('contact', c.day || c.sent_at, t('cp.contact.title', {
      trigger: known(t, `cp.trigger.${c.trigger}`, c.trigger),
      channel: known(t, `cp.channel.${c.channel}`, c.channel),
      status: known(t, `cp.cstatus.${c.status}`, c.status),
    }), detail || null);
  }
  for (const p of points || []) {
    const n = p.points > 0 ? `+${fmt.number(p.points)}` : fmt.number(p.points);
    push('points', p.day, t('cp.points.title', { points: n, kind: known(t, `cp.ledger.${p.kind}`, p.kind) }), p.reference ? t('cp.points.ref', { ref: p.reference }) : null);
  }
  for (const f of data.feedback || []) {
    const group = f.score >= 9 ? 'promoter' : f.score >= 7 ? 'passive' : 'detractor';
    const detail = [f.order_id ? t('cp.feedback.order', { order: f.order_id }) : null, f.comment ? `„${f.comment}“` : null].filter(Boolean).join(' · ');
    push('feedback', f.day, t('cp.feedback.title', { score: f.score, group: t(`cp.feedback.${group}`) }), detail || null);
  }
  for (const c of data.conversations || []) {
    const topic = c.complaint || c.topic === 'complaint' ? t('cp.conv.complaint') : c.topic || '–';
    const detail = [c.assignee ? t('cp.conv.assignee', { who: c.assignee }) : null, c.closed_at ? t('cp.conv.closed', { date: fmt.date(dayOf(c.closed_at)) }) : null].filter(Boolean).join(' · ');
    push('conversation', c.opened_at || c.day, t('cp.conv.title', { topic, channel: known(t, `cp.channel.${c.channel}`, c.channel), status: known(t, `cp.cstatus.${c.status}`, c.status) }), detail || null);
  }
  for (const k of data.tasks || []) {
    const detail = [t('cp.task.due', { date: fmt.date(k.due) }), k.assignee ? t('cp.task.assignee', { who: k.assignee }) : null, k.reason || null].filter(Boolean).join(' · ');
    push('task', k.due, t('cp.task.title', { kind: known(t, `cp.taskkind.${k.kind}`, k.kind), status: known(t, `cp.cstatus.${k.status}`, k.status) }), detail);
  }
  return out.sort((a, b) => b.at - a.at);
}

// The merged timeline with a filter by kind and "show more".
function timelineCard(ctx, list, missing) {
  const { t, fmt } = ctx;
  const counts = Object.fromEntries(KINDS.map((k) => [k, list.filter((e) => e.kind === k).length]));
  const kind = select([['', t('cp.tl.all', { n: fmt.number(list.length) })], ...KINDS.filter((k) => counts[k]).map((k) => [k, t(`cp.tl.kind.${k}`, { n: fmt.number(counts[k]) })])], '', { id: 'timeline-kind' });
  const ul = el('ol', { class: 'timeline', id: 'customer-timeline-list' });
  const more = el('button', { type: 'button', id: 'timeline-more' });
  let shown = TIMELINE_PAGE;
  const draw = () => {
    const rows = kind.value ? list.filter((e) => e.kind === kind.value) : list;
    fill(ul, rows.slice(0, shown).map((e) => el('li', { 'data-kind': e.kind },
      el('div', { class: 'when' }, fmt.date(e.day)),
      el('div', {}, el('span', { class: `badge kind-${e.kind}` }, t(`cp.tl.badge.${e.kind}`)), ' ', el('span', { class: 'what' }, e.title),
        e.detail ? (e.detail instanceof Node ? e.detail : el('div', { class: 'muted customer-note' }, e.detail)) : null))));
    const rest = rows.length - shown;
    more.hidden = rest <= 0;
    fill(more, t('cp.tl.more', { n: fmt.number(Math.min(rest, TIMELINE_PAGE)) }));
  };
  kind.addEventListener('change', () => { shown = TIMELINE_PAGE; draw(); });
  more.addEventListener('click', () => { shown += TIMELINE_PAGE; draw(); });
  draw();
  return card(t('cp.tl.title'), el('div', {},
    missing.length ? message('warn', t('cp.tl.partial', { what: missing.join('; ') })) : null,
    list.length ? [el('div', { class: 'filters' }, field(t('cp.tl.kind'), kind)), ul, more] : el('p', { class: 'muted' }, t('cp.tl.empty'))), { id: 'customer-timeline' });
}

export default async function render(view, ctx) {
  const { api, t } = ctx;
  const id = ctx.params.id;
  let data;
  try {
    data = await api.get(`customers/${encodeURIComponent(id)}`);
  } catch (e) {
    const back = el('p', {}, el('a', { href: lastListHash(), id: 'customer-back' }, t('cp.back')));
    if (e.status === 404) return fill(view, back, el('h1', { id: 'customer-name' }, id), message('error', t('cp.notfound', { id })));
    throw e;
  }
  const state = clubState(data);
  const more = await extras(ctx, id, data);
  const missing = [];
  if (more.contacts instanceof Error) missing.push(`${t('cp.part.contacts')}: ${errorText(more.contacts)}`);
  if (more.points instanceof Error) missing.push(`${t('cp.part.points')}: ${errorText(more.points)}`);
  const list = events(ctx, data,
    more.contacts instanceof Error ? null : more.contacts,
    more.points instanceof Error ? null : more.points);
  fill(view,
    header(ctx, data),
    tiles(ctx, data),
    el('div', { class: 'grid' },
      classificationCard(ctx, data),
      lifecycleCard(ctx, data),
      rfmCard(ctx, data),
      forecastCard(ctx, data),
      consentsCard(ctx, data, more.consents),
      recommendationsCard(ctx, data, more.recs),
      clubCard(ctx, id, state, more.club)),
    timelineCard(ctx, list, missing));
}
