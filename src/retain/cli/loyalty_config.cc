#include "retain/cli/loyalty_config.h"

namespace retain::cli {
namespace {

core::Status ReadTier(const SettingsReader& r, const toml::table& t, loyalty::Tier& tier) {
  for (const auto& [k, v] : t) {
    const std::string key = "tiers." + std::string(k.str());
    core::Status s;
    if (k == "name") {
      s = r.Text(v, key, tier.name);
    } else if (k == "threshold") {
      s = r.Int(v, key, tier.threshold);
    } else if (k == "bonus_percent") {
      s = r.Int(v, key, tier.bonus_percent);
    } else if (k == "benefits") {
      s = r.Texts(v, key, tier.benefits);
    } else {
      s = r.Wrong(v, key, "unknown (known: name, threshold, bonus_percent, benefits)");
    }
    if (!s.ok()) return s;
  }
  return {};
}

core::Status ReadPromotion(const SettingsReader& r, const toml::table& t, loyalty::Promotion& p) {
  for (const auto& [k, v] : t) {
    const std::string key = "promotions." + std::string(k.str());
    core::Status s;
    if (k == "first_day") {
      s = r.Date(v, key, p.first_day);
    } else if (k == "last_day") {
      s = r.Date(v, key, p.last_day);
    } else if (k == "name") {
      s = r.Text(v, key, p.name);
    } else if (k == "channel") {
      s = r.Text(v, key, p.channel);
    } else if (k == "category") {
      s = r.Text(v, key, p.category);
    } else if (k == "multiplier_percent") {
      s = r.Int(v, key, p.multiplier_percent);
    } else {
      s = r.Wrong(v, key,
                  "unknown (known: name, first_day, last_day, channel, category, "
                  "multiplier_percent)");
    }
    if (!s.ok()) return s;
  }
  return {};
}

}  // namespace

core::Result<loyalty::LoyaltyProgram> ReadLoyaltyProgram(const toml::table& table,
                                                         const std::string& path) {
  const SettingsReader r(path, "loyalty");
  auto p = loyalty::DefaultProgram();
  const std::pair<const char*, int64_t*> wide[] = {
      {"cents_per_point", &p.cents_per_point},
      {"redeem_block_points", &p.redeem_block_points},
      {"block_value_cents", &p.block_value_cents},
      {"birthday_points", &p.birthday_points},
      {"referral_points_referrer", &p.referral_points_referrer},
      {"referral_points_new_member", &p.referral_points_new_member},
      {"renewal_points", &p.renewal_points}};
  const std::pair<const char*, int*> narrow[] = {{"tier_window_months", &p.tier_window_months},
                                                 {"tier_hold_months", &p.tier_hold_months},
                                                 {"voucher_valid_months", &p.voucher_valid_months},
                                                 {"expiry_years_after", &p.expiry_years_after},
                                                 {"pending_days", &p.pending_days}};
  for (const auto& [k, v] : table) {
    const std::string key(k.str());
    core::Status s;
    bool known = false;
    for (const auto& [name, out] : wide) {
      if (key == name) known = true, s = r.Int(v, key, *out);
    }
    for (const auto& [name, out] : narrow) {
      if (key == name) known = true, s = r.Int(v, key, *out);
    }
    if (key == "currency") {
      known = true;
      s = r.Text(v, key, p.currency);
    } else if (key == "tiers") {
      known = true;
      s = r.List(v, key, p.tiers,
                 [&](const toml::table& t, loyalty::Tier& x) { return ReadTier(r, t, x); });
    } else if (key == "promotions") {
      known = true;
      s = r.List(v, key, p.promotions, [&](const toml::table& t, loyalty::Promotion& x) {
        return ReadPromotion(r, t, x);
      });
    }
    if (!known) {
      s = r.Wrong(v, key, "unknown setting (see the README's Kunden-Club configuration)");
    }
    if (!s.ok()) return core::Err(s);
  }
  if (auto s = loyalty::Validate(p); !s.ok()) {
    return core::Err(core::InvalidArgument(path + ": [loyalty]: " + s.message()));
  }
  return p;
}

core::Result<loyalty::LoyaltyProgram> LoadLoyaltyProgram(const std::string& path) {
  if (path.empty()) return loyalty::DefaultProgram();
  auto t = ParseTomlFile(path);
  if (!t) return core::Err(t.error());
  const auto* loyalty = (*t)["loyalty"].as_table();
  if (!loyalty) return loyalty::DefaultProgram();
  return ReadLoyaltyProgram(*loyalty, path);
}

}  // namespace retain::cli
