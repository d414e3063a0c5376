#include "retain/storage/sqlite/customer_codec.h"

#include "retain/storage/customer_fields.h"

namespace retain::storage::sqlite {

#define RETAIN_CUSTOMER_COLUMNS                                                             \
  "SELECT external_id, first_name, last_name, email, phone, street, postal_code, city, "    \
  "country, birth_date, gender, language, kind, company, tags, attributes, consent_email, " \
  "consent_sms, consent_phone, consent_letter, referral_source, created_day"

const char* const kSelectCustomer =
    RETAIN_CUSTOMER_COLUMNS " FROM customers WHERE external_id = ?1";
const char* const kScanCustomers = RETAIN_CUSTOMER_COLUMNS ", id FROM customers ORDER BY id";
const char* const kPageCustomers = RETAIN_CUSTOMER_COLUMNS
    ", id FROM customers WHERE id > ?1 AND (?2 IS NULL OR external_id = ?2 OR "
    "email = ?2 COLLATE NOCASE OR (first_name || ' ' || last_name) LIKE ?3 ESCAPE '\\') "
    "ORDER BY id LIMIT ?4";

#undef RETAIN_CUSTOMER_COLUMNS

void BindCustomer(Statement& st, const model::Customer& c, int first) {
  st.Bind(first + 1, c.external_id);
  st.Bind(first + 2, c.first_name, true);
  st.Bind(first + 3, c.last_name, true);
  st.Bind(first + 4, c.email, true);
  st.Bind(first + 5, c.phone, true);
  st.Bind(first + 6, c.street, true);
  st.Bind(first + 7, c.postal_code, true);
  st.Bind(first + 8, c.city, true);
  st.Bind(first + 9, c.country, true);
  st.BindOptionalDay(first + 10, c.birth_date);
  st.Bind(first + 11, c.gender, true);
  st.Bind(first + 12, c.language, true);
  // Kind is only written when the source said so (B2B or an explicit B2C).
  if (c.kind == model::CustomerKind::kB2B || !c.company.empty()) {
    st.Bind(first + 13, model::KindName(c.kind));
  } else {
    st.BindNull(first + 13);
  }
  st.Bind(first + 14, c.company, true);
  st.Bind(first + 15, JoinTags(c.tags), true);
  st.Bind(first + 16, AttributesJson(c.attributes), true);
  st.Bind(first + 17, model::ConsentName(c.consents.email), true);
  st.Bind(first + 18, model::ConsentName(c.consents.sms), true);
  st.Bind(first + 19, model::ConsentName(c.consents.phone), true);
  st.Bind(first + 20, model::ConsentName(c.consents.letter), true);
  st.Bind(first + 21, c.referral_source, true);
  st.BindOptionalDay(first + 22, c.created);
}

model::Customer ReadCustomer(const Statement& st) {
  model::Customer c;
  c.external_id = st.Text(0);
  c.first_name = st.Text(1);
  c.last_name = st.Text(2);
  c.email = st.Text(3);
  c.phone = st.Text(4);
  c.street = st.Text(5);
  c.postal_code = st.Text(6);
  c.city = st.Text(7);
  c.country = st.Text(8);
  if (!st.IsNull(9)) c.birth_date = static_cast<core::Day>(st.Int(9));
  c.gender = st.Text(10);
  c.language = st.Text(11);
  c.kind = st.TextView(12) == "b2b" ? model::CustomerKind::kB2B : model::CustomerKind::kB2C;
  c.company = st.Text(13);
  c.tags = SplitTags(st.TextView(14));
  if (!st.IsNull(15)) c.attributes = ParseAttributes(st.TextView(15));
  c.consents.email = ConsentFrom(st.TextView(16));
  c.consents.sms = ConsentFrom(st.TextView(17));
  c.consents.phone = ConsentFrom(st.TextView(18));
  c.consents.letter = ConsentFrom(st.TextView(19));
  c.referral_source = st.Text(20);
  if (!st.IsNull(21)) c.created = static_cast<core::Day>(st.Int(21));
  return c;
}

}  // namespace retain::storage::sqlite
