// Kunden / Customers: the customer table of /customers?view=summary with
// its filters (search, segment rule, saved segment, RFM segment, lifecycle
// stage, risk band) kept in the hash query, so links from other pages and
// the back button work; sortable columns, paging, the total and a CSV
// export of every matching row.
import { el, errorText, field, fill, message, pageHeader, pager, select, table, download } from './ui.js';

export const texts = {
  de: {
    'cu.title': 'Kunden',
    'cu.filters': 'Filter',
    'cu.q': 'Suche',
    'cu.q.hint': 'Name, Kundennummer oder E-Mail',
    'cu.rule': 'Segment-Regel',
    'cu.rule.hint': 'z. B. orders >= 2 and city = "Berlin"',
    'cu.segment': 'Gespeichertes Segment',
    'cu.rfm': 'RFM-Segment',
    'cu.lifecycle': 'Lebenszyklus',
    'cu.risk': 'Abwanderungsrisiko',
    'cu.all': 'Alle',
    'cu.apply': 'Anzeigen',
    'cu.reset': 'Filter zurücksetzen',
    'cu.export': 'CSV-Export',
    'cu.exporting': 'Wird exportiert …',
    'cu.export.failed': 'Export nicht möglich: {error}',
    'cu.total': '{n} Kunden',
    'cu.total.one': '1 Kunde',
    'cu.none': 'Keine Kunden passen zu diesen Filtern.',
    'cu.failed': 'Die Kundenliste konnte nicht geladen werden: {error}',
    'cu.invalid': 'Bitte die markierte Angabe prüfen.',
    'cu.caption': 'Kundenliste; Spaltenköpfe sortieren die Liste; CLV: abgezinster Kundenwert der nächsten 12 Monate',
    'cu.col.name': 'Name und Ort',
    'cu.col.id': 'Kundennr.',
    'cu.col.orders': 'Bestellungen',
    'cu.col.revenue': 'Umsatz',
    'cu.col.last_order': 'Letzter Kauf',
    'cu.days_ago': 'vor {n} Tagen',
    'cu.col.rfm': 'RFM-Segment',
    'cu.col.lifecycle': 'Lebenszyklus',
    'cu.col.risk': 'Risiko',
    'cu.col.p_alive': 'P(aktiv)',
    'cu.col.clv': 'CLV',
    'cu.noname': '(ohne Namen)',
    'cu.lifecycle.new': 'Neu',
    'cu.lifecycle.active': 'Aktiv',
    'cu.lifecycle.at_risk': 'Gefährdet',
    'cu.lifecycle.lapsed': 'Überfällig',
    'cu.lifecycle.churned': 'Abgewandert',
    'cu.lifecycle.reactivated': 'Reaktiviert',
    'cu.risk.low': 'Niedrig',
    'cu.risk.medium': 'Mittel',
    'cu.risk.high': 'Hoch',
  },
  en: {
    'cu.title': 'Customers',
    'cu.filters': 'Filters',
    'cu.q': 'Search',
    'cu.q.hint': 'Name, customer id or e-mail',
    'cu.rule': 'Segment rule',
    'cu.rule.hint': 'e.g. orders >= 2 and city = "Berlin"',
    'cu.segment': 'Saved segment',
    'cu.rfm': 'RFM segment',
    'cu.lifecycle': 'Lifecycle stage',
    'cu.risk': 'Churn risk',
    'cu.all': 'All',
    'cu.apply': 'Show',
    'cu.reset': 'Reset filters',
    'cu.export': 'CSV export',
    'cu.exporting': 'Exporting …',
    'cu.export.failed': 'Cannot export: {error}',
    'cu.total': '{n} customers',
    'cu.total.one': '1 customer',
    'cu.none': 'No customers match these filters.',
    'cu.failed': 'The customer list could not be loaded: {error}',
    'cu.invalid': 'Please check the marked entry.',
    'cu.caption': 'Customer list; the column headings sort it; CLV: discounted customer value of the next 12 months',
    'cu.col.name': 'Name and city',
    'cu.col.id': 'Customer id',
    'cu.col.orders': 'Orders',
    'cu.col.revenue': 'Revenue',
    'cu.col.last_order': 'Last order',
    'cu.days_ago': '{n} days ago',
    'cu.col.rfm': 'RFM segment',
    'cu.col.lifecycle': 'Lifecycle',
    'cu.col.risk': 'Risk',
    'cu.col.p_alive': 'P(alive)',
    'cu.col.clv': 'CLV',
    'cu.noname': '(no name)',
    'cu.lifecycle.new': 'New',
    'cu.lifecycle.active': 'Active',
    'cu.lifecycle.at_risk': 'At risk',
    'cu.lifecycle.lapsed': 'Lapsed',
    'cu.lifecycle.churned': 'Churned',
    'cu.lifecycle.reactivated': 'Reactivated',
    'cu.risk.low': 'Low',
    'cu.risk.medium': 'Medium',
    'cu.risk.high': 'High',
  },
};

export const LIFECYCLES = ['new', 'active', 'at_risk', 'lapsed', 'churned', 'reactivated'];
export const RISKS = ['low', 'medium', 'high'];
const PAGE = 50;
let listHash = '#/customers';

// The hash of the customer list as last shown (filters, sort and page), for
// the profile's way back.
export function lastListHash() {
  return listHash;
}
// The filters: hash query name = API parameter name, and the control's id.
const FILTERS = [
  ['q', 'filter-q'],
  ['rule', 'filter-rule'],
  ['segment', 'filter-segment'],
  ['rfm_segment', 'filter-rfm'],
  ['lifecycle', 'filter-lifecycle'],
  ['risk', 'filter-risk'],
];
// Badge colour of a lifecycle stage (the text says the stage).
const LIFECYCLE_TONE = { new: 'low', active: 'low', reactivated: 'low', at_risk: 'medium', lapsed: 'medium', churned: 'high' };

// A badge for a lifecycle stage ('–' without one).
export function lifecycleBadge(t, stage) {
  if (!stage) return '–';
  return el('span', { class: `badge ${LIFECYCLE_TONE[stage] || ''}`, 'data-lifecycle': stage }, t(`cu.lifecycle.${stage}`));
}

// A badge for a churn-risk band ('–' without one).
export function riskBadge(t, band) {
  if (!band) return '–';
  return el('span', { class: `badge ${band}`, 'data-risk': band }, t(`cu.risk.${band}`));
}

// A customer's display name: first and last name, else the e-mail.
export function customerName(t, c) {
  const name = [c.first_name, c.last_name].filter(Boolean).join(' ');
  return name || c.email || t('cu.noname');
}

// The filter values of the hash query (empty ones left out).
function filtersOf(query) {
  const out = {};
  for (const [name] of FILTERS) {
    const v = (query.get(name) || '').trim();
    if (v) out[name] = v;
  }
  return out;
}

// The table's columns; sort keys are the server's.
function columns(ctx) {
  const { t, fmt } = ctx;
  return [
    {
      key: 'name', label: t('cu.col.name'), sort: 'name',
      render: (c) => [el('a', { href: `#/customers/${encodeURIComponent(c.customer_id)}` }, customerName(t, c)), c.city ? el('div', { class: 'muted customer-note' }, c.city) : null],
    },
    { key: 'customer_id', label: t('cu.col.id'), sort: 'customer_id' },
    { key: 'orders', label: t('cu.col.orders'), num: true, sort: 'orders', render: (c) => fmt.number(c.orders) },
    { key: 'revenue', label: t('cu.col.revenue'), num: true, sort: 'revenue', render: (c) => fmt.money(c.revenue) },
    {
      key: 'last_order', label: t('cu.col.last_order'), sort: 'last_order',
      render: (c) => (c.last_order ? [fmt.date(c.last_order), el('div', { class: 'muted customer-note' }, t('cu.days_ago', { n: fmt.number(c.days_since_last_order) }))] : '–'),
    },
    { key: 'rfm', label: t('cu.col.rfm'), render: (c) => c.rfm_segment || '–' },
    { key: 'lifecycle', label: t('cu.col.lifecycle'), render: (c) => lifecycleBadge(t, c.lifecycle) },
    { key: 'risk', label: t('cu.col.risk'), render: (c) => riskBadge(t, c.risk) },
    { key: 'p_alive', label: t('cu.col.p_alive'), num: true, sort: 'p_alive', render: (c) => fmt.share(c.p_alive, 0) },
    { key: 'clv', label: t('cu.col.clv'), num: true, sort: 'clv', render: (c) => fmt.money(c.clv) },
  ];
}

// The filter form; submitting puts the values into the hash (first page).
function filterForm(ctx, filters, segments) {
  const { t } = ctx;
  const all = ['', t('cu.all')];
  const withCurrent = (names, current) => (current && !names.includes(current) ? [...names, current] : names);
  const rfmNames = withCurrent(segments.filter((s) => s.built_in).map((s) => s.name), filters.rfm_segment);
  const savedNames = withCurrent(segments.filter((s) => !s.built_in).map((s) => s.name), filters.segment);
  const controls = {
    q: el('input', { id: 'filter-q', name: 'q', type: 'search', value: filters.q || '', autocomplete: 'off', spellcheck: 'false' }),
    rule: el('input', { id: 'filter-rule', name: 'rule', type: 'text', value: filters.rule || '', autocomplete: 'off', spellcheck: 'false', class: 'rule-input' }),
    segment: select([all, ...savedNames.map((n) => [n, n])], filters.segment || '', { id: 'filter-segment', name: 'segment' }),
    rfm_segment: select([all, ...rfmNames.map((n) => [n, n])], filters.rfm_segment || '', { id: 'filter-rfm', name: 'rfm_segment' }),
    lifecycle: select([all, ...LIFECYCLES.map((s) => [s, t(`cu.lifecycle.${s}`)])], filters.lifecycle || '', { id: 'filter-lifecycle', name: 'lifecycle' }),
    risk: select([all, ...RISKS.map((s) => [s, t(`cu.risk.${s}`)])], filters.risk || '', { id: 'filter-risk', name: 'risk' }),
  };
  const ruleField = field(t('cu.rule'), controls.rule, t('cu.rule.hint'));
  ruleField.classList.add('field-wide');
  const form = el('form', { class: 'filters', id: 'customers-filters', role: 'search', 'aria-label': t('cu.filters'), novalidate: true },
    field(t('cu.q'), controls.q, t('cu.q.hint')),
    ruleField,
    savedNames.length ? field(t('cu.segment'), controls.segment) : null,
    field(t('cu.rfm'), controls.rfm_segment),
    field(t('cu.lifecycle'), controls.lifecycle),
    field(t('cu.risk'), controls.risk),
    el('div', { class: 'filter-buttons' },
      el('button', { type: 'submit', class: 'primary', id: 'filter-apply' }, t('cu.apply')),
      el('a', { href: '#/customers', id: 'filter-reset' }, t('cu.reset'))));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = {};
    for (const [name, c] of Object.entries(controls)) q[name] = c.value.trim();
    q.sort = ctx.query.get('sort') || '';
    ctx.go('customers', q);
  });
  return { form, controls };
}

// Marks the control the problem names (aria-invalid and the message next to
// it); true when one was marked.
function markInvalid(controls, problem) {
  const list = Array.isArray(problem?.errors) && problem.errors.length
    ? problem.errors
    : problem?.field ? [{ field: problem.field, message: problem.detail }] : [];
  let marked = false;
  for (const e of list) {
    const c = controls[e.field];
    if (!c) continue;
    const id = `${c.id}-error`;
    c.setAttribute('aria-invalid', 'true');
    c.setAttribute('aria-describedby', id);
    c.closest('.field').append(el('div', { class: 'field-error', id, role: 'alert' }, e.message || problem.detail));
    marked = true;
  }
  return marked;
}

// Fetches the CSV of every matching row (the key goes in a header, so a
// plain link cannot do it) and hands it to the browser as a download.
async function exportCsv(ctx, filters, sort, button, status) {
  const { t, api } = ctx;
  button.disabled = true;
  fill(button, t('cu.exporting'));
  fill(status);
  try {
    const csv = await api.get('customers', { ...filters, view: 'summary', format: 'csv', sort });
    download('customers.csv', typeof csv === 'string' ? csv : JSON.stringify(csv));
  } catch (e) {
    fill(status, message('error', t('cu.export.failed', { error: errorText(e) })));
  } finally {
    button.disabled = false;
    fill(button, t('cu.export'));
  }
}

export default async function render(view, ctx) {
  const { api, t, fmt, query } = ctx;
  listHash = location.hash || '#/customers';
  const filters = filtersOf(query);
  const sort = query.get('sort') || '';
  const offset = Math.max(0, Number.parseInt(query.get('offset') || '0', 10) || 0);
  const [segmentList, page] = await Promise.all([
    api.get('segments').catch(() => ({ segments: [] })),
    api.get('customers', { ...filters, view: 'summary', sort, offset, limit: PAGE }).catch((e) => e),
  ]);
  const { form, controls } = filterForm(ctx, filters, segmentList.segments || []);
  const exportStatus = el('div', { id: 'customers-export-status' });
  const exportButton = el('button', { type: 'button', id: 'customers-export' }, t('cu.export'));
  exportButton.addEventListener('click', () => exportCsv(ctx, filters, sort, exportButton, exportStatus));
  const here = { ...filters, sort };
  const results = el('div', { id: 'customers-results' });
  fill(view, pageHeader(t('cu.title'), exportButton), exportStatus, form, results);

  if (page instanceof Error) {
    exportButton.disabled = true;
    const known = page.status === 400 && markInvalid(controls, page.problem);
    fill(results, message('error', known ? t('cu.invalid') : t('cu.failed', { error: errorText(page) })));
    return;
  }
  const total = page.total ?? 0;
  fill(results,
    el('p', { id: 'customers-total', class: 'customers-total', role: 'status', 'data-total': total },
      total === 1 ? t('cu.total.one') : t('cu.total', { n: fmt.number(total) })),
    total === 0 || !page.customers?.length
      ? message('info', t('cu.none'))
      : [
        table(columns(ctx), page.customers, {
          sort,
          caption: t('cu.caption'),
          onSort: (key) => ctx.go('customers', { ...filters, sort: key }),
        }),
        pager({ offset: page.offset ?? offset, limit: page.limit ?? PAGE, total, onPage: (o) => ctx.go('customers', { ...here, offset: o || '' }) }),
      ]);
  const tbl = results.querySelector('table');
  if (tbl) {
    tbl.id = 'customers-table';
    tbl.querySelector('caption')?.classList.add('visually-hidden');
  }
}
