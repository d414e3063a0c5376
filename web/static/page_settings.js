// Einstellungen / Settings: the definitions in force (who is active, who
// is an existing customer, lifecycle, forecast and risk bands), the contact
// calendar's rules, listening, messages and mail server, the Kunden-Club's
// program (all read only, from GET /api/v1/settings: they come from the
// server's TOML configuration), and for admins the API keys (create one,
// shown once; revoke with a second click).
import { card, el, errorText, field, fill, message, pageHeader, select, table } from './ui.js';

export const texts = {
  de: {
    'st.title': 'Einstellungen',
    'st.intro': 'Die Regeln und Definitionen, mit denen dieser Server rechnet. Sie sind hier nur zu lesen.',
    'st.change.title': 'Einstellungen ändern',
    'st.change.file': 'Die Einstellungen stehen in der TOML-Datei, mit der der Server gestartet wird:',
    'st.change.contact': 'Kommunikationskalender',
    'st.change.listening': 'Feedback und Beschwerden',
    'st.change.messages': 'Nachrichten und Mailserver',
    'st.change.loyalty': 'Kunden-Club',
    'st.change.restart': 'Nach einer Änderung den Server neu starten. Das Passwort des Mailservers gehört in die Umgebungsvariable RETAIN_SMTP_PASSWORD, nicht in die Datei. Eine Beispieldatei mit allen Vorgaben steht in der README unter „Configuration“.',
    'st.change.kpi': 'Aktivitätsfenster und Bestandskunden-Schwelle sind die Vorgaben der Berichte; einzelne Auswertungen können anders rechnen: retain kpi --window-days N --existing-min-orders N oder ?window_days=…&existing_min_orders=… an /api/v1/kpis. Die Risikostufen und der Prognosezeitraum kommen aus dem letzten Prognoselauf (retain clv score --high-risk-below … --medium-risk-below … --horizon-months …).',
    'st.failed': 'Nicht verfügbar: {error}',
    'st.days': '{n} Tage',
    'st.months': '{n} Monate',
    'st.points': '{n} Punkte',
    'st.yes': 'ja',
    'st.no': 'nein',
    'st.off': 'aus',
    'st.none': 'keine',
    'st.notset': 'nicht gesetzt',
    'st.def.title': 'Definitionen',
    'st.def.window': 'Aktive Kunden',
    'st.def.window.v': 'Kauf in den letzten {n} Tagen',
    'st.def.window.x': 'Ein Kunde gilt als aktiv, wenn er in den letzten {n} Tagen gekauft hat. Danach zählt er in der Kundenbindungsrate nicht mehr mit.',
    'st.def.existing': 'Bestandskunden',
    'st.def.existing.v': 'ab {n} Bestellungen',
    'st.def.existing.x': 'Bestandskunde ab {n} Bestellungen; wer weniger hat, zählt als Neukunde.',
    'st.def.existing.x1': 'Jeder Kunde mit einem früheren Kauf zählt als Bestandskunde.',
    'st.def.period': 'Standardzeitraum',
    'st.def.period.x': 'Ohne gewählten Zeitraum zeigen die Kennzahlen die {n} Tage bis zur letzten Bestellung.',
    'st.def.lifecycle': 'Lebenszyklus',
    'st.def.lifecycle.v': 'aktiv bis {a} ×, gefährdet bis {r} ×, abgewandert bis {c} × des üblichen Kaufabstands, danach verloren',
    'st.def.lifecycle.x': 'Jeder Kunde wird an seinem eigenen Rhythmus gemessen: dem mittleren Abstand seiner Kauftage (mindestens {min} Tage). Bei nur einem Kauftag gilt {gap}.',
    'st.def.lifecycle.median': 'der mittlere Kaufabstand aller Kunden (Median)',
    'st.def.lifecycle.gap': 'ein Abstand von {n} Tagen',
    'st.def.clv': 'Kundenwert-Prognose',
    'st.def.clv.v': '{m} Monate, abgezinst mit {d} je Monat',
    'st.def.clv.x': 'Erwarteter Umsatz je Kunde (BG/NBD und Gamma-Gamma) über diesen Zeitraum.',
    'st.def.risk': 'Abwanderungsrisiko',
    'st.def.risk.v': 'hoch unter {h}, mittel unter {m}',
    'st.def.risk.x': 'Nach der Wahrscheinlichkeit, noch Kunde zu sein (P(aktiv)).',
    'st.def.risk.run': 'Aus dem Prognoselauf {id}.',
    'st.def.risk.defaults': 'Die Vorgaben (noch kein Prognoselauf).',
    'st.contact.title': 'Kommunikationskalender',
    'st.contact.caps': 'Kontaktgrenzen',
    'st.contact.rule': 'Regel',
    'st.contact.consumer': 'Privatkunden',
    'st.contact.business': 'Geschäftskunden',
    'st.caps.min_gap_days': 'Mindestabstand zwischen zwei Kontakten',
    'st.caps.max_per_30_days': 'Höchstens Kontakte in 30 Tagen',
    'st.caps.sales': 'Verkaufsorientierte Kontakte höchstens',
    'st.caps.sales.v': '{max} von {window} Kontakten',
    'st.caps.quiet_days_after_complaint': 'Ruhezeit nach einer Beschwerde (nur Service)',
    'st.contact.triggers': 'Anlässe und Regeln',
    'st.c.informal': 'Anrede',
    'st.c.informal.yes': 'du (informell)',
    'st.c.informal.no': 'Sie (formell)',
    'st.c.feedback': 'Feedback-Anfrage',
    'st.c.feedback.v': '{a} Tage nach der Bestellung, bis {w} Tage später',
    'st.c.problem': 'Problem mit einer Bestellung',
    'st.c.problem.v': 'Service-Nachricht, wenn das Problem höchstens {n} Tage alt ist (Status: {statuses})',
    'st.c.winback': 'Rückgewinnung',
    'st.c.winback.v': 'still seit {f} × des üblichen Abstands oder P(aktiv) unter {p}; höchstens alle {r} Tage; Gutschein {money}',
    'st.c.renewal': 'Vertragsverlängerung',
    'st.c.renewal.v': '{n} Tage vor Vertragsende',
    'st.c.tier': 'Neue Kunden-Club-Stufe',
    'st.c.tier.v': 'angekündigt, wenn höchstens {n} Tage her',
    'st.c.expiring': 'Verfallende Punkte',
    'st.c.expiring.v': 'Hinweis ab {n} Punkten, die in 30 Tagen verfallen',
    'st.c.keep': 'In Kontakt bleiben',
    'st.c.keep.v': 'nach {s} Tagen ohne Bestellung und Kontakt, bis {m} Tage nach der letzten Bestellung',
    'st.c.new_products': 'Neue Produkte',
    'st.c.new_products.v': 'erstmals in den letzten {n} Tagen verkauft',
    'st.c.milestone': 'Jubiläumsbestellung',
    'st.c.milestone.v': 'jede {n}. Bestellung, innerhalb von {d} Tagen',
    'st.c.surprise': 'Überraschung',
    'st.c.surprise.v': 'Chance 1 zu {n} je Tag für Kunden ab {o} Bestellungen, höchstens alle {r} Tage, {p} Punkte',
    'st.c.review': 'Bewertungseinladung',
    'st.c.review.v': 'nach einer Promotor-Antwort (9–10) der letzten {n} Tage',
    'st.c.bonus': 'Bonuspunkte mit einem Kontakt',
    'st.c.bonus.v': 'Geburtstag {b}, Vertragsverlängerung {r}',
    'st.c.email_from_sale': 'E-Mail-Adressen aus einem Kauf (§ 7 Abs. 3 UWG)',
    'st.c.objection': 'Widerspruchshinweis bei der Erhebung gegeben',
    'st.c.b2b_phone': 'Mutmaßliches Interesse an Anrufen (Geschäftskunden)',
    'st.c.events': 'Veranstaltungen',
    'st.ev.name': 'Veranstaltung',
    'st.ev.day': 'Tag',
    'st.ev.audience': 'Eingeladen',
    'st.ev.invite': 'Einladung ab',
    'st.ev.invite.v': '{n} Tage vorher',
    'st.ev.audience.gold': 'höchste Kunden-Club-Stufe',
    'st.ev.audience.key_account': 'Schlüsselkunden (Geschäftskunden)',
    'st.ev.audience.all': 'alle',
    'st.listening.title': 'Feedback und Beschwerden',
    'st.l.call_back': 'Rückruf nach einer Detraktor-Antwort (0–6)',
    'st.l.call_back.v': 'fällig in {n} Arbeitstagen',
    'st.l.satisfaction': 'Zufriedenheitsanruf',
    'st.l.satisfaction.v': 'bei Bestellungen ab {money}, {a} Tage nach der Bestellung, fällig in {w} Arbeitstagen',
    'st.l.complaint_risk': 'Beschwerde erhöht das Abwanderungsrisiko',
    'st.l.complaint_risk.v': '{n} Tage lang',
    'st.messages.title': 'Nachrichten und Mailserver',
    'st.m.public_url': 'Öffentliche Adresse (Abmelde- und Umfragelinks)',
    'st.m.from': 'Absender',
    'st.m.shop': 'Shop',
    'st.m.review_url': 'Bewertungsseite',
    'st.m.templates_dir': 'Eigene Vorlagen',
    'st.m.templates_builtin': 'eingebaute Vorlagen',
    'st.m.recommendations': 'Produktempfehlungen je Nachricht',
    'st.m.voucher_valid_days': 'Gültigkeit eines Club-Gutscheins aus einem Angebot',
    'st.m.offer_code': 'Angebotscode für Nicht-Mitglieder',
    'st.m.feedback_valid_days': 'Gültigkeit eines Umfragelinks',
    'st.m.rate': 'Versand',
    'st.m.rate.v': '{n} E-Mails je Sekunde, {a} Versuche, {b} ms Pause',
    'st.m.work_list_dir': 'Ordner der Arbeitslisten',
    'st.smtp': 'Mailserver (SMTP)',
    'st.smtp.v': '{host}:{port} ({tls}), Benutzer {user}, Passwort {pw}',
    'st.smtp.pw.set': 'gesetzt',
    'st.smtp.pw.unset': 'nicht gesetzt',
    'st.smtp.none': 'nicht eingerichtet: E-Mails können nur exportiert werden',
    'st.smtp.from': 'Absender beim Mailserver',
    'st.program.title': 'Kunden-Club-Programm',
    'st.p.tier': 'Stufe',
    'st.p.threshold': 'ab Punkten',
    'st.p.bonus': 'Bonus',
    'st.p.benefits': 'Vorteile',
    'st.p.benefit.exclusive_offers': 'exklusive Angebote',
    'st.p.benefit.personal_consultation': 'persönliche Beratung',
    'st.p.benefit.event_invitations': 'Einladungen zu Veranstaltungen',
    'st.p.earn': 'Punkte sammeln',
    'st.p.earn.v': '1 Punkt je volle {money}',
    'st.p.window': 'Stufenberechnung',
    'st.p.window.v': 'nach den Punkten der letzten {w} Monate, gehalten für {h} Monate',
    'st.p.redeem': 'Einlösen',
    'st.p.redeem.v': 'je {n} Punkte ein Gutschein über {money}, gültig {m} Monate',
    'st.p.expiry': 'Verfall',
    'st.p.expiry.v': 'am 31. Dezember des {n}. Jahres nach der Gutschrift',
    'st.p.pending': 'Wartezeit neuer Punkte',
    'st.p.bonuses': 'Bonuspunkte',
    'st.p.bonuses.v': 'Geburtstag {b}, Empfehlung {r} (Werber) und {n} (Neumitglied), Vertragsverlängerung {x}',
    'st.p.promotions': 'Aktionen',
    'st.p.promo.name': 'Aktion',
    'st.p.promo.when': 'Zeitraum',
    'st.p.promo.on': 'Für',
    'st.p.promo.factor': 'Punkte',
    'st.p.promo.basket': 'ganzer Einkauf',
    'st.p.promo.category': 'Kategorie {c}',
    'st.p.promo.channel': 'Kanal {c}',
    'st.keys.title': 'API-Schlüssel',
    'st.keys.intro': 'Schlüssel für den Shop, die Kasse, Auswertungen und dieses Dashboard. Gespeichert wird nur ein Fingerabdruck; ein Schlüssel ist nur beim Anlegen zu sehen.',
    'st.keys.name': 'Name',
    'st.keys.id': 'ID',
    'st.keys.role': 'Rolle',
    'st.keys.created': 'Angelegt',
    'st.keys.state': 'Status',
    'st.keys.action': 'Aktion',
    'st.keys.active': 'aktiv',
    'st.keys.revoked': 'widerrufen am {at}',
    'st.keys.yours': 'Ihre Anmeldung',
    'st.keys.showRevoked': 'Widerrufene Schlüssel zeigen',
    'st.keys.none': 'Keine Schlüssel.',
    'st.keys.revoke': 'Widerrufen',
    'st.keys.confirm': 'Wirklich widerrufen?',
    'st.keys.cancel': 'Abbrechen',
    'st.keys.self': 'Mit diesem Schlüssel sind Sie angemeldet. Widerrufen Sie ihn mit einem anderen Admin-Schlüssel oder mit „retain apikey revoke {id}“.',
    'st.keys.revoked.ok': 'Der Schlüssel „{name}“ ({id}) ist widerrufen.',
    'st.keys.create': 'Neuer Schlüssel',
    'st.keys.create.name': 'Name',
    'st.keys.create.name.hint': 'Wofür oder für wen, z. B. „Webshop“ oder „Kasse Filiale 1“.',
    'st.keys.create.role': 'Rolle',
    'st.keys.create.submit': 'Schlüssel anlegen',
    'st.keys.role.admin': 'Administration: alles, auch Schlüssel',
    'st.keys.role.analyst': 'Analyse: nur lesen',
    'st.keys.role.shop': 'Kasse/Shop: Kunden, Bestellungen, Kunden-Club',
    'st.keys.new.title': 'Neuer Schlüssel „{name}“ ({role})',
    'st.keys.new.warning': 'Dieser Schlüssel wird nur jetzt angezeigt. Kopieren Sie ihn und bewahren Sie ihn sicher auf: retain speichert ihn nicht und kann ihn nicht wieder anzeigen.',
    'st.keys.new.label': 'API-Schlüssel (nur jetzt sichtbar)',
    'st.keys.copy': 'Kopieren',
    'st.keys.copied': 'In die Zwischenablage kopiert.',
    'st.keys.copy.failed': 'Kopieren nicht möglich: der Schlüssel ist markiert, kopieren Sie ihn mit Strg+C.',
    'st.keys.dismiss': 'Ich habe ihn gespeichert – ausblenden',
  },
  en: {
    'st.title': 'Settings',
    'st.intro': 'The rules and definitions this server works with. They are read only here.',
    'st.change.title': 'Changing the settings',
    'st.change.file': 'The settings are in the TOML file the server is started with:',
    'st.change.contact': 'Contact calendar',
    'st.change.listening': 'Feedback and complaints',
    'st.change.messages': 'Messages and mail server',
    'st.change.loyalty': 'Kunden-Club',
    'st.change.restart': 'Restart the server after a change. The mail server\'s password belongs in the environment variable RETAIN_SMTP_PASSWORD, not in the file. An example file with every default is in the README under “Configuration”.',
    'st.change.kpi': 'The activity window and the existing-customer threshold are the reports\' defaults; a single report may count otherwise: retain kpi --window-days N --existing-min-orders N, or ?window_days=…&existing_min_orders=… on /api/v1/kpis. The risk bands and the forecast horizon come from the latest score run (retain clv score --high-risk-below … --medium-risk-below … --horizon-months …).',
    'st.failed': 'Not available: {error}',
    'st.days': '{n} days',
    'st.months': '{n} months',
    'st.points': '{n} points',
    'st.yes': 'yes',
    'st.no': 'no',
    'st.off': 'off',
    'st.none': 'none',
    'st.notset': 'not set',
    'st.def.title': 'Definitions',
    'st.def.window': 'Active customers',
    'st.def.window.v': 'bought in the last {n} days',
    'st.def.window.x': 'A customer counts as active if they bought in the last {n} days. After that they no longer count in the retention rate.',
    'st.def.existing': 'Existing customers',
    'st.def.existing.v': 'from {n} orders',
    'st.def.existing.x': 'An existing customer has at least {n} orders; anyone with fewer counts as new.',
    'st.def.existing.x1': 'Every customer with an earlier purchase counts as existing.',
    'st.def.period': 'Default period',
    'st.def.period.x': 'Without a chosen period the KPIs show the {n} days up to the latest order.',
    'st.def.lifecycle': 'Lifecycle',
    'st.def.lifecycle.v': 'active up to {a} ×, at risk up to {r} ×, lapsed up to {c} × the usual gap between purchases, churned beyond',
    'st.def.lifecycle.x': 'Each customer is measured against their own rhythm: the mean gap between their purchase days (at least {min} days). With a single purchase day, {gap} applies.',
    'st.def.lifecycle.median': 'the median gap of all customers',
    'st.def.lifecycle.gap': 'a gap of {n} days',
    'st.def.clv': 'Customer value forecast',
    'st.def.clv.v': '{m} months, discounted by {d} a month',
    'st.def.clv.x': 'Expected revenue per customer (BG/NBD and Gamma-Gamma) over this horizon.',
    'st.def.risk': 'Churn risk',
    'st.def.risk.v': 'high below {h}, medium below {m}',
    'st.def.risk.x': 'By the probability of still being a customer (P(alive)).',
    'st.def.risk.run': 'From score run {id}.',
    'st.def.risk.defaults': 'The defaults (no score run yet).',
    'st.contact.title': 'Contact calendar',
    'st.contact.caps': 'Contact caps',
    'st.contact.rule': 'Rule',
    'st.contact.consumer': 'Consumers',
    'st.contact.business': 'Businesses',
    'st.caps.min_gap_days': 'Minimum gap between two contacts',
    'st.caps.max_per_30_days': 'At most contacts in 30 days',
    'st.caps.sales': 'Sales-driven contacts at most',
    'st.caps.sales.v': '{max} of {window} contacts',
    'st.caps.quiet_days_after_complaint': 'Quiet period after a complaint (service only)',
    'st.contact.triggers': 'Occasions and rules',
    'st.c.informal': 'Form of address (German)',
    'st.c.informal.yes': '“du” (informal)',
    'st.c.informal.no': '“Sie” (formal)',
    'st.c.feedback': 'Feedback request',
    'st.c.feedback.v': '{a} days after the order, up to {w} days later',
    'st.c.problem': 'Problem with an order',
    'st.c.problem.v': 'service message while the problem is at most {n} days old (statuses: {statuses})',
    'st.c.winback': 'Win-back',
    'st.c.winback.v': 'silent for {f} × the usual gap or P(alive) below {p}; at most every {r} days; voucher {money}',
    'st.c.renewal': 'Contract renewal',
    'st.c.renewal.v': '{n} days before the contract ends',
    'st.c.tier': 'New Kunden-Club tier',
    'st.c.tier.v': 'announced while at most {n} days ago',
    'st.c.expiring': 'Expiring points',
    'st.c.expiring.v': 'a note from {n} points expiring within 30 days',
    'st.c.keep': 'Keep in touch',
    'st.c.keep.v': 'after {s} days without order or contact, up to {m} days after the last order',
    'st.c.new_products': 'New products',
    'st.c.new_products.v': 'first sold in the last {n} days',
    'st.c.milestone': 'Milestone order',
    'st.c.milestone.v': 'every {n}th order, within {d} days',
    'st.c.surprise': 'Surprise',
    'st.c.surprise.v': 'a 1 in {n} chance a day for customers from {o} orders, at most every {r} days, {p} points',
    'st.c.review': 'Review invitation',
    'st.c.review.v': 'after a promoter\'s answer (9–10) in the last {n} days',
    'st.c.bonus': 'Bonus points with a contact',
    'st.c.bonus.v': 'birthday {b}, contract renewal {r}',
    'st.c.email_from_sale': 'E-mail addresses from a sale (§ 7(3) UWG)',
    'st.c.objection': 'Objection notice given at collection',
    'st.c.b2b_phone': 'Presumed interest in calls (businesses)',
    'st.c.events': 'Events',
    'st.ev.name': 'Event',
    'st.ev.day': 'Day',
    'st.ev.audience': 'Invited',
    'st.ev.invite': 'Invitation from',
    'st.ev.invite.v': '{n} days before',
    'st.ev.audience.gold': 'top Kunden-Club tier',
    'st.ev.audience.key_account': 'key accounts (businesses)',
    'st.ev.audience.all': 'everyone',
    'st.listening.title': 'Feedback and complaints',
    'st.l.call_back': 'Call-back after a detractor\'s answer (0–6)',
    'st.l.call_back.v': 'due within {n} working days',
    'st.l.satisfaction': 'Satisfaction call',
    'st.l.satisfaction.v': 'for orders from {money}, {a} days after the order, due within {w} working days',
    'st.l.complaint_risk': 'A complaint raises the churn risk',
    'st.l.complaint_risk.v': 'for {n} days',
    'st.messages.title': 'Messages and mail server',
    'st.m.public_url': 'Public address (unsubscribe and survey links)',
    'st.m.from': 'Sender',
    'st.m.shop': 'Shop',
    'st.m.review_url': 'Review page',
    'st.m.templates_dir': 'Own templates',
    'st.m.templates_builtin': 'built-in templates',
    'st.m.recommendations': 'Product recommendations per message',
    'st.m.voucher_valid_days': 'Validity of a club voucher from an offer',
    'st.m.offer_code': 'Offer code for non-members',
    'st.m.feedback_valid_days': 'Validity of a survey link',
    'st.m.rate': 'Sending',
    'st.m.rate.v': '{n} e-mails a second, {a} attempts, {b} ms pause',
    'st.m.work_list_dir': 'Folder of the work lists',
    'st.smtp': 'Mail server (SMTP)',
    'st.smtp.v': '{host}:{port} ({tls}), user {user}, password {pw}',
    'st.smtp.pw.set': 'set',
    'st.smtp.pw.unset': 'not set',
    'st.smtp.none': 'not set up: e-mails can only be exported',
    'st.smtp.from': 'Sender at the mail server',
    'st.program.title': 'Kunden-Club program',
    'st.p.tier': 'Tier',
    'st.p.threshold': 'from points',
    'st.p.bonus': 'Bonus',
    'st.p.benefits': 'Benefits',
    'st.p.benefit.exclusive_offers': 'exclusive offers',
    'st.p.benefit.personal_consultation': 'personal consultation',
    'st.p.benefit.event_invitations': 'event invitations',
    'st.p.earn': 'Earning points',
    'st.p.earn.v': '1 point per full {money}',
    'st.p.window': 'Tier rules',
    'st.p.window.v': 'by the points of the last {w} months, kept for {h} months',
    'st.p.redeem': 'Redeeming',
    'st.p.redeem.v': 'every {n} points a voucher worth {money}, valid for {m} months',
    'st.p.expiry': 'Expiry',
    'st.p.expiry.v': 'on 31 December of year {n} after they were credited',
    'st.p.pending': 'Waiting time of new points',
    'st.p.bonuses': 'Bonus points',
    'st.p.bonuses.v': 'birthday {b}, referral {r} (referrer) and {n} (new member), contract renewal {x}',
    'st.p.promotions': 'Promotions',
    'st.p.promo.name': 'Promotion',
    'st.p.promo.when': 'Period',
    'st.p.promo.on': 'On',
    'st.p.promo.factor': 'Points',
    'st.p.promo.basket': 'whole basket',
    'st.p.promo.category': 'category {c}',
    'st.p.promo.channel': 'channel {c}',
    'st.keys.title': 'API keys',
    'st.keys.intro': 'Keys for the web shop, the till, analyses and this dashboard. Only a fingerprint is stored; a key can be seen only when it is made.',
    'st.keys.name': 'Name',
    'st.keys.id': 'ID',
    'st.keys.role': 'Role',
    'st.keys.created': 'Created',
    'st.keys.state': 'State',
    'st.keys.action': 'Action',
    'st.keys.active': 'active',
    'st.keys.revoked': 'revoked on {at}',
    'st.keys.yours': 'your login',
    'st.keys.showRevoked': 'Show revoked keys',
    'st.keys.none': 'No keys.',
    'st.keys.revoke': 'Revoke',
    'st.keys.confirm': 'Really revoke?',
    'st.keys.cancel': 'Cancel',
    'st.keys.self': 'You are logged in with this key. Revoke it with another admin key or with “retain apikey revoke {id}”.',
    'st.keys.revoked.ok': 'The key “{name}” ({id}) is revoked.',
    'st.keys.create': 'New key',
    'st.keys.create.name': 'Name',
    'st.keys.create.name.hint': 'What or whom it is for, e.g. “Web shop” or “Till store 1”.',
    'st.keys.create.role': 'Role',
    'st.keys.create.submit': 'Create key',
    'st.keys.role.admin': 'Administration: everything, keys too',
    'st.keys.role.analyst': 'Analysis: read only',
    'st.keys.role.shop': 'Till/shop: customers, orders, Kunden-Club',
    'st.keys.new.title': 'New key “{name}” ({role})',
    'st.keys.new.warning': 'This key is shown only now. Copy it and keep it safe: retain does not store it and cannot show it again.',
    'st.keys.new.label': 'API key (visible only now)',
    'st.keys.copy': 'Copy',
    'st.keys.copied': 'Copied to the clipboard.',
    'st.keys.copy.failed': 'Cannot copy: the key is selected, copy it with Ctrl+C.',
    'st.keys.dismiss': 'I have saved it – hide',
  },
};

const has = (v) => v !== null && v !== undefined;

// A definition list: items [label, value, explanation?] (null items are
// left out); the value and explanation may be nodes.
function facts(id, items) {
  return el('dl', { class: 'facts', id },
    items.filter(Boolean).map(([label, value, note, key]) => [
      el('dt', {}, label),
      el('dd', { 'data-key': key }, el('span', { class: 'value' }, value ?? '–'),
        note ? el('div', { class: 'note' }, note) : null),
    ]));
}

// A share 0..1 as a number with two decimals ("0,3").
const chance = (ctx, v) => (has(v) ? ctx.fmt.number(v, 2) : '–');
const factor = (ctx, v) => (has(v) ? ctx.fmt.number(v, 2) : '–');
const yesNo = (ctx, v) => (has(v) ? ctx.t(v ? 'st.yes' : 'st.no') : '–');
const text = (ctx, v) => (v ? String(v) : ctx.t('st.notset'));

// The definitions behind the reports.
function definitions(ctx, d) {
  const { t, fmt } = ctx;
  const n = d.existing_min_orders;
  const lc = d.lifecycle;
  return facts('settings-definitions-list', [
    has(d.window_days) && [t('st.def.window'), t('st.def.window.v', { n: fmt.number(d.window_days) }), t('st.def.window.x', { n: fmt.number(d.window_days) }), 'window_days'],
    has(n) && [t('st.def.existing'), t('st.def.existing.v', { n: fmt.number(n) }), n <= 1 ? t('st.def.existing.x1') : t('st.def.existing.x', { n: fmt.number(n) }), 'existing_min_orders'],
    has(d.kpi_period_days) && [t('st.def.period'), t('st.days', { n: fmt.number(d.kpi_period_days) }), t('st.def.period.x', { n: fmt.number(d.kpi_period_days) }), 'kpi_period_days'],
    lc && [t('st.def.lifecycle'),
      t('st.def.lifecycle.v', { a: factor(ctx, lc.active_multiple), r: factor(ctx, lc.at_risk_multiple), c: factor(ctx, lc.churn_multiple) }),
      t('st.def.lifecycle.x', { min: fmt.number(lc.min_gap_days), gap: has(lc.default_gap_days) ? t('st.def.lifecycle.gap', { n: fmt.number(lc.default_gap_days) }) : t('st.def.lifecycle.median') }), 'lifecycle'],
    has(d.clv_horizon_months) && [t('st.def.clv'), t('st.def.clv.v', { m: fmt.number(d.clv_horizon_months), d: fmt.share(d.discount_monthly) }), t('st.def.clv.x'), 'clv_horizon_months'],
    has(d.high_risk_below) && [t('st.def.risk'), t('st.def.risk.v', { h: chance(ctx, d.high_risk_below), m: chance(ctx, d.medium_risk_below) }),
      `${t('st.def.risk.x')} ${d.risk_from === 'score_run' ? t('st.def.risk.run', { id: d.score_run_id ?? '' }) : t('st.def.risk.defaults')}`, 'risk'],
  ]);
}

// The contact calendar: caps for consumers and businesses, occasions, events.
function contactRules(ctx, c) {
  const { t, fmt } = ctx;
  const days = (v) => (has(v) ? t('st.days', { n: fmt.number(v) }) : '–');
  const points = (v) => (has(v) ? t('st.points', { n: fmt.number(v) }) : '–');
  const capRow = (key, render) => ({ rule: t(`st.caps.${key}`), consumer: c.consumer ? render(c.consumer) : '–', business: c.business ? render(c.business) : '–', key });
  const caps = [
    capRow('min_gap_days', (x) => days(x.min_gap_days)),
    capRow('max_per_30_days', (x) => fmt.number(x.max_per_30_days)),
    capRow('sales', (x) => t('st.caps.sales.v', { max: fmt.number(x.max_sales_in_window), window: fmt.number(x.sales_window) })),
    capRow('quiet_days_after_complaint', (x) => days(x.quiet_days_after_complaint)),
  ];
  const capsTable = table([
    { key: 'rule', label: t('st.contact.rule') },
    { key: 'consumer', label: t('st.contact.consumer'), num: true },
    { key: 'business', label: t('st.contact.business'), num: true },
  ], caps);
  capsTable.querySelector('table').id = 'settings-caps';
  const events = c.events || [];
  return el('div', {},
    el('h3', {}, t('st.contact.caps')), capsTable,
    el('h3', {}, t('st.contact.triggers')),
    facts('settings-contact-list', [
      [t('st.c.informal'), t(c.informal ? 'st.c.informal.yes' : 'st.c.informal.no'), null, 'informal'],
      [t('st.c.feedback'), t('st.c.feedback.v', { a: fmt.number(c.feedback_after_days), w: fmt.number(c.feedback_window_days) }), null, 'feedback_after_days'],
      [t('st.c.problem'), t('st.c.problem.v', { n: fmt.number(c.problem_days), statuses: (c.problem_statuses || []).join(', ') || t('st.none') }), null, 'problem_days'],
      [t('st.c.winback'), t('st.c.winback.v', { f: factor(ctx, c.win_back_rhythm_factor), p: chance(ctx, c.win_back_p_alive), r: fmt.number(c.win_back_repeat_days), money: fmt.money(c.win_back_voucher_cents) }), null, 'win_back'],
      [t('st.c.renewal'), t('st.c.renewal.v', { n: fmt.number(c.renewal_lead_days) }), null, 'renewal_lead_days'],
      [t('st.c.tier'), t('st.c.tier.v', { n: fmt.number(c.tier_change_days) }), null, 'tier_change_days'],
      [t('st.c.expiring'), t('st.c.expiring.v', { n: fmt.number(c.points_expiring_min) }), null, 'points_expiring_min'],
      [t('st.c.keep'), t('st.c.keep.v', { s: fmt.number(c.silence_days), m: fmt.number(c.keep_in_touch_max_days) }), null, 'silence_days'],
      [t('st.c.new_products'), t('st.c.new_products.v', { n: fmt.number(c.new_products_days) }), null, 'new_products_days'],
      [t('st.c.milestone'), t('st.c.milestone.v', { n: fmt.number(c.milestone_orders), d: fmt.number(c.milestone_days) }), null, 'milestone_orders'],
      [t('st.c.surprise'), c.surprise_one_in ? t('st.c.surprise.v', { n: fmt.number(c.surprise_one_in), o: fmt.number(c.surprise_min_orders), r: fmt.number(c.surprise_repeat_days), p: fmt.number(c.surprise_points) }) : t('st.off'), null, 'surprise'],
      [t('st.c.review'), t('st.c.review.v', { n: fmt.number(c.review_invitation_days) }), null, 'review_invitation_days'],
      [t('st.c.bonus'), t('st.c.bonus.v', { b: points(c.birthday_points), r: points(c.renewal_points) }), null, 'bonus_points'],
      [t('st.c.email_from_sale'), yesNo(ctx, c.email_from_sale), null, 'email_from_sale'],
      [t('st.c.objection'), yesNo(ctx, c.objection_notice_at_collection), null, 'objection_notice_at_collection'],
      [t('st.c.b2b_phone'), yesNo(ctx, c.b2b_presumed_phone_interest), null, 'b2b_presumed_phone_interest'],
    ]),
    el('h3', {}, t('st.c.events')),
    events.length ? table([
      { key: 'name', label: t('st.ev.name') },
      { key: 'day', label: t('st.ev.day'), render: (e) => fmt.date(e.day) },
      { key: 'audience', label: t('st.ev.audience'), render: (e) => { const k = `st.ev.audience.${e.audience}`; return t(k) === k ? e.audience : t(k); } },
      { key: 'invite', label: t('st.ev.invite'), render: (e) => t('st.ev.invite.v', { n: fmt.number(e.invite_days_before) }) },
    ], events) : el('p', { class: 'muted' }, t('st.none')));
}

// Feedback follow-ups and complaints ([listening]).
function listeningRules(ctx, l) {
  const { t, fmt } = ctx;
  return facts('settings-listening-list', [
    [t('st.l.call_back'), t('st.l.call_back.v', { n: fmt.number(l.call_back_working_days) }), null, 'call_back_working_days'],
    [t('st.l.satisfaction'), l.satisfaction_call_min_cents ? t('st.l.satisfaction.v', { money: fmt.money(l.satisfaction_call_min_cents), a: fmt.number(l.satisfaction_call_after_days), w: fmt.number(l.satisfaction_call_working_days) }) : t('st.off'), null, 'satisfaction_call'],
    [t('st.l.complaint_risk'), t('st.l.complaint_risk.v', { n: fmt.number(l.complaint_risk_days) }), null, 'complaint_risk_days'],
  ]);
}

// Messages and the mail server (never a password: only whether one is set).
function messageRules(ctx, m, smtp) {
  const { t, fmt } = ctx;
  const shop = m.shop || {};
  const from = m.from ? `${m.from_name ? `${m.from_name} ` : ''}<${m.from}>` : m.from_name || t('st.notset');
  const shopText = [shop.name, shop.email, shop.url, shop.address, shop.sender_name].filter(Boolean).join(' · ') || t('st.notset');
  const smtpText = smtp?.configured
    ? t('st.smtp.v', { host: smtp.host, port: smtp.port, tls: smtp.tls || '–', user: smtp.user || '–', pw: t(smtp.password_set ? 'st.smtp.pw.set' : 'st.smtp.pw.unset') })
    : t('st.smtp.none');
  return facts('settings-messages-list', [
    [t('st.m.public_url'), text(ctx, m.public_url), null, 'public_url'],
    [t('st.m.from'), from, null, 'from'],
    [t('st.m.shop'), shopText, null, 'shop'],
    [t('st.m.review_url'), text(ctx, shop.review_url), null, 'review_url'],
    [t('st.m.templates_dir'), m.templates_dir || t('st.m.templates_builtin'), null, 'templates_dir'],
    [t('st.m.recommendations'), fmt.number(m.recommendations), null, 'recommendations'],
    [t('st.m.voucher_valid_days'), has(m.voucher_valid_days) ? t('st.days', { n: fmt.number(m.voucher_valid_days) }) : '–', null, 'voucher_valid_days'],
    [t('st.m.offer_code'), m.offer_code || t('st.none'), null, 'offer_code'],
    [t('st.m.feedback_valid_days'), has(m.feedback_valid_days) ? t('st.days', { n: fmt.number(m.feedback_valid_days) }) : '–', null, 'feedback_valid_days'],
    [t('st.m.rate'), t('st.m.rate.v', { n: fmt.number(m.per_second), a: fmt.number(m.attempts), b: fmt.number(m.backoff_ms) }), null, 'per_second'],
    has(m.work_list_dir) && [t('st.m.work_list_dir'), text(ctx, m.work_list_dir), null, 'work_list_dir'],
    smtp && [t('st.smtp'), smtpText, null, 'smtp'],
    smtp?.configured && [t('st.smtp.from'), text(ctx, smtp.from), null, 'smtp_from'],
  ]);
}

// The Kunden-Club's program: tiers, earning, redeeming, expiry, promotions.
function programRules(ctx, p) {
  const { t, fmt } = ctx;
  const currency = p.currency || 'EUR';
  const benefit = (b) => { const k = `st.p.benefit.${b}`; return t(k) === k ? b : t(k); };
  const tiers = table([
    { key: 'name', label: t('st.p.tier') },
    { key: 'threshold', label: t('st.p.threshold'), num: true, render: (x) => fmt.number(x.threshold) },
    { key: 'bonus_percent', label: t('st.p.bonus'), num: true, render: (x) => fmt.percent(x.bonus_percent, 0) },
    { key: 'benefits', label: t('st.p.benefits'), render: (x) => ((x.benefits || []).length ? x.benefits.map(benefit).join(', ') : '–') },
  ], p.tiers || []);
  tiers.querySelector('table').id = 'settings-tiers';
  const promotions = p.promotions || [];
  const target = (x) => (x.category ? t('st.p.promo.category', { c: x.category }) : x.channel ? t('st.p.promo.channel', { c: x.channel }) : t('st.p.promo.basket'));
  return el('div', {},
    tiers,
    facts('settings-program-list', [
      [t('st.p.earn'), t('st.p.earn.v', { money: fmt.money(p.cents_per_point, currency) }), null, 'cents_per_point'],
      [t('st.p.window'), t('st.p.window.v', { w: fmt.number(p.tier_window_months), h: fmt.number(p.tier_hold_months) }), null, 'tier_window_months'],
      [t('st.p.redeem'), t('st.p.redeem.v', { n: fmt.number(p.redeem_block_points), money: fmt.money(p.block_value_cents, currency), m: fmt.number(p.voucher_valid_months) }), null, 'redeem_block_points'],
      [t('st.p.expiry'), t('st.p.expiry.v', { n: fmt.number(p.expiry_years_after) }), null, 'expiry_years_after'],
      [t('st.p.pending'), t('st.days', { n: fmt.number(p.pending_days) }), null, 'pending_days'],
      [t('st.p.bonuses'), t('st.p.bonuses.v', { b: fmt.number(p.birthday_points), r: fmt.number(p.referral_points_referrer), n: fmt.number(p.referral_points_new_member), x: fmt.number(p.renewal_points) }), null, 'bonuses'],
    ]),
    el('h3', {}, t('st.p.promotions')),
    promotions.length ? table([
      { key: 'name', label: t('st.p.promo.name') },
      { key: 'when', label: t('st.p.promo.when'), render: (x) => `${fmt.date(x.first_day)} – ${fmt.date(x.last_day)}` },
      { key: 'on', label: t('st.p.promo.on'), render: target },
      { key: 'factor', label: t('st.p.promo.factor'), num: true, render: (x) => fmt.percent(x.multiplier_percent, 0) },
    ], promotions) : el('p', { class: 'muted' }, t('st.none')));
}

// The API keys card (admin): the list with revoke, the form to create one,
// and the new key shown once.
function apiKeysCard(ctx, first) {
  const { t, fmt, api } = ctx;
  const myId = ctx.me?.key_id;
  let keys = first.api_keys || [];
  const notice = el('div', { tabindex: '-1' });
  const listBox = el('div', {});
  const showRevoked = el('input', { type: 'checkbox', id: 'apikeys-show-revoked' });
  const newBox = el('div', { id: 'apikey-new-box' });
  let armed = null; // the key id whose revoke button waits for a second click
  let disarm = null;

  // The revoke cell: a button that asks for a second click; the own key's
  // button disabled with the reason beside it.
  function revokeCell(k) {
    if (k.revoked_at) return '–';
    if (k.id === myId) {
      const hint = el('div', { class: 'muted', id: `apikey-self-${k.id}`, style: { fontSize: '.8rem', maxWidth: '18rem' } }, t('st.keys.self', { id: k.id }));
      return el('div', {}, el('button', { type: 'button', class: 'danger', disabled: true, 'data-action': 'revoke', 'aria-describedby': hint.id }, t('st.keys.revoke')), hint);
    }
    if (armed === k.id) {
      const yes = el('button', { type: 'button', class: 'danger', 'data-action': 'confirm', 'aria-label': `${t('st.keys.confirm')} ${k.name || k.id}` }, t('st.keys.confirm'));
      yes.addEventListener('click', () => revoke(k, yes));
      const no = el('button', { type: 'button', 'data-action': 'cancel', onclick: () => arm(null) }, t('st.keys.cancel'));
      setTimeout(() => yes.focus(), 0);
      return el('div', { style: { display: 'flex', gap: '.4rem', flexWrap: 'wrap' } }, yes, no);
    }
    return el('button', { type: 'button', class: 'danger', 'data-action': 'revoke', 'aria-label': `${t('st.keys.revoke')}: ${k.name || k.id}`, onclick: () => arm(k.id) }, t('st.keys.revoke'));
  }

  // Arms the second click for one key (null: none) for a few seconds.
  function arm(id) {
    clearTimeout(disarm);
    armed = id;
    if (id) disarm = setTimeout(() => { armed = null; drawList(); }, 8000);
    drawList();
  }

  async function revoke(k, button) {
    button.disabled = true;
    clearTimeout(disarm);
    try {
      await api.del(`apikeys/${encodeURIComponent(k.id)}`);
      armed = null;
      fill(notice, message('ok', t('st.keys.revoked.ok', { name: k.name || '–', id: k.id })));
      await refresh();
    } catch (e) {
      armed = null;
      fill(notice, message('error', errorText(e)));
      drawList();
    }
    notice.focus();
  }

  async function refresh() {
    try {
      keys = (await api.get('apikeys')).api_keys || [];
    } catch (e) {
      fill(notice, message('error', t('st.failed', { error: errorText(e) })));
    }
    drawList();
  }

  function drawList() {
    const rows = keys
      .filter((k) => showRevoked.checked || !k.revoked_at)
      .sort((a, b) => (a.revoked_at ? 1 : 0) - (b.revoked_at ? 1 : 0) || String(a.created_at).localeCompare(String(b.created_at)));
    if (!rows.length) return fill(listBox, el('p', { class: 'muted' }, t('st.keys.none')));
    const tbl = table([
      { key: 'name', label: t('st.keys.name'), render: (k) => el('span', {}, k.name || '–', k.id === myId ? [' ', el('span', { class: 'badge low' }, t('st.keys.yours'))] : null) },
      { key: 'id', label: t('st.keys.id'), render: (k) => el('code', {}, k.id) },
      { key: 'role', label: t('st.keys.role'), render: (k) => t(`role.${k.role}`) },
      { key: 'created_at', label: t('st.keys.created'), render: (k) => fmt.dateTime(k.created_at) },
      { key: 'state', label: t('st.keys.state'), render: (k) => (k.revoked_at ? el('span', { class: 'muted' }, t('st.keys.revoked', { at: fmt.dateTime(k.revoked_at) })) : t('st.keys.active')) },
      { key: 'action', label: t('st.keys.action'), render: revokeCell },
    ], rows);
    tbl.querySelectorAll('tbody tr').forEach((tr, i) => tr.setAttribute('data-id', rows[i].id));
    tbl.querySelector('table').id = 'apikeys-table';
    fill(listBox, tbl);
  }
  showRevoked.addEventListener('change', drawList);

  // The form: name and role; errors at the field the problem names.
  const name = el('input', { type: 'text', id: 'apikey-name', maxlength: 100, autocomplete: 'off' });
  const role = select([['analyst', t('st.keys.role.analyst')], ['shop', t('st.keys.role.shop')], ['admin', t('st.keys.role.admin')]], 'analyst', { id: 'apikey-role' });
  const create = el('button', { type: 'submit', class: 'primary', id: 'apikey-create' }, t('st.keys.create.submit'));
  const formError = el('div', { id: 'apikey-error' });
  const nameField = field(t('st.keys.create.name'), name, t('st.keys.create.name.hint'));
  const roleField = field(t('st.keys.create.role'), role);
  const form = el('form', { id: 'apikey-form', novalidate: true },
    el('h3', {}, t('st.keys.create')),
    el('div', { class: 'filters' }, nameField, roleField, create),
    formError);
  const clearErrors = () => {
    for (const c of [name, role]) { c.removeAttribute('aria-invalid'); c.removeAttribute('aria-errormessage'); }
    form.querySelectorAll('.field-error').forEach((x) => x.remove());
    fill(formError);
  };
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors();
    create.disabled = true;
    try {
      const made = await api.post('apikeys', { role: role.value, name: name.value.trim() });
      showNewKey(made);
      name.value = '';
      await refresh();
    } catch (e) {
      // A problem naming a field is shown under that field, others below.
      const f = e?.field;
      const [control, box] = f === 'name' ? [name, nameField] : f === 'role' ? [role, roleField] : [null, null];
      if (control) {
        const note = el('div', { class: 'field-error message error', id: `${control.id}-error`, role: 'alert' }, errorText(e));
        box.append(note);
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-errormessage', note.id);
        control.focus();
      } else {
        fill(formError, message('error', errorText(e)));
      }
    } finally {
      create.disabled = false;
    }
  });

  // Shows a new key once: read-only field, copy button, warning; the key
  // lives only in this field and goes when it is hidden or the page left.
  function showNewKey(made) {
    const keyField = el('input', { type: 'text', id: 'apikey-new', readonly: true, value: made.key, spellcheck: 'false', autocomplete: 'off', style: { width: '100%', fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' } });
    keyField.addEventListener('focus', () => keyField.select());
    const copied = el('div', { id: 'apikey-copy-status' });
    const copy = el('button', { type: 'button', id: 'apikey-copy' }, t('st.keys.copy'));
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(keyField.value);
        fill(copied, message('ok', t('st.keys.copied')));
      } catch {
        keyField.focus();
        keyField.select();
        fill(copied, message('info', t('st.keys.copy.failed')));
      }
    });
    const dismiss = el('button', { type: 'button', id: 'apikey-dismiss', onclick: () => { fill(newBox); name.focus(); } }, t('st.keys.dismiss'));
    fill(newBox, el('div', { class: 'message warn', role: 'alert' },
      el('strong', {}, t('st.keys.new.title', { name: made.name || '–', role: t(`role.${made.role}`) })),
      el('p', { style: { margin: '.3rem 0 .6rem' } }, t('st.keys.new.warning')),
      field(t('st.keys.new.label'), keyField),
      el('div', { style: { display: 'flex', gap: '.5rem', flexWrap: 'wrap', marginTop: '.5rem' } }, copy, dismiss),
      copied));
    keyField.focus();
  }

  drawList();
  return card(t('st.keys.title'), el('div', {},
    el('p', { class: 'muted' }, t('st.keys.intro')),
    notice,
    el('div', { style: { display: 'flex', gap: '.4rem', alignItems: 'center', margin: '.25rem 0 .5rem' } }, showRevoked, el('label', { for: 'apikeys-show-revoked' }, t('st.keys.showRevoked'))),
    listBox,
    form,
    newBox), { id: 'apikeys' });
}

// Where the settings come from and how to change them.
function howToChange(ctx) {
  const { t } = ctx;
  const tables = [
    [['[contact]', '[contact.consumer]', '[contact.business]', '[[contact.events]]'], 'st.change.contact'],
    [['[listening]'], 'st.change.listening'],
    [['[contact.shop]', '[contact.messages]', '[contact.smtp]'], 'st.change.messages'],
    [['[loyalty]', '[[loyalty.tiers]]', '[[loyalty.promotions]]'], 'st.change.loyalty'],
  ];
  return el('div', {},
    el('p', {}, t('st.change.file'), ' ', el('code', {}, 'retain serve --config retain.toml')),
    el('ul', {}, tables.map(([names, what]) => el('li', {}, names.map((n, i) => [i ? ', ' : '', el('code', {}, n)]), `: ${t(what)}`))),
    el('p', {}, t('st.change.restart')),
    el('p', { class: 'muted' }, t('st.change.kpi')));
}

export default async function render(view, ctx) {
  const { api, t } = ctx;
  const admin = ctx.can('admin');
  const [loaded, keys] = await Promise.all([
    api.get('settings').catch((e) => e),
    admin ? api.get('apikeys').catch((e) => e) : null,
  ]);
  const failed = (e) => message('error', t('st.failed', { error: errorText(e) }));
  const s = loaded instanceof Error ? null : loaded;
  const section = (title, id, data, build) => (data ? card(title, build(data), { id }) : null);
  fill(view, el('div', { class: 'settings' },
    pageHeader(t('st.title')),
    el('p', { class: 'muted' }, t('st.intro')),
    loaded instanceof Error ? failed(loaded) : null,
    el('div', { class: 'grid', style: { marginBottom: '1rem' } },
      section(t('st.def.title'), 'settings-definitions', s?.definitions, (d) => definitions(ctx, d)),
      card(t('st.change.title'), howToChange(ctx), { id: 'settings-change' })),
    section(t('st.contact.title'), 'settings-contact', s?.contact, (c) => contactRules(ctx, c)),
    el('div', { class: 'grid', style: { marginBottom: '1rem' } },
      section(t('st.listening.title'), 'settings-listening', s?.listening, (l) => listeningRules(ctx, l)),
      section(t('st.messages.title'), 'settings-messages', s?.messages, (m) => messageRules(ctx, m, s.smtp))),
    section(t('st.program.title'), 'settings-program', s?.loyalty, (p) => programRules(ctx, p)),
    admin ? (keys instanceof Error ? card(t('st.keys.title'), failed(keys), { id: 'apikeys' }) : apiKeysCard(ctx, keys)) : null));
}
