// Segmente / Segments: the RFM grid as a heatmap (customers and revenue per
// cell, each cell listing its customers), the named RFM segments, the saved
// rule segments with their member counts, and a rule editor that counts the
// customers as one types, marks a mistake where it is, saves the rule as a
// segment (admin) and exports its customers as CSV.
import { card, download, el, errorText, field, fill, heat, loading, message, pageHeader, select, table } from './ui.js';

export const texts = {
  de: {
    'seg.title': 'Segmente',
    'seg.rfm.title': 'RFM-Raster: Aktualität × Kaufhäufigkeit',
    'seg.rfm.caption': 'Stand {date}. Spalten: Aktualität R (5 = zuletzt gekauft), Zeilen: Kaufhäufigkeit F (5 = am häufigsten). Eine Zelle zeigt ihre Kunden.',
    'seg.rfm.colour': 'Färbung nach',
    'seg.rfm.by.customers': 'Kunden',
    'seg.rfm.by.revenue': 'Umsatz',
    'seg.rfm.corner': 'F \\ R',
    'seg.rfm.cell': '{segment}, R {r}, F {f}: {customers} Kunden, {revenue} Umsatz',
    'seg.rfm.none': 'ohne Segment',
    'seg.rfm.unsegmented': '{n} Kunden ohne RFM-Segment (noch keine Bestellung).',
    'seg.nodata': 'Noch keine Bestellungen: importieren Sie Ihre Daten mit „retain import“.',
    'seg.named.title': 'RFM-Segmente',
    'seg.named.name': 'Segment',
    'seg.named.customers': 'Kunden',
    'seg.named.customer_share': 'Anteil Kunden',
    'seg.named.revenue_share': 'Anteil Umsatz',
    'seg.named.recency': 'Ø Tage seit Kauf',
    'seg.named.frequency': 'Ø Bestellungen',
    'seg.named.monetary': 'Ø Umsatz je Kunde',
    'seg.saved.title': 'Gespeicherte Segmente',
    'seg.saved.none': 'Noch keine gespeicherten Segmente. Schreiben Sie unten eine Regel und speichern Sie sie.',
    'seg.saved.name': 'Name',
    'seg.saved.rule': 'Regel',
    'seg.saved.description': 'Beschreibung',
    'seg.saved.members': 'Kunden',
    'seg.saved.created': 'Angelegt',
    'seg.saved.actions': 'Aktionen',
    'seg.saved.edit': 'In den Editor',
    'seg.saved.edit.label': 'Regel von „{name}“ in den Editor übernehmen',
    'seg.saved.delete': 'Löschen',
    'seg.saved.delete.label': 'Segment „{name}“ löschen',
    'seg.saved.confirm': 'Wirklich löschen?',
    'seg.saved.confirm.label': 'Zum Bestätigen erneut klicken: Segment „{name}“ endgültig löschen',
    'seg.saved.deleted': 'Segment „{name}“ gelöscht.',
    'seg.saved.failed': 'Segmente nicht verfügbar: {error}',
    'seg.rule.title': 'Regel-Editor',
    'seg.rule.label': 'Regel',
    'seg.rule.hint': 'Felder mit Vergleichen, verbunden mit and, or, not und Klammern. Texte in Anführungszeichen.',
    'seg.rule.help': 'Felder und Beispiele',
    'seg.rule.fields': 'Häufige Felder',
    'seg.rule.operators': 'Vergleiche: = != < <= > >=, in ("a", "b"); verbunden mit and, or, not und Klammern. Werte: Zahlen, "Text", Dauern wie 90d, 3m, 1y, today, date("2025-12-31"). Alle Felder: „retain segment fields“.',
    'seg.rule.examples': 'Beispiele (übernehmen)',
    'seg.rule.example.label': 'Beispiel übernehmen: {rule}',
    'seg.rule.empty': 'Geben Sie eine Regel ein, z. B. orders >= 2.',
    'seg.rule.count': '{members} von {customers} Kunden ({share})',
    'seg.rule.nocount': 'Keine Zählung, solange die Regel einen Fehler hat.',
    'seg.rule.error': 'Zeile {line}, Spalte {column}: {message}',
    'seg.rule.jump': 'Zur Fehlerstelle',
    'seg.rule.show': 'Kunden anzeigen',
    'seg.rule.export': 'CSV-Export',
    'seg.rule.exporting': 'Export läuft …',
    'seg.rule.exported': '{file} heruntergeladen.',
    'seg.save.title': 'Als Segment speichern',
    'seg.save.name': 'Name',
    'seg.save.description': 'Beschreibung (optional)',
    'seg.save.submit': 'Segment speichern',
    'seg.save.noname': 'Bitte einen Namen angeben.',
    'seg.save.norule': 'Bitte zuerst eine Regel eingeben.',
    'seg.save.saved': 'Segment „{name}“ gespeichert.',
    'seg.save.exists': 'Ein Segment „{name}“ gibt es schon (gespeichert oder RFM-Segment): bitte einen anderen Namen wählen.',
    'seg.field.orders': 'Bestellungen bis heute',
    'seg.field.revenue': 'Umsatz in Euro',
    'seg.field.days_since_last_order': 'Tage seit der letzten Bestellung',
    'seg.field.last_order': 'Tag der letzten Bestellung',
    'seg.field.rfm_segment': 'RFM-Segment, z. B. "Champions"',
    'seg.field.rfm_r': 'RFM-Werte 1..5 (5 = best)',
    'seg.field.lifecycle': 'new, active, at_risk, lapsed, churned, reactivated',
    'seg.field.risk': 'Abwanderungsrisiko: "low", "medium", "high"',
    'seg.field.clv': 'prognostizierter Kundenwert in Euro',
    'seg.field.p_alive': 'Wahrscheinlichkeit, noch Kunde zu sein (0..1)',
    'seg.field.city': 'Stadt, Land ("DE"), Postleitzahl (Text)',
    'seg.field.consent_email': 'Einwilligung E-Mail: "granted", "denied"',
    'seg.field.nps_score': 'letzte NPS-Antwort 0..10',
    'seg.field.complaints': 'Beschwerden',
  },
  en: {
    'seg.title': 'Segments',
    'seg.rfm.title': 'RFM grid: recency × frequency',
    'seg.rfm.caption': 'As of {date}. Columns: recency R (5 = bought most recently), rows: frequency F (5 = most often). A cell shows its customers.',
    'seg.rfm.colour': 'Colour by',
    'seg.rfm.by.customers': 'Customers',
    'seg.rfm.by.revenue': 'Revenue',
    'seg.rfm.corner': 'F \\ R',
    'seg.rfm.cell': '{segment}, R {r}, F {f}: {customers} customers, {revenue} revenue',
    'seg.rfm.none': 'no segment',
    'seg.rfm.unsegmented': '{n} customers without an RFM segment (no order yet).',
    'seg.nodata': 'No orders yet: import your data with “retain import”.',
    'seg.named.title': 'RFM segments',
    'seg.named.name': 'Segment',
    'seg.named.customers': 'Customers',
    'seg.named.customer_share': 'Share of customers',
    'seg.named.revenue_share': 'Share of revenue',
    'seg.named.recency': 'Avg days since purchase',
    'seg.named.frequency': 'Avg orders',
    'seg.named.monetary': 'Avg revenue per customer',
    'seg.saved.title': 'Saved segments',
    'seg.saved.none': 'No saved segments yet. Write a rule below and save it.',
    'seg.saved.name': 'Name',
    'seg.saved.rule': 'Rule',
    'seg.saved.description': 'Description',
    'seg.saved.members': 'Customers',
    'seg.saved.created': 'Created',
    'seg.saved.actions': 'Actions',
    'seg.saved.edit': 'To the editor',
    'seg.saved.edit.label': 'Copy the rule of “{name}” into the editor',
    'seg.saved.delete': 'Delete',
    'seg.saved.delete.label': 'Delete segment “{name}”',
    'seg.saved.confirm': 'Really delete?',
    'seg.saved.confirm.label': 'Click again to confirm: delete segment “{name}” for good',
    'seg.saved.deleted': 'Segment “{name}” deleted.',
    'seg.saved.failed': 'Segments not available: {error}',
    'seg.rule.title': 'Rule editor',
    'seg.rule.label': 'Rule',
    'seg.rule.hint': 'Fields with comparisons, joined by and, or, not and parentheses. Texts in quotes.',
    'seg.rule.help': 'Fields and examples',
    'seg.rule.fields': 'Common fields',
    'seg.rule.operators': 'Comparisons: = != < <= > >=, in ("a", "b"); joined by and, or, not and parentheses. Values: numbers, "text", durations like 90d, 3m, 1y, today, date("2025-12-31"). All fields: “retain segment fields”.',
    'seg.rule.examples': 'Examples (click to use)',
    'seg.rule.example.label': 'Use example: {rule}',
    'seg.rule.empty': 'Enter a rule, e.g. orders >= 2.',
    'seg.rule.count': '{members} of {customers} customers ({share})',
    'seg.rule.nocount': 'No count while the rule has a mistake.',
    'seg.rule.error': 'Line {line}, column {column}: {message}',
    'seg.rule.jump': 'Go to the mistake',
    'seg.rule.show': 'Show customers',
    'seg.rule.export': 'CSV export',
    'seg.rule.exporting': 'Exporting …',
    'seg.rule.exported': '{file} downloaded.',
    'seg.save.title': 'Save as a segment',
    'seg.save.name': 'Name',
    'seg.save.description': 'Description (optional)',
    'seg.save.submit': 'Save segment',
    'seg.save.noname': 'Please give a name.',
    'seg.save.norule': 'Please enter a rule first.',
    'seg.save.saved': 'Segment “{name}” saved.',
    'seg.save.exists': 'A segment “{name}” exists already (saved or an RFM segment): please choose another name.',
    'seg.field.orders': 'orders up to today',
    'seg.field.revenue': 'revenue in euros',
    'seg.field.days_since_last_order': 'days since the latest order',
    'seg.field.last_order': 'day of the latest order',
    'seg.field.rfm_segment': 'RFM segment, e.g. "Champions"',
    'seg.field.rfm_r': 'RFM scores 1..5 (5 = best)',
    'seg.field.lifecycle': 'new, active, at_risk, lapsed, churned, reactivated',
    'seg.field.risk': 'churn risk: "low", "medium", "high"',
    'seg.field.clv': 'predicted customer value in euros',
    'seg.field.p_alive': 'probability of still being a customer (0..1)',
    'seg.field.city': 'city, country ("DE"), postal code (text)',
    'seg.field.consent_email': 'e-mail consent: "granted", "denied"',
    'seg.field.nps_score': 'latest NPS answer 0..10',
    'seg.field.complaints': 'complaints',
  },
};

// The fields the help lists: [field(s) as written in a rule, text key].
const HELP_FIELDS = [
  ['orders', 'orders'],
  ['revenue', 'revenue'],
  ['days_since_last_order', 'days_since_last_order'],
  ['last_order', 'last_order'],
  ['rfm_segment', 'rfm_segment'],
  ['rfm_r, rfm_f, rfm_m', 'rfm_r'],
  ['lifecycle', 'lifecycle'],
  ['risk', 'risk'],
  ['clv', 'clv'],
  ['p_alive', 'p_alive'],
  ['city, country, postal_code', 'city'],
  ['consent_email', 'consent_email'],
  ['nps_score', 'nps_score'],
  ['complaints', 'complaints'],
];
const EXAMPLES = [
  'orders >= 2 and days_since_last_order > 180',
  'rfm_segment = "Champions"',
  'risk = "high" and clv > 100',
  'lifecycle in ("at_risk", "lapsed") and revenue > 200',
  'last_order < today - 90d and consent_email = "granted"',
];

const DEBOUNCE_MS = 300;

// The link to the customer list of a rule, a saved segment or an RFM segment.
const customersOf = (key, value) => `#/customers?${key}=${encodeURIComponent(value)}`;

// The message for a field of a failed call (without the "field: " prefix).
const messageOf = (e) => e?.fieldMessage ?? String(e?.message || e);

// A rule mistake "1:17: unknown field …" as { line, column, text }, or null.
function parsePosition(msg) {
  const m = /^(\d+):(\d+):\s*(.*)$/s.exec(msg || '');
  return m ? { line: Number(m[1]), column: Number(m[2]), text: m[3] } : null;
}

// A cell's revenue, short: "679 Tsd. €" in German (whose compact number
// format does not shorten thousands), else fmt.moneyShort ("€679.2K").
function shortRevenue(ctx, cents) {
  const { fmt, lang } = ctx;
  if (lang === 'de' && cents != null && Math.abs(cents) >= 100000 && Math.abs(cents) < 100000000) {
    return `${fmt.number(cents / 100000, 0)} Tsd. €`;
  }
  return fmt.moneyShort(cents);
}

// The RFM grid as a table: rows F 5..1, columns R 1..5; each cell a link
// to its customers, coloured by customers or revenue.
function rfmTable(ctx, rfm, by) {
  const { t, fmt } = ctx;
  const cells = new Map((rfm.grid || []).map((c) => [`${c.r}-${c.f}`, c]));
  const max = Math.max(1, ...(rfm.grid || []).map((c) => c[by] || 0));
  const rs = [1, 2, 3, 4, 5];
  const head = el('tr', {}, el('th', { scope: 'col' }, t('seg.rfm.corner')), rs.map((r) => el('th', { scope: 'col' }, `R ${r}`)));
  const rows = [5, 4, 3, 2, 1].map((f) => el('tr', {},
    el('th', { scope: 'row' }, `F ${f}`),
    rs.map((r) => {
      const c = cells.get(`${r}-${f}`) || { r, f, customers: 0, revenue: 0, segment: null };
      const colour = heat((c[by] || 0) / max);
      const label = t('seg.rfm.cell', {
        segment: c.segment || t('seg.rfm.none'), r, f,
        customers: fmt.number(c.customers), revenue: shortRevenue(ctx, c.revenue),
      });
      return el('td', { style: colour, 'data-r': r, 'data-f': f },
        el('a', {
          class: 'rfm-cell', href: customersOf('rule', `rfm_r = ${r} and rfm_f = ${f}`),
          'aria-label': label, title: label, style: { color: colour.color },
        },
        el('span', { class: 'rfm-count' }, fmt.number(c.customers)),
        el('span', { class: 'rfm-revenue' }, shortRevenue(ctx, c.revenue)),
        el('span', { class: 'rfm-segment', 'aria-hidden': 'true' }, c.segment || '–')));
    })));
  return el('div', { class: 'table-wrap' }, el('table', { class: 'heat rfm', id: 'rfm-grid' },
    el('caption', {}, t('seg.rfm.caption', { date: fmt.date(rfm.as_of) })),
    el('thead', {}, head), el('tbody', {}, rows)));
}

// The card with the RFM grid and its colour toggle.
function rfmCard(ctx, rfm) {
  const { t, fmt } = ctx;
  const box = el('div', {});
  const toggle = select([['customers', t('seg.rfm.by.customers')], ['revenue', t('seg.rfm.by.revenue')]], 'customers', { id: 'rfm-colour' });
  toggle.addEventListener('change', () => fill(box, rfmTable(ctx, rfm, toggle.value)));
  if (!rfm.customers) return card(t('seg.rfm.title'), message('info', t('seg.nodata')), { id: 'rfm' });
  fill(box, rfmTable(ctx, rfm, 'customers'));
  return card(t('seg.rfm.title'), el('div', {},
    el('div', { class: 'filters' }, field(t('seg.rfm.colour'), toggle)),
    box,
    rfm.unsegmented ? el('p', { class: 'muted' }, t('seg.rfm.unsegmented', { n: fmt.number(rfm.unsegmented) })) : null), { id: 'rfm' });
}

// The named RFM segments with their figures, each linking to its customers.
function namedCard(ctx, rfm) {
  const { t, fmt } = ctx;
  const total = rfm.customers || 0;
  const columns = [
    { key: 'name', label: t('seg.named.name') },
    { key: 'customers', label: t('seg.named.customers'), num: true, render: (s) => fmt.number(s.customers) },
    { key: 'cshare', label: t('seg.named.customer_share'), num: true, render: (s) => (total ? fmt.share(s.customers / total) : '–') },
    { key: 'revenue_share', label: t('seg.named.revenue_share'), num: true, render: (s) => fmt.percent(s.revenue_share) },
    { key: 'recency', label: t('seg.named.recency'), num: true, render: (s) => fmt.number(s.avg_recency_days, 0) },
    { key: 'frequency', label: t('seg.named.frequency'), num: true, render: (s) => fmt.number(s.avg_frequency, 1) },
    { key: 'monetary', label: t('seg.named.monetary'), num: true, render: (s) => fmt.money(s.avg_monetary) },
  ];
  const tbl = table(columns, rfm.segments || [], { rowLink: (s) => customersOf('rfm_segment', s.name) });
  tbl.querySelector('table').id = 'rfm-segments';
  return card(t('seg.named.title'), tbl, { id: 'rfm-named' });
}

// The saved segments (not the built-in ones) with their member counts,
// asked for all at once after the table shows; admins may delete them.
function savedCard(ctx, editor) {
  const { api, t, fmt } = ctx;
  const status = el('div', { id: 'saved-status' });
  const body = el('div', {}, loading());
  const section = card(t('seg.saved.title'), el('div', {}, status, body), { id: 'saved' });
  let names = new Set(); // every segment's name (built-in too), lower case

  // A delete button that asks for a second click before it deletes.
  function deleteButton(s) {
    let armed = false;
    let timer = null;
    const b = el('button', { type: 'button', class: 'delete', 'aria-label': t('seg.saved.delete.label', { name: s.name }) }, t('seg.saved.delete'));
    let hint = null; // the "click again" message while armed
    const disarm = () => {
      armed = false;
      clearTimeout(timer);
      if (hint?.isConnected) hint.remove();
      hint = null;
      b.classList.remove('danger');
      b.textContent = t('seg.saved.delete');
      b.setAttribute('aria-label', t('seg.saved.delete.label', { name: s.name }));
    };
    b.addEventListener('blur', disarm);
    b.addEventListener('click', async () => {
      if (!armed) {
        armed = true;
        b.classList.add('danger');
        b.textContent = t('seg.saved.confirm');
        b.setAttribute('aria-label', t('seg.saved.confirm.label', { name: s.name }));
        hint = message('info', t('seg.saved.confirm.label', { name: s.name }));
        fill(status, hint);
        timer = setTimeout(disarm, 5000);
        return;
      }
      clearTimeout(timer);
      b.disabled = true;
      try {
        await api.del(`segments/${encodeURIComponent(s.name)}`, { headers: api.once() });
        fill(status, message('ok', t('seg.saved.deleted', { name: s.name })));
        await load();
      } catch (e) {
        b.disabled = false;
        disarm();
        fill(status, message('error', errorText(e)));
      }
    });
    return b;
  }

  // Reads the saved segments and shows them; the member counts follow
  // (the table is aria-busy until they are all there).
  async function load() {
    let list;
    try {
      const all = (await api.get('segments')).segments || [];
      names = new Set(all.map((s) => s.name.toLowerCase()));
      list = all.filter((s) => !s.built_in);
    } catch (e) {
      fill(body, message('error', t('seg.saved.failed', { error: errorText(e) })));
      return;
    }
    if (!list.length) {
      fill(body, el('p', { class: 'muted', id: 'saved-segments' }, t('seg.saved.none')));
      return;
    }
    const counts = new Map(list.map((s) => [s.name, el('span', { class: 'members' }, '…')]));
    const columns = [
      { key: 'name', label: t('seg.saved.name') },
      { key: 'rule', label: t('seg.saved.rule'), render: (s) => el('code', {}, s.rule) },
      { key: 'description', label: t('seg.saved.description'), render: (s) => s.description || '–' },
      { key: 'members', label: t('seg.saved.members'), num: true, render: (s) => counts.get(s.name) },
      { key: 'created', label: t('seg.saved.created'), render: (s) => fmt.date(s.created_at) },
      {
        key: 'actions', label: t('seg.saved.actions'), render: (s) => el('div', { class: 'seg-actions' },
          el('button', { type: 'button', 'aria-label': t('seg.saved.edit.label', { name: s.name }), onclick: () => editor.use(s.rule) }, t('seg.saved.edit')),
          ctx.can('admin') ? deleteButton(s) : null),
      },
    ];
    const tbl = table(columns, list, { rowLink: (s) => customersOf('segment', s.name) });
    const tableEl = tbl.querySelector('table');
    tableEl.id = 'saved-segments';
    tableEl.setAttribute('aria-busy', 'true');
    fill(body, tbl);
    Promise.all(list.map(async (s) => {
      const cell = counts.get(s.name);
      try {
        const r = await api.get(`segments/${encodeURIComponent(s.name)}`);
        fill(cell, fmt.number(r.members));
        cell.setAttribute('data-members', String(r.members));
      } catch (e) {
        fill(cell, '–');
        cell.title = errorText(e);
      }
    })).then(() => tableEl.setAttribute('aria-busy', 'false'));
  }
  // Whether a segment of this name (case-insensitive) exists, built-in or saved.
  const has = (name) => names.has(name.toLowerCase());
  return { section, load, has };
}

// The rule editor: textarea, help, live count, the mistake marked in
// place, customers, CSV export and (admin) saving. onSaved runs after a
// save; exists(name) tells whether the name is taken (checked before sending).
function ruleEditor(ctx, onSaved, exists) {
  const { api, t, fmt } = ctx;
  const area = el('textarea', {
    id: 'rule-editor', name: 'rule', rows: 3, spellcheck: 'false', autocomplete: 'off', autocapitalize: 'off',
    'aria-describedby': 'rule-hint rule-count rule-error',
  });
  const count = el('div', { id: 'rule-count', class: 'rule-count', 'aria-live': 'polite', 'data-state': 'empty' }, t('seg.rule.empty'));
  const errorBox = el('div', { id: 'rule-error', class: 'rule-error', 'aria-live': 'polite' });
  const actionStatus = el('div', { id: 'rule-status', role: 'status' });
  const showBtn = el('button', { type: 'button', id: 'rule-customers', disabled: true }, t('seg.rule.show'));
  const exportBtn = el('button', { type: 'button', id: 'segment-export', disabled: true }, t('seg.rule.export'));

  let timer = null;
  let inFlight = null; // AbortController of the count being asked for
  let lastValid = ''; // the last rule the server counted

  // Shows a rule mistake under the editor, with a caret under its column.
  function showError(msg) {
    const pos = parsePosition(msg);
    area.setAttribute('aria-invalid', 'true');
    if (!pos) {
      fill(errorBox, el('p', { class: 'field-error' }, msg));
      return;
    }
    const line = area.value.split('\n')[pos.line - 1] ?? '';
    const chars = Array.from(line);
    const col = Math.max(1, Math.min(pos.column, chars.length + 1));
    fill(errorBox,
      el('p', { class: 'field-error' }, t('seg.rule.error', { line: pos.line, column: pos.column, message: pos.text })),
      el('pre', { class: 'rule-mark', 'aria-hidden': 'true' },
        chars.join(''), '\n', ' '.repeat(col - 1), el('span', { class: 'caret' }, '^')),
      el('button', { type: 'button', class: 'seg-link', onclick: () => jumpTo(pos.line, col) }, t('seg.rule.jump')));
  }

  // Puts the cursor at line:column (1-based, in characters) of the editor.
  function jumpTo(line, column) {
    const lines = area.value.split('\n');
    let offset = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    offset += Array.from(lines[line - 1] ?? '').slice(0, column - 1).join('').length;
    area.focus();
    area.setSelectionRange(offset, offset);
  }

  function clearError() {
    area.removeAttribute('aria-invalid');
    fill(errorBox);
  }

  function setCount(state, text) {
    count.setAttribute('data-state', state);
    count.removeAttribute('aria-busy');
    fill(count, text);
  }

  function setActions(valid) {
    showBtn.disabled = !valid;
    exportBtn.disabled = !valid;
  }

  // Asks for the count of the current rule; an older request still running
  // is aborted, and only the newest answer is shown.
  async function recount() {
    const rule = area.value.trim();
    if (inFlight) inFlight.abort();
    inFlight = null;
    if (!rule) {
      clearError();
      setActions(false);
      setCount('empty', t('seg.rule.empty'));
      return;
    }
    const ctl = new AbortController();
    inFlight = ctl;
    count.setAttribute('aria-busy', 'true');
    try {
      const r = await api.post('segments/count', { rule }, { signal: ctl.signal });
      if (ctl.signal.aborted) return;
      clearError();
      lastValid = rule;
      setActions(true);
      setCount('ok', t('seg.rule.count', {
        members: fmt.number(r.members), customers: fmt.number(r.customers),
        share: r.customers ? fmt.share(r.members / r.customers) : '–',
      }));
      count.setAttribute('data-members', String(r.members));
    } catch (e) {
      if (e?.name === 'AbortError' || ctl.signal.aborted) return;
      setActions(false);
      if (e.status === 400 && e.field === 'rule') {
        showError(messageOf(e));
        setCount('invalid', t('seg.rule.nocount'));
      } else {
        clearError();
        setCount('failed', errorText(e));
      }
    } finally {
      if (inFlight === ctl) inFlight = null;
    }
  }

  // Typing: an answer still coming is for an older text (aborted), and the
  // buttons wait for the new rule's count, asked for once the typing pauses.
  area.addEventListener('input', () => {
    clearTimeout(timer);
    if (inFlight) inFlight.abort();
    inFlight = null;
    setActions(false);
    count.setAttribute('aria-busy', 'true');
    fill(actionStatus);
    timer = setTimeout(recount, DEBOUNCE_MS);
  });

  // Puts a rule into the editor and counts it at once.
  function use(rule) {
    area.value = rule;
    clearTimeout(timer);
    recount();
    area.focus();
  }

  showBtn.addEventListener('click', () => ctx.go('customers', { rule: lastValid }));
  exportBtn.addEventListener('click', async () => {
    exportBtn.disabled = true;
    fill(actionStatus, el('p', { class: 'loading' }, t('seg.rule.exporting')));
    try {
      const csv = await api.get('customers', { view: 'summary', format: 'csv', rule: lastValid });
      download('segment.csv', typeof csv === 'string' ? csv : JSON.stringify(csv));
      fill(actionStatus, message('ok', t('seg.rule.exported', { file: 'segment.csv' })));
    } catch (e) {
      fill(actionStatus, message('error', errorText(e)));
    } finally {
      exportBtn.disabled = !lastValid;
    }
  });

  const help = el('details', { class: 'rule-help' },
    el('summary', {}, t('seg.rule.help')),
    el('h3', {}, t('seg.rule.fields')),
    el('dl', { class: 'facts' }, HELP_FIELDS.map(([f, k]) => [el('dt', {}, el('code', {}, f)), el('dd', {}, t(`seg.field.${k}`))])),
    el('p', {}, t('seg.rule.operators')),
    el('h3', {}, t('seg.rule.examples')),
    el('ul', { class: 'seg-examples' }, EXAMPLES.map((x) => el('li', {},
      el('button', { type: 'button', class: 'seg-link', 'aria-label': t('seg.rule.example.label', { rule: x }), onclick: () => use(x) }, el('code', {}, x))))));

  const editorField = el('div', { class: 'field' },
    el('label', { for: 'rule-editor' }, t('seg.rule.label')),
    area,
    el('div', { class: 'hint', id: 'rule-hint' }, t('seg.rule.hint')));

  const body = el('div', { class: 'stack' },
    editorField, errorBox, count,
    el('div', { class: 'seg-actions' }, showBtn, exportBtn),
    actionStatus,
    ctx.can('admin') ? saveForm() : null,
    help);

  // The admin's form to save the rule as a segment; errors go next to the
  // field they name.
  function saveForm() {
    const name = el('input', { id: 'segment-name', name: 'name', type: 'text', maxlength: 100, autocomplete: 'off', 'aria-describedby': 'segment-name-error' });
    const desc = el('input', { id: 'segment-description', name: 'description', type: 'text', maxlength: 500, autocomplete: 'off', 'aria-describedby': 'segment-description-error' });
    const nameErr = el('div', { id: 'segment-name-error', class: 'field-error' });
    const descErr = el('div', { id: 'segment-description-error', class: 'field-error' });
    const status = el('div', { id: 'rule-save-status', role: 'status' });
    const submit = el('button', { type: 'submit', class: 'primary', id: 'rule-save' }, t('seg.save.submit'));
    const nameField = field(t('seg.save.name'), name);
    nameField.append(nameErr);
    const descField = field(t('seg.save.description'), desc);
    descField.append(descErr);
    const fieldError = (input, box, text) => {
      input.setAttribute('aria-invalid', 'true');
      fill(box, text);
    };
    const form = el('form', { class: 'save-segment', id: 'segment-save', novalidate: true },
      el('h3', {}, t('seg.save.title')),
      el('div', { class: 'filters' }, nameField, descField, submit),
      status);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      for (const [i, b] of [[name, nameErr], [desc, descErr]]) {
        i.removeAttribute('aria-invalid');
        fill(b);
      }
      fill(status);
      const rule = area.value.trim();
      if (!name.value.trim()) {
        fieldError(name, nameErr, t('seg.save.noname'));
        return name.focus();
      }
      if (!rule) {
        showError(t('seg.save.norule'));
        return area.focus();
      }
      if (exists(name.value.trim())) {
        fieldError(name, nameErr, t('seg.save.exists', { name: name.value.trim() }));
        return name.focus();
      }
      submit.disabled = true;
      try {
        const saved = await api.post('segments', { name: name.value.trim(), rule, description: desc.value.trim() }, { headers: api.once() });
        fill(status, message('ok', t('seg.save.saved', { name: saved?.name ?? name.value.trim() })));
        name.value = '';
        desc.value = '';
        onSaved();
      } catch (e) {
        const f = e.field;
        if (f === 'rule') {
          showError(messageOf(e));
          area.focus();
        } else if (f === 'description') {
          fieldError(desc, descErr, messageOf(e));
          desc.focus();
        } else if (e.status === 409) {
          fieldError(name, nameErr, t('seg.save.exists', { name: name.value.trim() }));
          name.focus();
        } else if (f === 'name') {
          fieldError(name, nameErr, messageOf(e));
          name.focus();
        } else {
          fill(status, message('error', errorText(e)));
        }
      } finally {
        submit.disabled = false;
      }
    });
    return form;
  }

  return { section: card(t('seg.rule.title'), body, { id: 'rule' }), use, recount, area };
}

export default async function render(view, ctx) {
  const { api, t, query } = ctx;
  const rfmCall = api.get('rfm');
  let saved = null;
  const editor = ruleEditor(ctx, () => saved.load(), (name) => saved.has(name));
  saved = savedCard(ctx, editor);
  const savedLoad = saved.load();
  const rfm = await rfmCall;
  fill(view,
    pageHeader(t('seg.title')),
    rfmCard(ctx, rfm),
    rfm.customers ? namedCard(ctx, rfm) : null,
    saved.section,
    editor.section);
  const rule = query.get('rule');
  if (rule) {
    editor.area.value = rule;
    editor.recount();
  }
  await savedLoad;
}
