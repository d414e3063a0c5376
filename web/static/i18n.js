// Language and formats: German by default, English on request; numbers,
// money and dates formatted the way each language writes them
// (1.234,56 € vs €1,234.56). Pages add their own texts with addTexts().

const texts = { de: {}, en: {} };
let language = 'de';

// Adds texts: { de: { key: 'Text {name}' }, en: { ... } }.
export function addTexts(more) {
  for (const lang of ['de', 'en']) Object.assign(texts[lang], more[lang] || {});
}

// The current language, 'de' or 'en'.
export function lang() {
  return language;
}

// Sets the language ('de' or 'en', anything else counts as 'de') and
// remembers it for the next visit.
export function setLang(l) {
  language = l === 'en' ? 'en' : 'de';
  try {
    localStorage.setItem('retain.lang', language);
  } catch {
    /* private mode: not remembered */
  }
  document.documentElement.lang = language;
}

// The language remembered from the last visit, or German.
export function savedLang() {
  try {
    return localStorage.getItem('retain.lang') === 'en' ? 'en' : 'de';
  } catch {
    return 'de';
  }
}

// The text for key in the current language with {name} replaced by vars.name;
// the key itself when no text is known (visible, so it gets noticed).
export function t(key, vars) {
  let s = texts[language][key] ?? texts.de[key] ?? key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  return s;
}

const locale = () => (language === 'en' ? 'en-GB' : 'de-DE');
const cache = new Map();
function nf(opts) {
  const key = locale() + JSON.stringify(opts);
  if (!cache.has(key)) cache.set(key, new Intl.NumberFormat(locale(), opts));
  return cache.get(key);
}

const dash = '–';
const missing = (v) => v === null || v === undefined || Number.isNaN(v);

// Formats for the current language; every one shows '–' for no value.
export const fmt = {
  // 1234.5 -> "1.234,5" / "1,234.5" (digits: most fraction digits).
  number(v, digits = 0) {
    return missing(v) ? dash : nf({ maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v);
  },
  // Integer cents -> "1.234,56 €" / "€1,234.56".
  money(cents, currency = 'EUR') {
    return missing(cents) ? dash : nf({ style: 'currency', currency }).format(cents / 100);
  },
  // Integer cents -> whole currency units: "1.235 €" / "€1,235".
  moneyRound(cents, currency = 'EUR') {
    return missing(cents)
      ? dash
      : nf({ style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(cents / 100);
  },
  // Large cents amounts shortened: "1,2 Mio. €" / "€1.2M".
  moneyShort(cents, currency = 'EUR') {
    return missing(cents)
      ? dash
      : nf({ style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(cents / 100);
  },
  // A percentage given as 0..100: 12.3456 -> "12,3 %" / "12.3%".
  percent(v, digits = 1) {
    return missing(v)
      ? dash
      : nf({ style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v / 100);
  },
  // A share 0..1 as a percentage.
  share(v, digits = 1) {
    return missing(v) ? dash : fmt.percent(v * 100, digits);
  },
  // Percentage points with a sign: +1,2 Pp. / +1.2 pp.
  points(v, digits = 1) {
    if (missing(v)) return dash;
    const n = nf({ maximumFractionDigits: digits, minimumFractionDigits: digits, signDisplay: 'always' }).format(v);
    return language === 'en' ? `${n} pp` : `${n} Pp.`;
  },
  // A change in percent with a sign: "+4,5 %".
  change(v, digits = 1) {
    return missing(v)
      ? dash
      : nf({ style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits, signDisplay: 'always' }).format(v / 100);
  },
  // "2025-12-31" or an ISO time -> "31.12.2025" / "31 Dec 2025".
  date(iso) {
    if (!iso) return dash;
    const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
    if (Number.isNaN(d.getTime())) return iso;
    const opts = language === 'en'
      ? { day: 'numeric', month: 'short', year: 'numeric' }
      : { day: '2-digit', month: '2-digit', year: 'numeric' };
    if (iso.length === 10) opts.timeZone = 'UTC';
    return d.toLocaleDateString(locale(), opts);
  },
  // An ISO time -> "31.12.2025, 14:05" / "31 Dec 2025, 14:05".
  dateTime(iso) {
    if (!iso) return dash;
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    return d.toLocaleString(locale(), language === 'en'
      ? { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }
      : { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  },
  // "2025-03" -> "März 2025" / "Mar 2025" (short: "Mär 25" / "Mar 25").
  month(ym, short = false) {
    if (!ym) return dash;
    const d = new Date(`${ym}-15T12:00:00Z`);
    return d.toLocaleDateString(locale(), { month: short ? 'short' : 'long', year: short ? '2-digit' : 'numeric', timeZone: 'UTC' });
  },
};
