#include "retain/cli/loyalty_answer.h"

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <map>

#include "retain/cli/format.h"
#include "retain/cli/progress_bar.h"

namespace retain::cli {
namespace {

using json = nlohmann::ordered_json;

// Labels of the answers' fields: English, German.
const std::map<std::string, std::pair<const char*, const char*>>& Labels() {
  static const std::map<std::string, std::pair<const char*, const char*>> labels = {
      {"customer_id", {"Customer", "Kunde"}},
      {"customers", {"Customers", "Kunden"}},
      {"enrolled", {"Enrolled now", "Neu aufgenommen"}},
      {"order_id", {"Order", "Bestellung"}},
      {"return_id", {"Return", "Retoure"}},
      {"request_id", {"Request", "Anfrage"}},
      {"member", {"Member", "Mitglied"}},
      {"as_of", {"As of", "Stand"}},
      {"member_since", {"Member since", "Mitglied seit"}},
      {"referred_by", {"Referred by", "Empfohlen von"}},
      {"tier", {"Tier", "Stufe"}},
      {"tier_since", {"Tier since", "Stufe seit"}},
      {"tier_held_until", {"Tier held until", "Stufe sicher bis"}},
      {"tier_changed", {"Tier changed", "Stufe gewechselt"}},
      {"points_earned", {"Points earned", "Punkte gesammelt"}},
      {"base_points", {"Base points", "Grundpunkte"}},
      {"promotions", {"Promotions", "Aktionen"}},
      {"points_available", {"Points available", "Verfügbare Punkte"}},
      {"points_pending", {"Points pending", "Vorgemerkte Punkte"}},
      {"points_expiring_30d", {"Expiring within 30 days", "Verfallen in 30 Tagen"}},
      {"points_earned_12m", {"Points earned in 12 months", "Punkte in 12 Monaten"}},
      {"balance", {"Balance", "Kontostand"}},
      {"debt", {"Debt", "Schuld"}},
      {"next_tier", {"Next tier", "Nächste Stufe"}},
      {"points_to_next_tier", {"Points to next tier", "Punkte bis zur nächsten Stufe"}},
      {"bonus_percent", {"Tier bonus %", "Stufenbonus %"}},
      {"benefits", {"Benefits", "Vorteile"}},
      {"points_reversed", {"Points taken back", "Zurückgebuchte Punkte"}},
      {"points_restored", {"Points restored", "Zurückgegebene Punkte"}},
      {"voucher", {"Voucher", "Gutschein"}},
      {"code", {"Code", "Code"}},
      {"value_cents", {"Value (cents)", "Wert (Cent)"}},
      {"currency", {"Currency", "Währung"}},
      {"points", {"Points", "Punkte"}},
      {"issued_at", {"Issued", "Ausgestellt"}},
      {"expires_at", {"Valid until", "Gültig bis"}},
      {"state", {"State", "Status"}},
      {"kind", {"Kind", "Art"}},
      {"reason", {"Reason", "Grund"}},
      {"members", {"Members", "Mitglieder"}},
      {"points_outstanding", {"Points outstanding", "Offene Punkte"}},
      {"points_awaiting_expiry", {"Awaiting expiry", "Zum Verfall anstehend"}},
      {"debt_points", {"Debt (points)", "Schulden (Punkte)"}},
      {"by_tier", {"By tier", "Nach Stufe"}},
      {"by_age", {"By age", "Nach Alter"}},
      {"age", {"Age", "Alter"}},
      {"entries", {"Entries", "Buchungen"}},
      {"next_after", {"More after", "Weitere nach"}},
      {"seq", {"No.", "Nr."}},
      {"day", {"Day", "Tag"}},
      {"reference", {"Reference", "Bezug"}},
      {"available_from", {"Usable from", "Nutzbar ab"}},
      {"expires_after", {"Expires after", "Verfällt nach"}},
      {"recorded_at", {"Recorded", "Erfasst"}},
      {"date", {"Date", "Datum"}},
      {"members_changed", {"Members changed", "Geänderte Mitglieder"}},
      {"points_expired", {"Points expired", "Verfallene Punkte"}},
      {"bonus_points", {"Bonus points", "Bonuspunkte"}},
      {"entries_written", {"Entries written", "Geschriebene Buchungen"}},
      {"ok", {"All consistent", "Alles stimmig"}},
      {"purchases", {"Purchases", "Einkäufe"}},
      {"returns", {"Returns", "Retouren"}},
      {"vouchers", {"Vouchers", "Gutscheine"}},
      {"points_issued", {"Points issued", "Ausgegebene Punkte"}},
      {"points_held", {"Points held by members", "Punkte bei Mitgliedern"}},
      {"points_redeemed", {"Points redeemed", "Eingelöste Punkte"}},
      {"problems_total", {"Problems", "Fehler"}},
      {"problems", {"Found", "Gefunden"}},
      {"cents_per_point", {"Cents per point", "Cent je Punkt"}},
      {"tiers", {"Tiers", "Stufen"}},
      {"threshold", {"From points", "Ab Punkten"}},
      {"tier_window_months", {"Tier window (months)", "Zeitraum der Stufe (Monate)"}},
      {"tier_hold_months", {"Tier held (months)", "Stufe gesichert (Monate)"}},
      {"redeem_block_points", {"Points per voucher block", "Punkte je Gutscheinstufe"}},
      {"block_value_cents", {"Block value (cents)", "Wert je Stufe (Cent)"}},
      {"voucher_valid_months", {"Vouchers valid (months)", "Gutscheine gültig (Monate)"}},
      {"expiry_years_after", {"Points expire after (years)", "Punkte verfallen nach (Jahren)"}},
      {"pending_days", {"Pending days", "Vormerktage"}},
      {"birthday_points", {"Birthday bonus", "Geburtstagsbonus"}},
      {"referral_points_referrer", {"Referral bonus (referrer)", "Empfehlungsbonus (Werber)"}},
      {"referral_points_new_member",
       {"Referral bonus (new member)", "Empfehlungsbonus (Neumitglied)"}},
      {"renewal_points", {"Renewal bonus", "Verlängerungsbonus"}},
      {"name", {"Name", "Name"}},
      {"first_day", {"From", "Von"}},
      {"last_day", {"To", "Bis"}},
      {"channel", {"Channel", "Kanal"}},
      {"category", {"Category", "Kategorie"}},
      {"multiplier_percent", {"Multiplier %", "Faktor %"}},
  };
  return labels;
}

std::string Label(const Context& ctx, const std::string& key) {
  auto it = Labels().find(key);
  return it == Labels().end() ? key : ctx.T(it->second.first, it->second.second);
}

std::string Text(const Context& ctx, const json& v) {
  if (v.is_null()) return "-";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? ctx.T("yes", "ja") : ctx.T("no", "nein");
  if (v.is_number_integer()) return FormatCount(ctx, v.get<int64_t>());
  if (v.is_array()) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : ", ") + Text(ctx, x);
    return out.empty() ? "-" : out;
  }
  return v.dump();
}

// Characters, not bytes, of UTF-8 text.
size_t Width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// A list of records as a table with every field any record has.
void PrintRecords(const Context& ctx, const json& records) {
  std::vector<std::string> keys;
  for (const auto& item : records) {
    for (auto c = item.begin(); c != item.end(); ++c) {
      if (std::find(keys.begin(), keys.end(), c.key()) == keys.end()) keys.push_back(c.key());
    }
  }
  std::vector<std::vector<std::string>> rows(1);
  for (const auto& k : keys) rows[0].push_back(Label(ctx, k));
  for (const auto& item : records) {
    rows.emplace_back();
    for (const auto& k : keys) rows.back().push_back(item.contains(k) ? Text(ctx, item[k]) : "-");
  }
  PrintTable(std::cout, rows, false);
}

void PrintFields(const Context& ctx, const json& j, const std::string& indent) {
  size_t width = 0;
  for (auto it = j.begin(); it != j.end(); ++it) {
    width = std::max(width, Width(Label(ctx, it.key())));
  }
  for (auto it = j.begin(); it != j.end(); ++it) {
    const auto& v = it.value();
    const std::string label = Label(ctx, it.key());
    if (v.is_object()) {
      std::cout << indent << label << ":\n";
      PrintFields(ctx, v, indent + "  ");
    } else if (v.is_array() && !v.empty() && v.front().is_object()) {
      std::cout << indent << label << ":\n";
      PrintRecords(ctx, v);
    } else {
      std::cout << indent << label << ":" << std::string(width + 1 - Width(label), ' ')
                << Text(ctx, v) << "\n";
    }
  }
}

}  // namespace

void PrintLoyaltyAnswer(const Context& ctx, const json& answer, bool as_json) {
  if (as_json) {
    std::cout << answer.dump(2) << "\n";
    return;
  }
  PrintFields(ctx, answer, "");
}

app::LoyaltyClub::Progress LoyaltyProgress(const Context& ctx) {
  return CountProgress(ctx.T("members", "Mitglieder"));
}

}  // namespace retain::cli
