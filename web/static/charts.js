// Charts of the dashboard, drawn by uPlot (web/node_modules/uplot, built
// in): line and bar charts over months or other categories, sized to their
// box and redrawn when it changes size. Each chart also carries an
// aria-label; the numbers behind it are in the page's tables or legends.
import { el } from './ui.js';

export const colors = ['#1f4e79', '#d9822b', '#4a90c2', '#2e7d32', '#8e44ad', '#c62828', '#7f8c8d'];

function sizeOf(box, height) {
  return { width: Math.max(240, box.clientWidth || 600), height };
}

// Draws into `box` (emptied first) and follows its width.
function mount(box, opts, data) {
  box.replaceChildren();
  const chart = new window.uPlot({ ...opts, ...sizeOf(box, opts.height) }, data, box);
  const ro = new ResizeObserver(() => {
    if (!box.isConnected) return ro.disconnect();
    const s = sizeOf(box, opts.height);
    if (Math.abs(s.width - chart.width) > 2) chart.setSize(s);
  });
  ro.observe(box);
  return chart;
}

// Category x axis (labels[i] at x = i), showing as many labels as fit.
function categoryAxis(labels, stroke = '#3d4852') {
  return {
    stroke,
    grid: { show: false },
    space: 48,
    incrs: [1, 2, 3, 4, 6, 12, 24],
    values: (u, splits) => splits.map((i) => (Number.isInteger(i) ? labels[i] ?? '' : '')),
  };
}

// A y axis as wide as its longest label.
function valueAxis(format, stroke = '#3d4852') {
  return {
    stroke,
    grid: { stroke: '#e3e8ee' },
    values: (u, splits) => splits.map((v) => format(v)),
    size: (u, values) => (values ? Math.max(40, ...values.map((v) => String(v).length * 7.2 + 18)) : 50),
  };
}

// A line chart. spec: { labels: [...x labels], series: [{ label, values,
// color, dash }], format: y value -> text, height, title (aria-label),
// xNumeric: true for a numeric x (then `x` gives the values), yRange [lo, hi] }.
export function lineChart(box, spec) {
  const n = spec.xNumeric ? spec.x.length : spec.labels.length;
  const xs = spec.xNumeric ? spec.x : Array.from({ length: n }, (_, i) => i);
  box.setAttribute('role', 'img');
  box.setAttribute('aria-label', spec.title || '');
  return mount(box, {
    height: spec.height || 260,
    legend: { show: true, live: true },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false }, y: spec.yRange ? { range: () => spec.yRange } : {} },
    axes: [
      spec.xNumeric ? { ...valueAxis(spec.xFormat || String), size: 40 } : categoryAxis(spec.labels),
      valueAxis(spec.format || String),
    ],
    series: [
      { label: spec.xLabel || '', value: (u, v) => (v == null ? '–' : spec.xNumeric ? (spec.xFormat || String)(v) : spec.labels[v] ?? '') },
      ...spec.series.map((s, i) => ({
        label: s.label,
        stroke: s.color || colors[i % colors.length],
        width: 2,
        dash: s.dash,
        points: { show: n <= 40 },
        spanGaps: false,
        value: (u, v) => (v == null ? '–' : (spec.format || String)(v)),
      })),
    ],
  }, [xs, ...spec.series.map((s) => s.values)]);
}

// A bar chart over categories; `stacked: true` stacks the series (the
// first at the bottom). spec as for lineChart.
export function barChart(box, spec) {
  const n = spec.labels.length;
  const xs = Array.from({ length: n }, (_, i) => i);
  box.setAttribute('role', 'img');
  box.setAttribute('aria-label', spec.title || '');
  // Stacking: each series is drawn as the running total, the highest first
  // so the lower ones cover it; the legend shows each series' own value.
  const own = spec.series.map((s) => s.values);
  const drawn = spec.stacked
    ? own.map((_, k) => xs.map((i) => own.slice(0, k + 1).reduce((a, v) => a + (v[i] ?? 0), 0)))
    : own;
  const order = spec.stacked ? own.map((_, k) => own.length - 1 - k) : own.map((_, k) => k);
  const bars = window.uPlot.paths.bars({ size: [spec.stacked ? 0.7 : 0.8 / own.length, 60], align: 0 });
  return mount(box, {
    height: spec.height || 260,
    legend: { show: true, live: true },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: false, range: (u) => [-0.5, n - 0.5] }, y: { range: (u, lo, hi) => [0, hi > 0 ? hi * 1.05 : 1] } },
    axes: [categoryAxis(spec.labels), valueAxis(spec.format || String)],
    series: [
      { label: spec.xLabel || '', value: (u, v) => (v == null ? '–' : spec.labels[v] ?? '') },
      ...order.map((k) => ({
        label: spec.series[k].label,
        fill: spec.series[k].color || colors[k % colors.length],
        stroke: spec.series[k].color || colors[k % colors.length],
        width: 0,
        paths: bars,
        points: { show: false },
        value: (u, v, si, i) => (i == null ? '–' : (spec.format || String)(own[k][i])),
      })),
    ],
  }, [xs, ...order.map((k) => drawn[k])]);
}

// A legend-like list under a chart for colour keys drawn outside uPlot.
export function swatch(color, label) {
  return el('span', { class: 'swatch' }, el('span', { class: 'swatch-box', style: { background: color } }), label);
}
