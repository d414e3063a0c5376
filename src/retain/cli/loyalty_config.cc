#include "retain/cli/loyalty_config.h"

#include <filesystem>

namespace retain::cli {
namespace {

std::string Where(const std::string& path, const toml::node& n) {
  const auto& at = n.source().begin;
  return path + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

core::Status Wrong(const std::string& path, const toml::node& n, const std::string& key,
                   const std::string& what) {
  return core::InvalidArgument(Where(path, n) + ": loyalty." + key + ": " + what);
}

// Reads an integer setting into `out`.
template <class T>
core::Status ReadInt(const std::string& path, const toml::node& n, const std::string& key, T& out) {
  auto v = n.value<int64_t>();
  if (!n.is_integer() || !v) return Wrong(path, n, key, "must be a whole number");
  out = static_cast<T>(*v);
  return {};
}

core::Status ReadText(const std::string& path, const toml::node& n, const std::string& key,
                      std::string& out) {
  if (!n.is_string()) return Wrong(path, n, key, "must be text in quotes");
  out = *n.value<std::string>();
  return {};
}

core::Status ReadTier(const std::string& path, const toml::table& t, loyalty::Tier& tier) {
  for (const auto& [k, v] : t) {
    const std::string key = "tiers." + std::string(k.str());
    core::Status s;
    if (k == "name") {
      s = ReadText(path, v, key, tier.name);
    } else if (k == "threshold") {
      s = ReadInt(path, v, key, tier.threshold);
    } else if (k == "bonus_percent") {
      s = ReadInt(path, v, key, tier.bonus_percent);
    } else if (k == "benefits" && v.is_array()) {
      for (const auto& b : *v.as_array()) {
        if (!b.is_string()) return Wrong(path, b, key, "must be a list of texts");
        tier.benefits.push_back(*b.value<std::string>());
      }
    } else {
      s = Wrong(path, v, key, "unknown (known: name, threshold, bonus_percent, benefits)");
    }
    if (!s.ok()) return s;
  }
  return {};
}

core::Status ReadPromotion(const std::string& path, const toml::table& t, loyalty::Promotion& p) {
  for (const auto& [k, v] : t) {
    const std::string key = "promotions." + std::string(k.str());
    core::Status s;
    if (k == "first_day" || k == "last_day") {
      std::string text;
      s = ReadText(path, v, key, text);
      if (s.ok()) {
        auto d = core::ParseDate(text);
        if (!d) return Wrong(path, v, key, d.error().message());
        (k == "first_day" ? p.first_day : p.last_day) = *d;
      }
    } else if (k == "name") {
      s = ReadText(path, v, key, p.name);
    } else if (k == "channel") {
      s = ReadText(path, v, key, p.channel);
    } else if (k == "category") {
      s = ReadText(path, v, key, p.category);
    } else if (k == "multiplier_percent") {
      s = ReadInt(path, v, key, p.multiplier_percent);
    } else {
      s = Wrong(path, v, key,
                "unknown (known: name, first_day, last_day, channel, category, "
                "multiplier_percent)");
    }
    if (!s.ok()) return s;
  }
  return {};
}

// Reads a list of tables with `read`.
template <class T, class Read>
core::Status ReadList(const std::string& path, const toml::node& n, const std::string& key,
                      std::vector<T>& out, Read read) {
  if (!n.is_array_of_tables()) return Wrong(path, n, key, "must be a list of tables ([[...]])");
  out.clear();
  for (const auto& item : *n.as_array()) {
    T value;
    if (auto s = read(path, *item.as_table(), value); !s.ok()) return s;
    out.push_back(std::move(value));
  }
  return {};
}

}  // namespace

core::Result<loyalty::LoyaltyProgram> ReadLoyaltyProgram(const toml::table& table,
                                                         const std::string& path) {
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
      if (key == name) known = true, s = ReadInt(path, v, key, *out);
    }
    for (const auto& [name, out] : narrow) {
      if (key == name) known = true, s = ReadInt(path, v, key, *out);
    }
    if (key == "currency") {
      known = true;
      s = ReadText(path, v, key, p.currency);
    } else if (key == "tiers") {
      known = true;
      s = ReadList(path, v, key, p.tiers, ReadTier);
    } else if (key == "promotions") {
      known = true;
      s = ReadList(path, v, key, p.promotions, ReadPromotion);
    }
    if (!known) {
      s = Wrong(path, v, key, "unknown setting (see the README's Kunden-Club configuration)");
    }
    if (!s.ok()) return core::Err(s);
  }
  if (auto s = loyalty::Validate(p); !s.ok()) {
    return core::Err(core::InvalidArgument(path + ": [loyalty]: " + s.message()));
  }
  return p;
}

core::Result<toml::table> ParseTomlFile(const std::string& path) {
  if (!std::filesystem::exists(path)) {
    return core::Err(core::NotFound(path + ": no such configuration file"));
  }
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return core::Err(core::InvalidArgument(path + ":" + std::to_string(where.line) + ":" +
                                           std::to_string(where.column) + ": " +
                                           std::string(e.description())));
  }
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
