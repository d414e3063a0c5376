// The dashboard's shell: login with an API key, the menu by role, the
// language switch and the pages (hash routes, each page a module loaded
// when first opened: page_<name>.js exporting `texts` and a default
// render(view, ctx)).
import * as api from './api.js';
import { addTexts, fmt, lang, savedLang, setLang, t } from './i18n.js';
import { el, errorText, fill, loading, message } from './ui.js';

addTexts({
  de: {
    'app.title': 'retain – Bestandskunden',
    'skip': 'Zum Inhalt springen',
    'menu': 'Menü',
    'menu.main': 'Hauptmenü',
    'language': 'Sprache',
    'logout': 'Abmelden',
    'loading': 'Wird geladen …',
    'login.title': 'Anmelden',
    'login.intro': 'Melden Sie sich mit einem API-Schlüssel an. Er bleibt nur in diesem Browser-Tab gespeichert, bis Sie ihn schließen oder sich abmelden.',
    'login.key': 'API-Schlüssel',
    'login.hint': 'Beginnt mit rk_ – erstellt mit „retain apikey create“ oder unter Einstellungen.',
    'login.submit': 'Anmelden',
    'login.unknown': 'Dieser Schlüssel ist unbekannt oder widerrufen.',
    'login.expired': 'Ihr Schlüssel gilt nicht mehr. Bitte melden Sie sich neu an.',
    'login.failed': 'Anmeldung nicht möglich: {error}',
    'role.admin': 'Administration',
    'role.analyst': 'Analyse (nur lesen)',
    'role.shop': 'Kasse/Shop',
    'nav.overview': 'Übersicht',
    'nav.customers': 'Kunden',
    'nav.segments': 'Segmente',
    'nav.forecast': 'Prognose',
    'nav.club': 'Kunden-Club',
    'nav.plan': 'Kommunikationskalender',
    'nav.feedback': 'Feedback',
    'nav.settings': 'Einstellungen',
    'page.previous': 'Zurück',
    'page.next': 'Weiter',
    'page.range': '{from}–{to} von {total}',
    'page.notfound': 'Diese Seite gibt es nicht.',
    'page.forbidden': 'Diese Seite ist für Ihre Rolle nicht freigegeben.',
    'page.failed': 'Die Seite konnte nicht geladen werden: {error}',
    'error.forbidden': 'Das darf Ihr Schlüssel nicht (Rolle).',
  },
  en: {
    'app.title': 'retain – existing customers',
    'skip': 'Skip to content',
    'menu': 'Menu',
    'menu.main': 'Main menu',
    'language': 'Language',
    'logout': 'Log out',
    'loading': 'Loading …',
    'login.title': 'Log in',
    'login.intro': 'Log in with an API key. It is kept in this browser tab only, until you close it or log out.',
    'login.key': 'API key',
    'login.hint': 'Starts with rk_ – made with “retain apikey create” or under Settings.',
    'login.submit': 'Log in',
    'login.unknown': 'This key is unknown or revoked.',
    'login.expired': 'Your key is no longer valid. Please log in again.',
    'login.failed': 'Cannot log in: {error}',
    'role.admin': 'Administration',
    'role.analyst': 'Analysis (read only)',
    'role.shop': 'Till/shop',
    'nav.overview': 'Overview',
    'nav.customers': 'Customers',
    'nav.segments': 'Segments',
    'nav.forecast': 'Forecast',
    'nav.club': 'Kunden-Club',
    'nav.plan': 'Contact plan',
    'nav.feedback': 'Feedback',
    'nav.settings': 'Settings',
    'page.previous': 'Previous',
    'page.next': 'Next',
    'page.range': '{from}–{to} of {total}',
    'page.notfound': 'There is no such page.',
    'page.forbidden': 'This page is not open to your role.',
    'page.failed': 'The page could not be loaded: {error}',
    'error.forbidden': 'Your key may not do this (role).',
  },
});

const READ = ['admin', 'analyst'];
const ALL = ['admin', 'analyst', 'shop'];
// The pages: hash path (":id" a parameter), module, roles, menu entry.
const PAGES = [
  { path: '', name: 'overview', roles: READ, nav: 'overview' },
  { path: 'customers', name: 'customers', roles: READ, nav: 'customers' },
  { path: 'customers/:id', name: 'customer', roles: READ },
  { path: 'segments', name: 'segments', roles: READ, nav: 'segments' },
  { path: 'forecast', name: 'forecast', roles: READ, nav: 'forecast' },
  { path: 'club', name: 'club', roles: ALL, nav: 'club' },
  { path: 'club/:id', name: 'club', roles: ALL },
  { path: 'plan', name: 'plan', roles: READ, nav: 'plan' },
  { path: 'feedback', name: 'feedback', roles: READ, nav: 'feedback' },
  { path: 'settings', name: 'settings', roles: READ, nav: 'settings' },
];
const NAV_PARENT = { customer: 'customers' };

let me = null; // { key_id, name, role } of the logged-in key
const modules = new Map();

// The route of a hash "#/customers/C1?rule=x": page, params, query.
function parseHash() {
  let h = location.hash.replace(/^#\/?/, '');
  try {
    h = decodeURI(h);
  } catch {
    /* a malformed escape: taken as it is */
  }
  const [path, qs] = h.split('?');
  const parts = path.split('/').filter(Boolean);
  for (const p of PAGES) {
    const pp = p.path.split('/').filter(Boolean);
    if (pp.length !== parts.length) continue;
    const params = {};
    if (pp.every((s, i) => (s.startsWith(':') ? ((params[s.slice(1)] = decodeURIComponent(parts[i])), true) : s === parts[i]))) {
      return { page: p, params, query: new URLSearchParams(qs || '') };
    }
  }
  return { page: null, params: {}, query: new URLSearchParams(qs || '') };
}

// Goes to "#/path?query" (query: object, empty values left out).
export function go(path, query) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query || {})) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  const target = `#/${path}${s ? `?${s}` : ''}`;
  if (location.hash === target) render();
  else location.hash = target;
}

function firstPageFor(role) {
  return role === 'shop' ? 'club' : '';
}

function applyStaticTexts() {
  document.title = t('app.title');
  fill(document.getElementById('skip-link'), t('skip'));
  fill(document.getElementById('menu-label'), t('menu'));
  fill(document.getElementById('language-label'), t('language'));
  fill(document.getElementById('logout'), t('logout'));
  document.getElementById('nav').setAttribute('aria-label', t('menu.main'));
  document.getElementById('language').value = lang();
}

function renderNav(current) {
  const nav = document.getElementById('nav');
  const active = NAV_PARENT[current] || current;
  const items = PAGES.filter((p) => p.nav && me && p.roles.includes(me.role));
  fill(nav, el('ul', {}, items.map((p) => el('li', {}, el('a', {
    href: `#/${p.path}`,
    id: `nav-${p.name}`,
    'aria-current': p.name === active ? 'page' : undefined,
    onclick: () => closeMenu(),
  }, t(`nav.${p.nav}`))))));
  nav.hidden = !me;
  document.getElementById('menu-button').hidden = !me;
  document.getElementById('logout').hidden = !me;
  fill(document.getElementById('who'), me ? `${me.name || me.key_id} · ${t(`role.${me.role}`)}` : '');
}

function closeMenu() {
  document.body.classList.remove('menu-open');
  document.getElementById('menu-button').setAttribute('aria-expanded', 'false');
}

function renderLogin(notice) {
  renderNav(null);
  const main = document.getElementById('main');
  const input = el('input', { id: 'login-key', name: 'key', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'login-hint' });
  const status = el('div', { id: 'login-status' }, notice ? message('info', notice) : null);
  const form = el('form', { id: 'login', class: 'login card', novalidate: true },
    el('h1', {}, t('login.title')),
    el('p', {}, t('login.intro')),
    el('div', { class: 'field' }, el('label', { for: 'login-key' }, t('login.key')), input, el('div', { class: 'hint', id: 'login-hint' }, t('login.hint'))),
    status,
    el('button', { type: 'submit', class: 'primary' }, t('login.submit')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const key = input.value.trim();
    if (!key) return input.focus();
    fill(status, loading());
    try {
      me = await api.get('me', {}, { key });
      api.setSessionKey(key);
      const target = parseHash();
      if (!target.page || !target.page.roles.includes(me.role)) location.hash = `#/${firstPageFor(me.role)}`;
      render();
    } catch (e) {
      fill(status, message('error', e.status === 401 ? t('login.unknown') : t('login.failed', { error: errorText(e) })));
      input.focus();
    }
  });
  fill(main, form);
  input.focus();
}

let renderCount = 0;
// Shows the page of the current hash.
export async function render() {
  applyStaticTexts();
  const main = document.getElementById('main');
  if (!me) {
    const key = api.sessionKey();
    if (!key) return renderLogin();
    try {
      me = await api.get('me');
    } catch (e) {
      // Only a refused key is forgotten; a lost connection keeps it.
      if (e.status === 401) api.setSessionKey(null);
      return renderLogin(e.status === 401 ? t('login.expired') : t('login.failed', { error: errorText(e) }));
    }
  }
  const route = parseHash();
  renderNav(route.page?.name);
  const view = el('div', { class: 'view', 'data-route': location.hash || '#/' });
  fill(main, view);
  if (!route.page) return fill(view, message('error', t('page.notfound')));
  if (!route.page.roles.includes(me.role)) return fill(view, message('error', t('page.forbidden')));
  const count = ++renderCount;
  fill(view, loading());
  try {
    let mod = modules.get(route.page.name);
    if (!mod) {
      mod = await import(`./page_${route.page.name}.js`);
      if (mod.texts) addTexts(mod.texts);
      modules.set(route.page.name, mod);
    }
    if (count !== renderCount) return;
    const ctx = {
      api, t, fmt, lang: lang(), role: me.role, me,
      params: route.params, query: route.query,
      can: (...roles) => roles.includes(me.role),
      go,
      rerender: render,
    };
    await mod.default(view, ctx);
    view.setAttribute('data-ready', 'true');
  } catch (e) {
    console.warn(e);
    if (count === renderCount) fill(view, message('error', t('page.failed', { error: errorText(e) })));
  }
}

function start() {
  setLang(savedLang());
  api.whenUnauthorized(() => {
    me = null;
    api.setSessionKey(null);
    renderLogin(t('login.expired'));
  });
  document.getElementById('language').addEventListener('change', (ev) => {
    setLang(ev.target.value);
    render();
  });
  document.getElementById('logout').addEventListener('click', () => {
    me = null;
    api.setSessionKey(null);
    location.hash = '#/';
    renderLogin();
  });
  const menu = document.getElementById('menu-button');
  menu.addEventListener('click', () => {
    const open = document.body.classList.toggle('menu-open');
    menu.setAttribute('aria-expanded', String(open));
  });
  window.addEventListener('hashchange', () => {
    render();
    document.getElementById('main').focus({ preventScroll: true });
  });
  render();
}

start();
