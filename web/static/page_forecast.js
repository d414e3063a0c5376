// Prognose / Forecast: the latest fit of the lifetime-value models and the
// score run behind the forecasts, the holdout validation (predicted against
// actual repeat purchases week by week), how the predicted customer values
// are spread, and the most valuable customers at high risk of leaving.
import { barChart, colors, lineChart } from './charts.js';
import { card, el, errorText, fill, kpiTile, loading, message, pageHeader, table } from './ui.js';

export const texts = {
  de: {
    'fc.title': 'Prognose',
    'fc.fit.title': 'Modelle und Bewertung',
    'fc.bgnbd.name': 'BG/NBD – Kaufhäufigkeit',
    'fc.bgnbd.about': 'BG/NBD schätzt aus Anzahl und Zeitpunkt der bisherigen Käufe, wie oft ein Kunde künftig kauft und wie wahrscheinlich er noch aktiv ist (P(aktiv)).',
    'fc.gammagamma.name': 'Gamma-Gamma – Bestellwert',
    'fc.gammagamma.about': 'Gamma-Gamma schätzt aus den bisherigen Bestellwerten der Wiederkäufer den zu erwartenden Wert je Kauf; mit der Kaufhäufigkeit ergibt das den Kundenwert (CLV).',
    'fc.param': 'Parameter',
    'fc.value': 'Wert',
    'fc.stderr': 'Standardfehler',
    'fc.loglik': 'Log-Likelihood',
    'fc.customers': 'Kunden',
    'fc.converged': 'Konvergiert',
    'fc.yes': 'ja',
    'fc.no': 'nein',
    'fc.iterations': 'Iterationen',
    'fc.calibration_end': 'Daten bis',
    'fc.fitted_at': 'Angepasst am',
    'fc.run.title': 'Bewertungslauf',
    'fc.run.scored_at': 'Bewertet am',
    'fc.run.as_of': 'Stichtag',
    'fc.run.horizon': 'Horizont',
    'fc.run.months': '{n} Monate',
    'fc.run.discount': 'Abzinsung',
    'fc.run.per_month': '{v} pro Monat',
    'fc.run.risk': 'Risikostufen',
    'fc.run.thresholds': 'hoch: P(aktiv) < {high}, mittel: < {medium}, sonst niedrig',
    'fc.none': 'Noch keine Prognose: Die Modelle sind nicht angepasst oder die Kunden nicht bewertet.',
    'fc.none.cli': 'Auf der Kommandozeile: zuerst „retain clv fit“, dann „retain clv score“.',
    'fc.nodata': 'Noch keine Bestellungen: importieren Sie zuerst Ihre Daten mit „retain import“, dann lässt sich die Prognose erstellen.',
    'fc.none.analyst': 'Bitten Sie eine Administratorin oder einen Administrator, die Prognose zu erstellen.',
    'fc.run.button': 'Modelle anpassen und Kunden bewerten',
    'fc.refit.button': 'Neu anpassen und bewerten',
    'fc.run.fitting': 'Modelle werden angepasst … (einige Sekunden)',
    'fc.run.scoring': 'Kunden werden bewertet …',
    'fc.run.done': 'Fertig: {n} Kunden bewertet.',
    'fc.models.failed': 'Modelle nicht verfügbar: {error}',
    'fc.val.title': 'Validierung: vorhergesagte und tatsächliche Wiederkäufe',
    'fc.val.about': 'BG/NBD wird nur mit den Käufen bis zum Kalibrierungsende angepasst; danach wird die Vorhersage Woche für Woche mit den tatsächlichen Wiederkäufen verglichen.',
    'fc.val.loading': 'Validierung wird berechnet … (beim ersten Mal ein bis zwei Sekunden)',
    'fc.val.actual': 'Tatsächlich',
    'fc.val.predicted': 'Vorhergesagt',
    'fc.val.week': 'Woche bis',
    'fc.val.chart': 'Kumulierte Wiederkäufe je Woche, tatsächlich und vorhergesagt; Kalibrierung bis {cal}',
    'fc.val.periods': 'Kalibrierung bis {cal} (senkrechte Linie), Prüfzeitraum bis {end} ({weeks} Wochen), {customers} Kunden.',
    'fc.val.holdout_actual': 'Wiederkäufe im Prüfzeitraum',
    'fc.val.holdout_predicted': 'Vorhergesagt',
    'fc.val.aggregate': 'Abweichung gesamt',
    'fc.val.mae': 'Ø Fehler je Kunde',
    'fc.val.mae.hint': 'Mittlere absolute Abweichung der Käufe je Kunde im Prüfzeitraum',
    'fc.val.cond': 'Ø Wiederkäufe je Kunde im Prüfzeitraum, nach der Zahl seiner Wiederkäufe in der Kalibrierung',
    'fc.val.x': 'Käufe vorher',
    'fc.val.cond.actual': 'Ø tatsächlich',
    'fc.val.cond.predicted': 'Ø vorhergesagt',
    'fc.val.failed': 'Validierung nicht möglich: {error}',
    'fc.dist.title': 'Verteilung des Kundenwerts (CLV)',
    'fc.dist.chart': 'Kunden je CLV-Klasse, {n} Klassen',
    'fc.dist.range': 'CLV-Klasse',
    'fc.dist.customers': 'Kunden',
    'fc.dist.clv': 'CLV gesamt',
    'fc.dist.total': 'Prognostizierter Wert gesamt',
    'fc.dist.mean': 'Ø je Kunde',
    'fc.dist.median': 'Median',
    'fc.dist.p90': '90 %-Perzentil',
    'fc.dist.bins': 'Tabelle der Klassen',
    'fc.dist.by_risk': 'Nach Risikostufe',
    'fc.dist.risk': 'Risiko',
    'fc.dist.share_customers': 'Anteil Kunden',
    'fc.dist.share_clv': 'Anteil CLV',
    'fc.dist.failed': 'Verteilung nicht verfügbar: {error}',
    'fc.risk.low': 'niedrig',
    'fc.risk.medium': 'mittel',
    'fc.risk.high': 'hoch',
    'fc.risk.title': 'Hohes Risiko, hoher Wert',
    'fc.risk.caption': 'Die {n} wertvollsten von {total} Kunden mit hohem Abwanderungsrisiko',
    'fc.risk.none': 'Keine Kunden mit hohem Risiko.',
    'fc.risk.all': 'Alle anzeigen',
    'fc.risk.name': 'Name',
    'fc.risk.clv': 'CLV',
    'fc.risk.p_alive': 'P(aktiv)',
    'fc.risk.last_order': 'Letzte Bestellung',
    'fc.risk.segment': 'RFM-Segment',
    'fc.risk.failed': 'Liste nicht verfügbar: {error}',
  },
  en: {
    'fc.title': 'Forecast',
    'fc.fit.title': 'Models and scoring',
    'fc.bgnbd.name': 'BG/NBD – purchase frequency',
    'fc.bgnbd.about': 'BG/NBD estimates from the number and timing of past purchases how often a customer will buy and how likely they still are active (P(alive)).',
    'fc.gammagamma.name': 'Gamma-Gamma – order value',
    'fc.gammagamma.about': 'Gamma-Gamma estimates the expected value of a purchase from the past order values of repeat buyers; with the purchase frequency it gives the customer lifetime value (CLV).',
    'fc.param': 'Parameter',
    'fc.value': 'Value',
    'fc.stderr': 'Standard error',
    'fc.loglik': 'Log-likelihood',
    'fc.customers': 'Customers',
    'fc.converged': 'Converged',
    'fc.yes': 'yes',
    'fc.no': 'no',
    'fc.iterations': 'Iterations',
    'fc.calibration_end': 'Data up to',
    'fc.fitted_at': 'Fitted on',
    'fc.run.title': 'Score run',
    'fc.run.scored_at': 'Scored on',
    'fc.run.as_of': 'As of',
    'fc.run.horizon': 'Horizon',
    'fc.run.months': '{n} months',
    'fc.run.discount': 'Discount',
    'fc.run.per_month': '{v} per month',
    'fc.run.risk': 'Risk bands',
    'fc.run.thresholds': 'high: P(alive) < {high}, medium: < {medium}, else low',
    'fc.none': 'No forecast yet: the models are not fitted or the customers not scored.',
    'fc.none.cli': 'On the command line: first “retain clv fit”, then “retain clv score”.',
    'fc.nodata': 'No orders yet: import your data with “retain import” first, then the forecast can be made.',
    'fc.none.analyst': 'Ask an administrator to make the forecast.',
    'fc.run.button': 'Fit the models and score the customers',
    'fc.refit.button': 'Fit and score again',
    'fc.run.fitting': 'Fitting the models … (a few seconds)',
    'fc.run.scoring': 'Scoring the customers …',
    'fc.run.done': 'Done: {n} customers scored.',
    'fc.models.failed': 'Models not available: {error}',
    'fc.val.title': 'Validation: predicted and actual repeat purchases',
    'fc.val.about': 'BG/NBD is fitted to the purchases up to the calibration end only; then its prediction is compared week by week with the actual repeat purchases.',
    'fc.val.loading': 'Computing the validation … (a second or two the first time)',
    'fc.val.actual': 'Actual',
    'fc.val.predicted': 'Predicted',
    'fc.val.week': 'Week to',
    'fc.val.chart': 'Cumulative repeat purchases per week, actual and predicted; calibration up to {cal}',
    'fc.val.periods': 'Calibration up to {cal} (vertical line), holdout up to {end} ({weeks} weeks), {customers} customers.',
    'fc.val.holdout_actual': 'Repeat purchases in the holdout',
    'fc.val.holdout_predicted': 'Predicted',
    'fc.val.aggregate': 'Total deviation',
    'fc.val.mae': 'Avg error per customer',
    'fc.val.mae.hint': 'Mean absolute deviation of purchases per customer in the holdout',
    'fc.val.cond': 'Avg repeat purchases per customer in the holdout, by their number of repeat purchases in the calibration',
    'fc.val.x': 'Before',
    'fc.val.cond.actual': 'Avg actual',
    'fc.val.cond.predicted': 'Avg predicted',
    'fc.val.failed': 'Validation not possible: {error}',
    'fc.dist.title': 'Customer lifetime value (CLV) distribution',
    'fc.dist.chart': 'Customers per CLV band, {n} bands',
    'fc.dist.range': 'CLV band',
    'fc.dist.customers': 'Customers',
    'fc.dist.clv': 'Total CLV',
    'fc.dist.total': 'Predicted value in total',
    'fc.dist.mean': 'Average per customer',
    'fc.dist.median': 'Median',
    'fc.dist.p90': '90th percentile',
    'fc.dist.bins': 'Table of the bands',
    'fc.dist.by_risk': 'By risk band',
    'fc.dist.risk': 'Risk',
    'fc.dist.share_customers': 'Share of customers',
    'fc.dist.share_clv': 'Share of CLV',
    'fc.dist.failed': 'Distribution not available: {error}',
    'fc.risk.low': 'low',
    'fc.risk.medium': 'medium',
    'fc.risk.high': 'high',
    'fc.risk.title': 'High risk, high value',
    'fc.risk.caption': 'The {n} most valuable of {total} customers at high risk of leaving',
    'fc.risk.none': 'No customers at high risk.',
    'fc.risk.all': 'Show all',
    'fc.risk.name': 'Name',
    'fc.risk.clv': 'CLV',
    'fc.risk.p_alive': 'P(alive)',
    'fc.risk.last_order': 'Latest order',
    'fc.risk.segment': 'RFM segment',
    'fc.risk.failed': 'List not available: {error}',
  },
};

const MODELS = ['bgnbd', 'gammagamma'];

// A fact list: [[label, value], …] as <dl class="facts">.
function facts(pairs) {
  return el('dl', { class: 'facts' }, pairs.filter(Boolean).map(([k, v]) => [el('dt', {}, k), el('dd', {}, v ?? '–')]));
}

// One model's block: what it is, its parameters with standard errors and
// the facts of its fit.
function modelBlock(ctx, name, fit) {
  const { t, fmt } = ctx;
  const params = Object.keys(fit?.params || {});
  const rows = params.map((p) => ({ p, v: fit.params[p], se: fit.std_errors?.[p] }));
  return el('div', { class: 'fc-model', id: `fc-model-${name}` },
    el('h3', {}, t(`fc.${name}.name`)),
    el('p', { class: 'fc-note' }, t(`fc.${name}.about`)),
    fit ? [
      table([
        { key: 'p', label: t('fc.param'), render: (r) => el('code', {}, r.p) },
        { key: 'v', label: t('fc.value'), num: true, render: (r) => fmt.number(r.v, 4) },
        { key: 'se', label: t('fc.stderr'), num: true, render: (r) => fmt.number(r.se, 4) },
      ], rows),
      facts([
        [t('fc.loglik'), fmt.number(fit.log_likelihood, 1)],
        [t('fc.customers'), fmt.number(fit.customers)],
        [t('fc.converged'), el('span', { class: `badge ${fit.converged ? 'low' : 'high'}` }, fit.converged ? t('fc.yes') : t('fc.no'))],
        fit.iterations != null ? [t('fc.iterations'), fmt.number(fit.iterations)] : null,
        [t('fc.calibration_end'), fmt.date(fit.calibration_end)],
        [t('fc.fitted_at'), fmt.dateTime(fit.fitted_at)],
      ]),
    ] : el('p', { class: 'muted' }, '–'));
}

// The facts of the score run behind the current forecasts.
function runBlock(ctx, run) {
  const { t, fmt } = ctx;
  return el('div', { class: 'fc-model', id: 'fc-run' },
    el('h3', {}, t('fc.run.title')),
    facts([
      [t('fc.run.scored_at'), fmt.dateTime(run.scored_at)],
      [t('fc.run.as_of'), fmt.date(run.as_of)],
      [t('fc.run.horizon'), t('fc.run.months', { n: fmt.number(run.horizon_months) })],
      [t('fc.run.discount'), t('fc.run.per_month', { v: fmt.share(run.discount_monthly, 1) })],
      run.high_risk_below != null ? [t('fc.run.risk'), t('fc.run.thresholds', { high: fmt.share(run.high_risk_below, 0), medium: fmt.share(run.medium_risk_below, 0) })] : null,
    ]));
}

// The admin's button that fits both models and scores every customer,
// then shows the page again.
function fitAndScoreButton(ctx, label) {
  const { api, t, fmt } = ctx;
  const status = el('div', { id: 'forecast-run-status', role: 'status' });
  const button = el('button', { type: 'button', class: 'primary', id: 'forecast-run' }, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      fill(status, el('p', { class: 'loading' }, t('fc.run.fitting')));
      await api.post('clv/fit', {}, { headers: api.once() });
      fill(status, el('p', { class: 'loading' }, t('fc.run.scoring')));
      const run = await api.post('clv/score', {}, { headers: api.once() });
      fill(status, message('ok', t('fc.run.done', { n: fmt.number(run?.customers_scored) })));
      setTimeout(() => ctx.rerender(), 800);
    } catch (e) {
      button.disabled = false;
      fill(status, message('error', errorText(e)));
    }
  });
  return el('div', { class: 'seg-actions' }, button, status);
}

// The card of the fit and the score run, or what to do when there is none.
function fitCard(ctx, hasCustomers, scored, models, run) {
  const { t } = ctx;
  if (!hasCustomers) return card(t('fc.fit.title'), message('info', t('fc.nodata')), { id: 'forecast-fit' });
  if (!scored) {
    return card(t('fc.fit.title'), el('div', {},
      message('info', t('fc.none')),
      el('p', {}, t('fc.none.cli')),
      ctx.can('admin') ? fitAndScoreButton(ctx, t('fc.run.button')) : el('p', { class: 'muted' }, t('fc.none.analyst')),
      el('div', { class: 'grid' }, MODELS.map((m) => el('div', {}, el('h3', {}, t(`fc.${m}.name`)), el('p', { class: 'fc-note' }, t(`fc.${m}.about`)))))),
    { id: 'forecast-fit' });
  }
  const byName = new Map((models instanceof Error ? [] : models?.models || []).map((f) => [f.model, f]));
  return card(t('fc.fit.title'), el('div', {},
    models instanceof Error ? message('error', t('fc.models.failed', { error: errorText(models) })) : null,
    el('div', { class: 'grid fc-models' },
      MODELS.map((m) => modelBlock(ctx, m, byName.get(m))),
      run instanceof Error ? message('error', errorText(run)) : runBlock(ctx, run)),
    ctx.can('admin') ? el('div', { class: 'fc-refit' }, fitAndScoreButton(ctx, t('fc.refit.button'))) : null),
  { id: 'forecast-fit' });
}

// Spaces the category labels of a chart's x axis at least px apart, at one
// of the given steps (the shared charts allow 48 px, too close for dates),
// and leaves out those of the last `tail` categories, which the chart's
// right edge would cut.
function spaceLabels(chart, px, steps, tail) {
  const axis = chart.axes[0];
  const values = axis.values;
  const last = chart.data[0].length - 1 - tail;
  axis.space = () => px;
  axis.incrs = () => steps;
  axis.values = (u, splits, ...rest) => values(u, splits, ...rest).map((v, k) => (splits[k] > last ? '' : v));
  chart.redraw(false, true);
}

// Draws a dashed vertical line with a label at x (a category index) of a
// uPlot chart.
function markX(chart, x, label) {
  chart.hooks.draw = chart.hooks.draw || [];
  chart.hooks.draw.push((u) => {
    const cx = u.valToPos(x, 'x', true);
    const { top, height } = u.bbox;
    const c = u.ctx;
    c.save();
    c.strokeStyle = colors[6];
    c.lineWidth = 1.5 * devicePixelRatio;
    c.setLineDash([5 * devicePixelRatio, 4 * devicePixelRatio]);
    c.beginPath();
    c.moveTo(cx, top);
    c.lineTo(cx, top + height);
    c.stroke();
    c.setLineDash([]);
    c.fillStyle = '#3d4852';
    c.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
    c.textAlign = 'right';
    c.fillText(label, cx - 4 * devicePixelRatio, top + 14 * devicePixelRatio);
    c.restore();
  });
  chart.redraw(false, false);
}

// Fills the validation card once the validation has arrived.
function showValidation(ctx, body, v) {
  const { t, fmt } = ctx;
  const tracking = v.tracking || [];
  const box = el('div', { class: 'chart', id: 'chart-tracking' });
  const cond = table([
    { key: 'x', label: t('fc.val.x'), render: (r) => (r.and_more ? `${fmt.number(r.x)}+` : fmt.number(r.x)) },
    { key: 'customers', label: t('fc.customers'), num: true, render: (r) => fmt.number(r.customers) },
    { key: 'actual', label: t('fc.val.cond.actual'), num: true, render: (r) => fmt.number(r.actual, 2) },
    { key: 'predicted', label: t('fc.val.cond.predicted'), num: true, render: (r) => fmt.number(r.predicted, 2) },
  ], v.conditional_expectations || [], { caption: t('fc.val.cond') });
  fill(body,
    el('p', { class: 'fc-note' }, t('fc.val.about')),
    el('div', { class: 'kpis', id: 'validation-figures' },
      kpiTile({ id: 'holdout-actual', label: t('fc.val.holdout_actual'), value: fmt.number(v.actual_total) }),
      kpiTile({ id: 'holdout-predicted', label: t('fc.val.holdout_predicted'), value: fmt.number(v.predicted_total) }),
      kpiTile({ id: 'aggregate-error', label: t('fc.val.aggregate'), value: fmt.change(v.aggregate_error == null ? null : v.aggregate_error * 100) }),
      kpiTile({ id: 'mae', label: t('fc.val.mae'), value: fmt.number(v.mean_absolute_error, 2), hint: t('fc.val.mae.hint') })),
    box,
    el('p', { class: 'muted', id: 'validation-periods' }, t('fc.val.periods', {
      cal: fmt.date(v.calibration_end), end: fmt.date(v.holdout_end),
      weeks: fmt.number(v.holdout_length, 1), customers: fmt.number(v.customers),
    })),
    cond);
  if (!tracking.length) return;
  const chart = lineChart(box, {
    title: t('fc.val.chart', { cal: fmt.date(v.calibration_end) }),
    labels: tracking.map((w) => fmt.date(w.last_day)), xLabel: t('fc.val.week'),
    format: (x) => fmt.number(x, 0),
    series: [
      { label: t('fc.val.actual'), values: tracking.map((w) => w.actual), color: colors[0] },
      { label: t('fc.val.predicted'), values: tracking.map((w) => w.predicted), color: colors[1], dash: [6, 4] },
    ],
  });
  spaceLabels(chart, 88, [1, 2, 4, 13, 26, 52, 104, 208], Math.ceil(tracking.length / 25));
  // The calibration end lies in the first week that reaches it.
  const i = tracking.findIndex((w) => w.last_day >= v.calibration_end);
  if (i >= 0) markX(chart, i, fmt.date(v.calibration_end));
  box.setAttribute('data-loaded', 'true');
}

// Fills the validation card when the asked-for validation arrives (not
// awaited: the rest of the page shows first).
async function showValidationWhenReady(ctx, body, call) {
  try {
    showValidation(ctx, body, await call);
  } catch (e) {
    fill(body, message('error', ctx.t('fc.val.failed', { error: errorText(e) })));
  }
  body.setAttribute('aria-busy', 'false');
}

// A CLV bin's label: "0–76 €" / "€0–76", the open last one "≥ 1.453 €".
function binLabel(ctx, b) {
  const { fmt, lang } = ctx;
  if (b.to == null) return `≥ ${fmt.moneyRound(b.from)}`;
  const from = fmt.number(Math.round(b.from / 100));
  const to = fmt.number(Math.round(b.to / 100));
  return lang === 'en' ? `€${from}–${to}` : `${from}–${to} €`;
}

// The distribution card: key figures, the histogram and the risk bands.
function distributionCard(ctx, dist) {
  const { t, fmt } = ctx;
  if (dist instanceof Error) return { section: card(t('fc.dist.title'), message('error', t('fc.dist.failed', { error: errorText(dist) })), { id: 'forecast-clv' }) };
  const box = el('div', { class: 'chart', id: 'chart-clv' });
  const bins = dist.bins || [];
  const risks = dist.by_risk || [];
  const body = el('div', {},
    el('div', { class: 'kpis', id: 'clv-figures' },
      kpiTile({ id: 'clv-total', label: t('fc.dist.total'), value: fmt.moneyRound(dist.total) }),
      kpiTile({ id: 'clv-mean', label: t('fc.dist.mean'), value: fmt.money(dist.mean) }),
      kpiTile({ id: 'clv-median', label: t('fc.dist.median'), value: fmt.money(dist.median) }),
      kpiTile({ id: 'clv-p90', label: t('fc.dist.p90'), value: fmt.money(dist.p90) })),
    box,
    el('details', {}, el('summary', {}, t('fc.dist.bins')), table([
      { key: 'range', label: t('fc.dist.range'), render: (b) => binLabel(ctx, b) },
      { key: 'customers', label: t('fc.dist.customers'), num: true, render: (b) => fmt.number(b.customers) },
      { key: 'clv', label: t('fc.dist.clv'), num: true, render: (b) => fmt.moneyRound(b.clv) },
    ], bins)),
    el('h3', {}, t('fc.dist.by_risk')),
    table([
      { key: 'risk', label: t('fc.dist.risk'), render: (r) => el('a', { href: `#/customers?risk=${encodeURIComponent(r.risk)}&sort=-clv` }, el('span', { class: `badge ${r.risk}` }, t(`fc.risk.${r.risk}`))) },
      { key: 'customers', label: t('fc.dist.customers'), num: true, render: (r) => fmt.number(r.customers) },
      { key: 'cshare', label: t('fc.dist.share_customers'), num: true, render: (r) => (dist.customers ? fmt.share(r.customers / dist.customers) : '–') },
      { key: 'clv', label: t('fc.dist.clv'), num: true, render: (r) => fmt.moneyRound(r.clv) },
      { key: 'vshare', label: t('fc.dist.share_clv'), num: true, render: (r) => (dist.total ? fmt.share(r.clv / dist.total) : '–') },
    ], risks));
  body.querySelector('h3 + .table-wrap table').id = 'clv-by-risk';
  const draw = () => spaceLabels(barChart(box, {
    title: t('fc.dist.chart', { n: bins.length }), labels: bins.map((b) => binLabel(ctx, b)), xLabel: t('fc.dist.range'),
    format: (v) => fmt.number(v),
    series: [{ label: t('fc.dist.customers'), values: bins.map((b) => b.customers), color: colors[0] }],
  }), 80, [1, 2, 3, 4, 5, 10, 20, 25, 50], 0);
  return { section: card(t('fc.dist.title'), body, { id: 'forecast-clv' }), draw: bins.length ? draw : null };
}

// The most valuable customers at high risk, each linking to the profile.
function atRiskCard(ctx, page) {
  const { t, fmt } = ctx;
  const all = el('a', { href: '#/customers?risk=high&sort=-clv', id: 'at-risk-all' }, t('fc.risk.all'));
  if (page instanceof Error) return card(t('fc.risk.title'), message('error', t('fc.risk.failed', { error: errorText(page) })), { id: 'forecast-risk' });
  const rows = page.customers || [];
  const name = (c) => [c.first_name, c.last_name].filter(Boolean).join(' ') || c.customer_id;
  const tbl = table([
    { key: 'name', label: t('fc.risk.name'), render: name },
    { key: 'clv', label: t('fc.risk.clv'), num: true, render: (c) => fmt.money(c.clv) },
    { key: 'p_alive', label: t('fc.risk.p_alive'), num: true, render: (c) => fmt.share(c.p_alive) },
    { key: 'last_order', label: t('fc.risk.last_order'), render: (c) => fmt.date(c.last_order) },
    { key: 'segment', label: t('fc.risk.segment'), render: (c) => c.rfm_segment },
  ], rows, {
    caption: t('fc.risk.caption', { n: fmt.number(rows.length), total: fmt.number(page.total) }),
    rowLink: (c) => `#/customers/${encodeURIComponent(c.customer_id)}`,
  });
  tbl.querySelector('table').id = 'at-risk-table';
  return card(t('fc.risk.title'), el('div', {}, rows.length ? tbl : el('p', { class: 'muted', id: 'at-risk-table' }, t('fc.risk.none')), el('p', {}, all)), { id: 'forecast-risk' });
}

export default async function render(view, ctx) {
  const { api, t } = ctx;
  // Whether there are forecasts at all is read from the customer with the
  // highest CLV (a list, never a 404), so that the routes that answer 404
  // before the first score run are asked only when there is one.
  const [top, atRisk] = await Promise.all([
    api.get('customers', { view: 'summary', sort: '-clv', limit: 1 }),
    api.get('customers', { view: 'summary', risk: 'high', sort: '-clv', limit: 20 }).catch((e) => e),
  ]);
  const hasCustomers = (top.customers || []).length > 0;
  const scored = hasCustomers && top.customers[0].clv != null;
  const validation = hasCustomers ? api.get('clv/validation') : null;
  validation?.catch(() => {}); // handled when shown
  let models = null;
  let run = null;
  let dist = null;
  if (scored) {
    [models, run, dist] = await Promise.all([
      api.get('clv/models/latest').catch((e) => e),
      api.get('clv/scores/latest').catch((e) => e),
      api.get('clv/distribution', { bins: 20 }).catch((e) => e),
    ]);
  }
  const distribution = scored ? distributionCard(ctx, dist) : null;
  const valBody = el('div', { 'aria-busy': 'true' }, el('p', { class: 'loading', role: 'status' }, t('fc.val.loading')));
  fill(view,
    pageHeader(t('fc.title')),
    fitCard(ctx, hasCustomers, scored, models, run),
    validation ? card(t('fc.val.title'), valBody, { id: 'forecast-validation' }) : null,
    scored ? distribution.section : null,
    scored ? atRiskCard(ctx, atRisk) : null);
  distribution?.draw?.();
  if (validation) showValidationWhenReady(ctx, valBody, validation);
}
