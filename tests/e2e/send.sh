#!/usr/bin/env bash
# retain send end to end: a committed plan goes out as real mail through SMTP
# to a local aiosmtpd sink, and the mail a customer receives is what the law
# and the customer need: sender and recipient, the subject in the customer's
# language (encoded when it is not ASCII), Content-Language, a German or an
# English body, List-Unsubscribe with One-Click and the same link in the body.
# The customer without email consent gets a letter in the work list, no mail;
# a second send sends nothing; the one-click link, posted to `retain serve`,
# records the objection.
set -euo pipefail
RETAIN=$(realpath "$1")
PY=${RETAIN_PYTHON:-/usr/bin/python3}
if ! "$PY" -c 'import aiosmtpd' 2>/dev/null; then
  echo "SKIP: $PY lacks aiosmtpd (apt-get install python3-aiosmtpd)"
  exit 77
fi
dir=$(mktemp -d)
smtp_pid=
serve_pid=
cleanup() {
  for pid in $smtp_pid $serve_pid; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$dir"
}
trap cleanup EXIT
cd "$dir"
fail() { echo "FAIL: $*"; exit 1; }
mails() { find maildir/new -type f | wc -l; }

# The sink on a free port (asked for again if another process took it).
for _ in 1 2 3 4 5; do
  port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$PY" -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$dir/maildir" \
    >smtp.log 2>&1 &
  smtp_pid=$!
  for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break 2
    kill -0 "$smtp_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill "$smtp_pid" 2>/dev/null || true
  wait "$smtp_pid" 2>/dev/null || true
  smtp_pid=
done
[ -n "$smtp_pid" ] || { cat smtp.log; fail "the SMTP sink did not start"; }

cat >retain.toml <<EOF
[contact]
informal = false

[contact.shop]
name = "Schuhhaus Test"
email = "shop@example.org"
url = "https://shop.example.org"
address = "Hauptstraße 12, 79098 Freiburg"

[contact.smtp]
host = "127.0.0.1"
port = $port
tls = "none"
user = ""
password = ""

[contact.messages]
public_url = "https://retain.example.org/"
per_second = 100
offer_code = "WIEDERDA10"
EOF

# K1 (German) lapsed after buying every 15 days: win-back with a voucher, a
# subject with non-ASCII characters. K2 (English): keep in touch. K3 refused
# email but allows letters.
cat >customers.csv <<'EOF'
customer_id,first_name,last_name,email,street,postal_code,city,country,gender,language,consent_email,consent_letter,created_at
K1,Jörg,Müller,joerg@example.de,Hauptstraße 1,10115,Berlin,DE,m,de,granted,,2023-01-10
K2,Sophie,Weber,sophie@example.com,Elbchaussee 5,22763,Hamburg,DE,f,en,granted,,2023-06-01
K3,Anna,Schmidt,anna@example.de,Marienplatz 3,80331,München,DE,f,de,denied,granted,2023-06-01
EOF
cat >orders.csv <<'EOF'
order_id,customer_id,ordered_at,currency,total,status
A1,K1,2023-01-10,EUR,89.90,completed
A2,K1,2023-01-25,EUR,49.90,completed
A3,K2,2024-01-15,EUR,59.95,completed
A4,K3,2023-06-01,EUR,19.99,completed
EOF
day=2024-06-01
R() { "$RETAIN" --db retain.db --lang en "$@"; }
R init >/dev/null
R import customers.csv orders.csv >/dev/null
R plan --date $day --config retain.toml >plan.txt
grep -Eq '^K1 +win_back +email .*win_back\.de-sie' plan.txt || { cat plan.txt; fail "K1: no German win-back email planned"; }
grep -Eq '^K2 +keep_in_touch +email .*keep_in_touch\.en' plan.txt || { cat plan.txt; fail "K2: no English email planned"; }
grep -Eq '^K3 +[a-z_]+ +letter ' plan.txt || { cat plan.txt; fail "K3: no letter planned"; }
R plan commit --date $day --config retain.toml >/dev/null

R send --date $day --config retain.toml --out out --json >send1.json
"$PY" - send1.json <<'EOF' || { cat send1.json; fail "first send report"; }
import json, sys
r = json.load(open(sys.argv[1]))
assert (r["sent"], r["exported"], r["failed"], r["deferred"]) == (2, 1, 0, 0), r
EOF
[ "$(mails)" = 2 ] || fail "expected 2 mails in the sink, found $(mails)"
grep -q '^[0-9]*,K3,Frau,Anna,Schmidt,' "out/letter-$day.csv" || { cat "out/letter-$day.csv"; fail "K3 not in the letter work list"; }

"$PY" - maildir/new >unsubscribe-url.txt <<'EOF' || fail "the received mail (above)"
import email, email.policy, os, re, sys
folder = sys.argv[1]
msgs = {}
for name in os.listdir(folder):
    with open(os.path.join(folder, name), "rb") as f:
        raw = f.read()
    m = email.message_from_bytes(raw, policy=email.policy.default)
    msgs[m["To"].addresses[0].addr_spec] = (m, raw)
errors = []
def check(cond, what):
    if not cond:
        errors.append(what)
check(sorted(msgs) == ["joerg@example.de", "sophie@example.com"], f"recipients {sorted(msgs)}")
expect = {
    "joerg@example.de": dict(name="Jörg Müller", lang="de", subject="Wir vermissen Sie – und haben ein Geschenk für Sie",
                             greeting="Guten Tag Herr Müller,", phrases=["Herzliche Grüße", "Abmeldelink"]),
    "sophie@example.com": dict(name="Sophie Weber", lang="en", subject="We have been thinking of you",
                               greeting="Hello Sophie,", phrases=["Kind regards", "unsubscribe with one click"]),
}
urls = []
for to, e in expect.items():
    if to not in msgs:
        continue
    m, raw = msgs[to]
    frm = m["From"].addresses[0]
    check((frm.display_name, frm.addr_spec) == ("Schuhhaus Test", "shop@example.org"), f"{to}: From {m['From']}")
    check(m["To"].addresses[0].display_name == e["name"], f"{to}: To {m['To']}")
    check(str(m["Subject"]) == e["subject"], f"{to}: Subject {m['Subject']!r}")
    # A non-ASCII subject or name travels RFC 2047 encoded, never as raw bytes.
    head = raw.split(b"\r\n\r\n" if b"\r\n\r\n" in raw else b"\n\n", 1)[0]
    check(all(b < 0x80 for b in head), f"{to}: raw 8-bit bytes in the header")
    check(m["Content-Language"] == e["lang"], f"{to}: Content-Language {m['Content-Language']}")
    check(m.get_content_type() == "text/plain" and m.get_content_charset() == "utf-8", f"{to}: {m['Content-Type']}")
    check(m["Message-ID"] is not None and m["Date"] is not None, f"{to}: Message-ID or Date missing")
    body = m.get_content()
    check(body.lstrip().startswith(e["greeting"]), f"{to}: body starts {body[:40]!r}")
    for p in e["phrases"]:
        check(p in body, f"{to}: body lacks {p!r}")
    other = "Hello" if e["lang"] == "de" else "Guten Tag"
    check(other not in body, f"{to}: body has {other!r} (wrong language)")
    lu = re.fullmatch(r"<(https://retain\.example\.org/u/[A-Za-z0-9_.-]+)>", str(m["List-Unsubscribe"] or ""))
    check(lu is not None, f"{to}: List-Unsubscribe {m['List-Unsubscribe']!r}")
    check(m["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click", f"{to}: List-Unsubscribe-Post {m['List-Unsubscribe-Post']!r}")
    if lu:
        check(lu.group(1) in body.split(), f"{to}: the body lacks the List-Unsubscribe URL")
        urls.append((to, lu.group(1)))
# The win-back voucher is in the German mail.
if "joerg@example.de" in msgs:
    check(re.search(r"10[,.]00 €|10 €", msgs["joerg@example.de"][0].get_content()) is not None, "K1: no voucher value in the body")
    check("WIEDERDA10" in msgs["joerg@example.de"][0].get_content(), "K1: no voucher code in the body")
check(len({u for _, u in urls}) == len(urls), "the unsubscribe links are not per customer")
if errors:
    print("\n".join(errors), file=sys.stderr)
    sys.exit(1)
print(dict(urls)["joerg@example.de"])
EOF

# Sending again sends nothing and exports nothing.
R send --date $day --config retain.toml --out out --json >send2.json
"$PY" - send2.json <<'EOF' || { cat send2.json; fail "second send report"; }
import json, sys
r = json.load(open(sys.argv[1]))
assert (r["sent"], r["exported"], r["failed"], r["done_before"]) == (0, 0, 0, 3), r
EOF
[ "$(mails)" = 2 ] || fail "the second send delivered mail: $(mails) in the sink"

# The mail program's one-click unsubscribe (RFC 8058) against retain serve.
"$RETAIN" --db retain.db serve --listen 127.0.0.1:0 >serve.log 2>serve.err &
serve_pid=$!
for _ in $(seq 50); do grep -q 'http://' serve.log && break; sleep 0.1; done
base=$(grep -o 'http://[0-9.:]*' serve.log) || { cat serve.err; fail "retain serve did not start"; }
url=$(sed "s#^https://retain.example.org#$base#" unsubscribe-url.txt)
email_status() {
  R consent show "$1" --json | "$PY" -c 'import json, sys
c = {x["channel"]: x for x in json.load(sys.stdin)["consents"]}["email"]
print(c["status"], c["source"])'
}
# A link whose claims were changed to another customer is refused.
forged=$("$PY" -c 'import base64, sys
p, sig = sys.argv[1].rsplit("/", 1)[1].split(".")
claims = base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)).replace(b"\"K1\"", b"\"K2\"")
print(base64.urlsafe_b64encode(claims).rstrip(b"=").decode() + "." + sig)' "$url")
code=$(curl -s -o forged.html -w '%{http_code}' -X POST --data 'List-Unsubscribe=One-Click' "$base/u/$forged")
[ "$code" = 400 ] || fail "a forged unsubscribe link got $code"
[ "$(email_status K2)" = "granted import" ] || fail "K2 after the forged link: $(email_status K2)"
[ "$(email_status K1)" = "granted import" ] || fail "K1 before the link: $(email_status K1)"
curl -sf -X POST --data 'List-Unsubscribe=One-Click' "$url" >unsubscribed.html \
  || fail "POST to the unsubscribe link failed"
grep -q 'Sie sind abgemeldet' unsubscribed.html || { cat unsubscribed.html; fail "no German confirmation"; }
[ "$(email_status K1)" = "revoked unsubscribe" ] || fail "K1 after the link: $(email_status K1)"
echo "send e2e: ok"
