// Übersicht / Overview: the KPIs of `retain kpi` for a period with the
// change against the period before, revenue of existing and new customers
// per month, the retention rate over time, the cohort heatmap, the Lorenz
// curve with the top-20 % share and the budget split advice.
import { barChart, lineChart, colors } from './charts.js';
import { card, el, errorText, field, fill, heat, kpiTile, message, pageHeader, select } from './ui.js';

export const texts = {
  de: {
    'ov.title': 'Übersicht',
    'ov.month': 'Monat',
    'ov.period': 'Zeitraum',
    'ov.days': 'Letzte {n} Tage',
    'ov.from': 'Von',
    'ov.to': 'Bis',
    'ov.apply': 'Anzeigen',
    'ov.caption': '{from} bis {to}, verglichen mit {pfrom} bis {pto}',
    'ov.kpi.retention_rate': 'Kundenbindungsrate',
    'ov.kpi.repeat_purchase_rate': 'Wiederkaufrate',
    'ov.kpi.churn_rate': 'Abwanderungsrate',
    'ov.kpi.revenue': 'Umsatz',
    'ov.kpi.existing_revenue_share': 'Umsatzanteil Bestandskunden',
    'ov.kpi.average_order_value': 'Ø Bestellwert',
    'ov.kpi.purchase_frequency': 'Kauffrequenz',
    'ov.kpi.revenue_per_customer': 'Umsatz je Kunde',
    'ov.kpi.active_customers': 'Aktive Kunden',
    'ov.kpi.existing_customers': 'Bestandskunden',
    'ov.kpi.new_customers': 'Neukunden',
    'ov.kpi.return_rate': 'Retourenquote',
    'ov.kpi.nps': 'NPS',
    'ov.kpi.predicted_clv': 'Prognostizierter Kundenwert (12 Mon.)',
    'ov.vs': 'ggü. Vorperiode',
    'ov.revenue.title': 'Umsatz je Monat: Bestandskunden und Neukunden',
    'ov.revenue.existing': 'Bestandskunden',
    'ov.revenue.new': 'Neukunden',
    'ov.retention.title': 'Kundenbindungsrate im Zeitverlauf',
    'ov.retention.rate': 'Kundenbindungsrate',
    'ov.retention.repeat': 'Wiederkaufrate',
    'ov.retention.note': 'Je Monat: (Kunden am Monatsende − Neukunden) / Kunden am Monatsanfang, Fenster {w} Tage.',
    'ov.cohorts.title': 'Kohorten: Anteil mit Kauf im Monat +k',
    'ov.cohorts.cohort': 'Kohorte',
    'ov.cohorts.customers': 'Kunden',
    'ov.lorenz.title': 'Umsatzkonzentration (Lorenzkurve)',
    'ov.lorenz.top20': 'Die umsatzstärksten 20 % der Kunden bringen {share} des Umsatzes (Gini {gini}).',
    'ov.lorenz.curve': 'Umsatzanteil',
    'ov.lorenz.equal': 'Gleichverteilung',
    'ov.lorenz.x': 'Kundenanteil',
    'ov.budget.title': 'Budget-Empfehlung',
    'ov.budget.text': 'Bei {sales} Verkäufen pro Tag: {acq} % des Marketingbudgets für Neukundengewinnung, {ret} % für Bestandskunden.',
    'ov.budget.acquisition': 'Neukundengewinnung',
    'ov.budget.retention': 'Bestandskundenpflege',
    'ov.budget.band.less_than_1_per_day': 'weniger als 1 Verkauf pro Tag',
    'ov.budget.band.1_to_10_per_day': '1 bis 10 Verkäufe pro Tag',
    'ov.budget.band.more_than_10_per_day': 'mehr als 10 Verkäufe pro Tag',
    'ov.nodata': 'Noch keine Bestellungen: importieren Sie Ihre Daten mit „retain import“.',
    'ov.monthly.failed': 'Monatswerte nicht verfügbar: {error}',
  },
  en: {
    'ov.title': 'Overview',
    'ov.month': 'Month',
    'ov.period': 'Period',
    'ov.days': 'Last {n} days',
    'ov.from': 'From',
    'ov.to': 'To',
    'ov.apply': 'Show',
    'ov.caption': '{from} to {to}, compared with {pfrom} to {pto}',
    'ov.kpi.retention_rate': 'Retention rate',
    'ov.kpi.repeat_purchase_rate': 'Repeat purchase rate',
    'ov.kpi.churn_rate': 'Churn rate',
    'ov.kpi.revenue': 'Revenue',
    'ov.kpi.existing_revenue_share': 'Revenue share of existing customers',
    'ov.kpi.average_order_value': 'Average order value',
    'ov.kpi.purchase_frequency': 'Purchase frequency',
    'ov.kpi.revenue_per_customer': 'Revenue per customer',
    'ov.kpi.active_customers': 'Active customers',
    'ov.kpi.existing_customers': 'Existing customers',
    'ov.kpi.new_customers': 'New customers',
    'ov.kpi.return_rate': 'Return rate',
    'ov.kpi.nps': 'NPS',
    'ov.kpi.predicted_clv': 'Predicted customer value (12 months)',
    'ov.vs': 'vs previous period',
    'ov.revenue.title': 'Revenue per month: existing and new customers',
    'ov.revenue.existing': 'Existing customers',
    'ov.revenue.new': 'New customers',
    'ov.retention.title': 'Retention rate over time',
    'ov.retention.rate': 'Retention rate',
    'ov.retention.repeat': 'Repeat purchase rate',
    'ov.retention.note': 'Per month: (customers at the end − new customers) / customers at the start, window {w} days.',
    'ov.cohorts.title': 'Cohorts: share buying in month +k',
    'ov.cohorts.cohort': 'Cohort',
    'ov.cohorts.customers': 'Customers',
    'ov.lorenz.title': 'Revenue concentration (Lorenz curve)',
    'ov.lorenz.top20': 'The top 20 % of customers by revenue bring {share} of revenue (Gini {gini}).',
    'ov.lorenz.curve': 'Revenue share',
    'ov.lorenz.equal': 'Equal distribution',
    'ov.lorenz.x': 'Customer share',
    'ov.budget.title': 'Budget advice',
    'ov.budget.text': 'At {sales} sales a day: {acq} % of the marketing budget for winning new customers, {ret} % for existing customers.',
    'ov.budget.acquisition': 'Acquisition',
    'ov.budget.retention': 'Retention',
    'ov.budget.band.less_than_1_per_day': 'fewer than 1 sale a day',
    'ov.budget.band.1_to_10_per_day': '1 to 10 sales a day',
    'ov.budget.band.more_than_10_per_day': 'more than 10 sales a day',
    'ov.nodata': 'No orders yet: import your data with “retain import”.',
    'ov.monthly.failed': 'Monthly figures not available: {error}',
  },
};

const DAY = 86400000;
const iso = (d) => d.toISOString().slice(0, 10);
const addDays = (s, n) => iso(new Date(Date.parse(`${s}T00:00:00Z`) + n * DAY));
const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY) + 1;

// The KPI tiles: key, format, whether higher is better, change as
// percentage points (rates) or percent (amounts, counts).
function tiles(ctx, cur, prev) {
  const { fmt, t } = ctx;
  const spec = [
    ['retention_rate', (v) => fmt.percent(v), true, 'pp'],
    ['repeat_purchase_rate', (v) => fmt.percent(v), true, 'pp'],
    ['churn_rate', (v) => fmt.percent(v), false, 'pp'],
    ['revenue', (v) => fmt.moneyRound(v), true, '%'],
    ['existing_revenue_share', (v) => fmt.percent(v), true, 'pp'],
    ['average_order_value', (v) => fmt.money(v), true, '%'],
    ['purchase_frequency', (v) => fmt.number(v, 2), true, '%'],
    ['revenue_per_customer', (v) => fmt.money(v), true, '%'],
    ['active_customers', (v) => fmt.number(v), true, '%'],
    ['existing_customers', (v) => fmt.number(v), true, '%'],
    ['new_customers', (v) => fmt.number(v), true, '%'],
    ['return_rate', (v) => fmt.percent(v), false, 'pp'],
  ];
  const out = spec.map(([key, f, higherIsBetter, kind]) => {
    const v = cur[key];
    const p = prev ? prev[key] : null;
    let change = null;
    let good = null;
    if (v != null && p != null) {
      const d = kind === 'pp' ? v - p : p === 0 ? null : ((v - p) / Math.abs(p)) * 100;
      if (d != null) {
        change = `${kind === 'pp' ? fmt.points(d) : fmt.change(d)} ${t('ov.vs')}`;
        good = Math.abs(d) < 0.05 ? null : (d > 0) === higherIsBetter;
      }
    }
    return kpiTile({ id: key, label: t(`ov.kpi.${key}`), value: f(v), change, good });
  });
  if (cur.nps) {
    const p = prev?.nps?.nps;
    const v = cur.nps.nps;
    const d = v != null && p != null ? v - p : null;
    out.push(kpiTile({ id: 'nps', label: t('ov.kpi.nps'), value: v == null ? '–' : fmt.number(v, 1), change: d == null ? null : `${fmt.number(d, 1)} ${t('ov.vs')}`, good: d == null || Math.abs(d) < 0.05 ? null : d > 0 }));
  }
  if (cur.predicted_clv) out.push(kpiTile({ id: 'predicted_clv', label: t('ov.kpi.predicted_clv'), value: fmt.moneyRound(cur.predicted_clv.total) }));
  return el('div', { class: 'kpis', id: 'kpis' }, out);
}

function cohortTable(ctx, data) {
  const { fmt, t } = ctx;
  const cohorts = data.cohorts.slice(-12);
  const width = Math.min(12, Math.max(0, ...cohorts.map((c) => c.percent.length - 1)));
  const head = el('tr', {}, el('th', { scope: 'col' }, t('ov.cohorts.cohort')), el('th', { scope: 'col' }, t('ov.cohorts.customers')),
    Array.from({ length: width }, (_, k) => el('th', { scope: 'col' }, `+${k + 1}`)));
  const rows = cohorts.map((c) => el('tr', {},
    el('th', { scope: 'row' }, fmt.month(c.cohort, true)),
    el('td', {}, fmt.number(c.customers)),
    Array.from({ length: width }, (_, k) => {
      const v = c.percent[k + 1];
      if (v == null) return el('td', {});
      return el('td', { style: heat(v / 40) }, fmt.percent(v, 0));
    })));
  return el('div', { class: 'table-wrap' }, el('table', { class: 'heat', id: 'cohort-heatmap' }, el('thead', {}, head), el('tbody', {}, rows)));
}

export default async function render(view, ctx) {
  const { api, t, fmt, query } = ctx;
  // The period: ?from&to, or ?days (default: what /kpis defaults to, 90 days).
  // Everything is asked for at once; only the default period's end (the
  // latest order day) must be known before the previous period is asked for.
  const days = Number(query.get('days') || 90);
  const given = query.get('from') && query.get('to');
  const monthlyCall = api.get('kpis/monthly', { to: query.get('to')?.slice(0, 7) }).catch((e) => e);
  const cohortsCall = api.get('cohorts', { months: 12 }).catch(() => null);
  const first = await api.get('kpis', given ? { from: query.get('from'), to: query.get('to') } : { to: query.get('to') });
  const to = first.to;
  const from = given ? first.from : addDays(to, -(days - 1));
  const len = daysBetween(from, to);
  const pto = addDays(from, -1);
  const pfrom = addDays(pto, -(len - 1));
  const [cur, prev, monthly, cohorts] = await Promise.all([
    from === first.from ? first : api.get('kpis', { from, to }),
    api.get('kpis', { from: pfrom, to: pto }).catch(() => null),
    monthlyCall,
    cohortsCall,
  ]);

  const period = select([[ '30', t('ov.days', { n: 30 }) ], [ '90', t('ov.days', { n: 90 }) ], [ '180', t('ov.days', { n: 180 }) ], [ '365', t('ov.days', { n: 365 }) ]],
    query.get('from') ? '' : String(days), { id: 'ov-days' });
  if (query.get('from')) period.prepend(el('option', { value: '', selected: true }, `${fmt.date(from)} – ${fmt.date(to)}`));
  period.addEventListener('change', () => period.value && ctx.go('', { days: period.value, to: query.get('to') }));
  const fromInput = el('input', { type: 'date', id: 'ov-from', value: from });
  const toInput = el('input', { type: 'date', id: 'ov-to', value: to });
  const apply = el('button', { type: 'button', onclick: () => ctx.go('', { from: fromInput.value, to: toInput.value }) }, t('ov.apply'));

  const revenueBox = el('div', { class: 'chart', id: 'chart-revenue' });
  const retentionBox = el('div', { class: 'chart', id: 'chart-retention' });
  const lorenzBox = el('div', { class: 'chart', id: 'chart-lorenz' });
  const budget = cur.budget;
  fill(view,
    pageHeader(t('ov.title'), field(t('ov.period'), period), field(t('ov.from'), fromInput), field(t('ov.to'), toInput), apply),
    el('p', { class: 'muted', id: 'ov-caption' }, t('ov.caption', { from: fmt.date(from), to: fmt.date(to), pfrom: fmt.date(pfrom), pto: fmt.date(pto) })),
    cur.orders === 0 && cur.revenue === 0 ? message('info', t('ov.nodata')) : null,
    tiles(ctx, cur, prev),
    el('div', { class: 'grid' },
      card(t('ov.revenue.title'), monthly instanceof Error ? message('error', t('ov.monthly.failed', { error: errorText(monthly) })) : revenueBox, { id: 'revenue' }),
      card(t('ov.retention.title'), monthly instanceof Error ? message('error', t('ov.monthly.failed', { error: errorText(monthly) })) : el('div', {}, retentionBox, el('p', { class: 'muted' }, t('ov.retention.note', { w: cur.window_days }))), { id: 'retention' }),
      card(t('ov.cohorts.title'), cohorts ? cohortTable(ctx, cohorts) : '–', { id: 'cohorts' }),
      card(t('ov.lorenz.title'), el('div', {}, lorenzBox, el('p', { id: 'top20' }, t('ov.lorenz.top20', { share: fmt.percent(cur.top20_revenue_share), gini: fmt.number(cur.gini, 3) }))), { id: 'lorenz' }),
      budget ? card(t('ov.budget.title'), el('div', { id: 'budget' },
        el('p', {}, t('ov.budget.text', { sales: fmt.number(budget.sales_per_day, 1), acq: budget.acquisition_percent, ret: budget.retention_percent })),
        el('p', { class: 'muted' }, t(`ov.budget.band.${budget.band}`)),
        el('div', { class: 'split', role: 'img', 'aria-label': `${t('ov.budget.acquisition')} ${budget.acquisition_percent} %, ${t('ov.budget.retention')} ${budget.retention_percent} %` },
          el('div', { class: 'split-part', style: { width: `${budget.acquisition_percent}%`, background: colors[1] } }, `${t('ov.budget.acquisition')} ${budget.acquisition_percent} %`),
          el('div', { class: 'split-part', style: { width: `${budget.retention_percent}%`, background: colors[0] } }, `${t('ov.budget.retention')} ${budget.retention_percent} %`))), { id: 'budget-card' }) : null));

  if (!(monthly instanceof Error)) {
    const labels = monthly.months.map((m) => fmt.month(m.month, true));
    barChart(revenueBox, {
      title: t('ov.revenue.title'), labels, xLabel: t('ov.month'), stacked: true, format: (v) => fmt.moneyShort(v),
      series: [
        { label: t('ov.revenue.existing'), values: monthly.months.map((m) => m.existing_revenue), color: colors[0] },
        { label: t('ov.revenue.new'), values: monthly.months.map((m) => m.new_revenue), color: colors[1] },
      ],
    });
    lineChart(retentionBox, {
      title: t('ov.retention.title'), labels, xLabel: t('ov.month'), format: (v) => fmt.percent(v),
      series: [
        { label: t('ov.retention.rate'), values: monthly.months.map((m) => m.retention_rate), color: colors[0] },
        { label: t('ov.retention.repeat'), values: monthly.months.map((m) => m.repeat_purchase_rate), color: colors[2], dash: [6, 4] },
      ],
    });
  }
  lineChart(lorenzBox, {
    title: t('ov.lorenz.title'), xNumeric: true, x: cur.lorenz.map((p) => p.customer_share), xLabel: t('ov.lorenz.x'),
    xFormat: (v) => fmt.percent(v, 0), format: (v) => fmt.percent(v, 0), yRange: [0, 100],
    series: [
      { label: t('ov.lorenz.curve'), values: cur.lorenz.map((p) => p.revenue_share), color: colors[0] },
      { label: t('ov.lorenz.equal'), values: cur.lorenz.map((p) => p.customer_share), color: colors[6], dash: [4, 4] },
    ],
  });
}
