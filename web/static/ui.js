// Small DOM helpers shared by the pages: elements, cards, tables with
// sorting and paging, messages. Text is always set as text (never HTML).
import { t, fmt } from './i18n.js';

// el('div', { class: 'x', onclick: fn, 'aria-label': '…' }, child, 'text', …)
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k === 'value') e.value = v;
    else if (k === 'style' && typeof v === 'object') Object.assign(e.style, v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  append(e, children);
  return e;
}

function append(e, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

// Replaces the children of e.
export function fill(e, ...children) {
  e.replaceChildren();
  append(e, children);
  return e;
}

// A page heading with an optional line of tools on the right.
export function pageHeader(title, ...tools) {
  return el('div', { class: 'page-header' }, el('h1', { id: 'page-title' }, title), el('div', { class: 'page-tools' }, tools));
}

// A titled box; `id` names it for tests and links.
export function card(title, body, opts = {}) {
  const h = el('h2', { id: opts.id ? `${opts.id}-title` : undefined }, title);
  return el('section', { class: `card ${opts.class || ''}`, id: opts.id, 'aria-labelledby': opts.id ? `${opts.id}-title` : undefined }, h, body);
}

// A KPI tile: label, value, and an optional change line ("+2,1 Pp.").
export function kpiTile({ id, label, value, change, good, hint }) {
  const cls = change == null ? '' : good === null ? 'neutral' : good ? 'up' : 'down';
  return el('div', { class: 'kpi', id: id ? `kpi-${id}` : undefined, title: hint },
    el('div', { class: 'kpi-label' }, label),
    el('div', { class: 'kpi-value', 'data-kpi': id }, value),
    change == null ? null : el('div', { class: `kpi-change ${cls}` }, change));
}

// A message box: kind 'error' | 'info' | 'ok'.
export function message(kind, text) {
  return el('div', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

// The error of a failed call, in words: the problem's detail and field.
export function errorText(e) {
  if (e && e.status === 403) return t('error.forbidden');
  if (e && e.problem) {
    const p = e.problem;
    return p.detail || p.title || String(e.message);
  }
  return String(e?.message || e);
}

// "Loading…" placeholder.
export function loading() {
  return el('p', { class: 'loading', role: 'status' }, t('loading'));
}

// A table. columns: [{ key, label, render(row) -> node|text, num: bool,
// sort: 'name' (server sort key) }]. opts: { sort: '-revenue', onSort(key),
// caption, rowLink(row) -> '#/…' }.
export function table(columns, rows, opts = {}) {
  const head = el('tr', {}, columns.map((c) => {
    const th = el('th', { scope: 'col', class: c.num ? 'num' : undefined });
    if (c.sort && opts.onSort) {
      const current = opts.sort === c.sort ? 'ascending' : opts.sort === `-${c.sort}` ? 'descending' : null;
      if (current) th.setAttribute('aria-sort', current);
      th.append(el('button', {
        type: 'button', class: 'sort',
        onclick: () => opts.onSort(current === 'descending' ? c.sort : `-${c.sort}`),
      }, c.label, el('span', { 'aria-hidden': 'true' }, current === 'ascending' ? ' ▲' : current === 'descending' ? ' ▼' : ' ↕')));
    } else {
      th.textContent = c.label;
    }
    return th;
  }));
  const body = el('tbody', {}, rows.map((r) => el('tr', {}, columns.map((c, i) => {
    let v = c.render ? c.render(r) : r[c.key];
    if (i === 0 && opts.rowLink) v = el('a', { href: opts.rowLink(r) }, v);
    return el('td', { class: c.num ? 'num' : undefined }, v ?? '–');
  }))));
  const tbl = el('table', { class: 'data' }, opts.caption ? el('caption', {}, opts.caption) : null, el('thead', {}, head), body);
  return el('div', { class: 'table-wrap' }, tbl);
}

// Paging line: "1–50 von 1.234" with previous/next buttons.
export function pager({ offset, limit, total, onPage }) {
  const to = Math.min(offset + limit, total);
  return el('div', { class: 'pager' },
    el('button', { type: 'button', disabled: offset <= 0, onclick: () => onPage(Math.max(0, offset - limit)) }, t('page.previous')),
    el('span', { role: 'status' }, t('page.range', { from: fmt.number(total ? offset + 1 : 0), to: fmt.number(to), total: fmt.number(total) })),
    el('button', { type: 'button', disabled: to >= total, onclick: () => onPage(offset + limit) }, t('page.next')));
}

// A labelled form field: label text, the control, an optional hint.
export function field(label, control, hint) {
  if (!control.id) control.id = `f-${Math.random().toString(36).slice(2, 9)}`;
  return el('div', { class: 'field' }, el('label', { for: control.id }, label), control, hint ? el('div', { class: 'hint' }, hint) : null);
}

// A <select> of [value, label] pairs.
export function select(options, value, attrs = {}) {
  return el('select', attrs, options.map(([v, l]) => el('option', { value: v, selected: v === value }, l)));
}

// Colour of a heatmap cell for a share 0..1 (white to mid blue) with dark
// text: the darkest cell still has a contrast above 5:1 (WCAG AA).
export function heat(share) {
  const s = Math.max(0, Math.min(1, share || 0));
  const l = 97 - s * 37;
  return { background: `hsl(208, 60%, ${l}%)`, color: '#17202a' };
}

// Triggers a download of text as a file.
export function download(name, text, type = 'text/csv;charset=utf-8') {
  const a = el('a', { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}
