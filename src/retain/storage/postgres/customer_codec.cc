#include "retain/storage/postgres/customer_codec.h"

#include "retain/storage/customer_fields.h"

namespace retain::storage::postgres {

const char* const kCustomerColumns =
    "external_id, first_name, last_name, email, phone, street, postal_code, city, country, "
    "birth_date, gender, language, kind, company, tags, attributes, consent_email, consent_sms, "
    "consent_phone, consent_letter, referral_source, created_day";

void AddCustomerParams(Params& p, const model::Customer& c) {
  p.Add(c.external_id)
      .AddOrNull(c.first_name)
      .AddOrNull(c.last_name)
      .AddOrNull(c.email)
      .AddOrNull(c.phone)
      .AddOrNull(c.street)
      .AddOrNull(c.postal_code)
      .AddOrNull(c.city)
      .AddOrNull(c.country)
      .AddDay(c.birth_date)
      .AddOrNull(c.gender)
      .AddOrNull(c.language);
  if (c.kind == model::CustomerKind::kB2B || !c.company.empty()) {
    p.Add(model::KindName(c.kind));
  } else {
    p.Null();
  }
  p.AddOrNull(c.company).AddOrNull(JoinTags(c.tags));
  p.AddOrNull(AttributesJson(c.attributes));
  p.AddOrNull(model::ConsentName(c.consents.email))
      .AddOrNull(model::ConsentName(c.consents.sms))
      .AddOrNull(model::ConsentName(c.consents.phone))
      .AddOrNull(model::ConsentName(c.consents.letter))
      .AddOrNull(c.referral_source)
      .AddDay(c.created);
}

model::Customer ReadCustomer(const Rows& rows, int row, int f) {
  model::Customer c;
  auto text = [&](int col) { return rows.Text(row, f + col); };
  c.external_id = text(0);
  c.first_name = text(1);
  c.last_name = text(2);
  c.email = text(3);
  c.phone = text(4);
  c.street = text(5);
  c.postal_code = text(6);
  c.city = text(7);
  c.country = text(8);
  if (!rows.IsNull(row, f + 9)) c.birth_date = static_cast<core::Day>(rows.Int(row, f + 9));
  c.gender = text(10);
  c.language = text(11);
  c.kind =
      rows.TextView(row, f + 12) == "b2b" ? model::CustomerKind::kB2B : model::CustomerKind::kB2C;
  c.company = text(13);
  c.tags = SplitTags(rows.TextView(row, f + 14));
  if (!rows.IsNull(row, f + 15)) c.attributes = ParseAttributes(rows.TextView(row, f + 15));
  c.consents.email = ConsentFrom(rows.TextView(row, f + 16));
  c.consents.sms = ConsentFrom(rows.TextView(row, f + 17));
  c.consents.phone = ConsentFrom(rows.TextView(row, f + 18));
  c.consents.letter = ConsentFrom(rows.TextView(row, f + 19));
  c.referral_source = text(20);
  if (!rows.IsNull(row, f + 21)) c.created = static_cast<core::Day>(rows.Int(row, f + 21));
  return c;
}

}  // namespace retain::storage::postgres
