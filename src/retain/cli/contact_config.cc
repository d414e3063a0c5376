#include "retain/cli/contact_config.h"

#include "retain/cli/listening_config.h"
#include "retain/cli/loyalty_config.h"
#include "retain/cli/toml_settings.h"

namespace retain::cli {
namespace {

core::Status ReadCaps(const SettingsReader& r, const std::string& prefix, const toml::node& n,
                      contact::ContactCaps& caps) {
  if (!n.is_table()) return r.Wrong(n, prefix, "must be a table ([contact." + prefix + "])");
  const std::pair<const char*, int*> ints[] = {
      {"min_gap_days", &caps.min_gap_days},
      {"max_per_30_days", &caps.max_per_30_days},
      {"sales_window", &caps.sales_window},
      {"max_sales_in_window", &caps.max_sales_in_window},
      {"quiet_days_after_complaint", &caps.quiet_days_after_complaint}};
  for (const auto& [k, v] : *n.as_table()) {
    const std::string key = prefix + "." + std::string(k.str());
    core::Status s = r.Wrong(v, key,
                             "unknown (known: min_gap_days, max_per_30_days, sales_window, "
                             "max_sales_in_window, quiet_days_after_complaint)");
    for (const auto& [name, out] : ints) {
      if (k == name) s = r.Int(v, key, *out);
    }
    if (!s.ok()) return s;
  }
  return {};
}

core::Status ReadEvent(const SettingsReader& r, const toml::table& t, contact::ContactEvent& e) {
  for (const auto& [k, v] : t) {
    const std::string key = "events." + std::string(k.str());
    core::Status s;
    if (k == "name") {
      s = r.Text(v, key, e.name);
    } else if (k == "day") {
      s = r.Date(v, key, e.day);
    } else if (k == "audience") {
      s = r.Text(v, key, e.audience);
    } else if (k == "invite_days_before") {
      s = r.Int(v, key, e.invite_days_before);
    } else {
      s = r.Wrong(v, key, "unknown (known: name, day, audience, invite_days_before)");
    }
    if (!s.ok()) return s;
  }
  return {};
}

}  // namespace

core::Status ReadContactSettings(const toml::table& table, const std::string& path,
                                 app::PlanSettings& settings) {
  const SettingsReader r(path, "contact");
  auto& p = settings.policy;
  const std::pair<const char*, int*> ints[] = {
      {"problem_days", &p.problem_days},
      {"feedback_after_days", &p.feedback_after_days},
      {"feedback_window_days", &p.feedback_window_days},
      {"win_back_repeat_days", &p.win_back_repeat_days},
      {"renewal_lead_days", &p.renewal_lead_days},
      {"tier_change_days", &p.tier_change_days},
      {"silence_days", &p.silence_days},
      {"keep_in_touch_max_days", &p.keep_in_touch_max_days},
      {"new_products_days", &p.new_products_days},
      {"milestone_orders", &p.milestone_orders},
      {"milestone_days", &p.milestone_days},
      {"surprise_one_in", &p.surprise_one_in},
      {"surprise_min_orders", &p.surprise_min_orders},
      {"surprise_repeat_days", &p.surprise_repeat_days},
      {"review_invitation_days", &p.review_invitation_days}};
  const std::pair<const char*, int64_t*> wide[] = {
      {"win_back_voucher_cents", &p.win_back_voucher_cents},
      {"points_expiring_min", &p.points_expiring_min},
      {"surprise_points", &p.surprise_points}};
  const std::pair<const char*, double*> reals[] = {
      {"win_back_rhythm_factor", &p.win_back_rhythm_factor},
      {"win_back_p_alive", &p.win_back_p_alive}};
  const std::pair<const char*, bool*> bools[] = {
      {"objection_notice_at_collection", &p.objection_notice_at_collection},
      {"b2b_presumed_phone_interest", &p.b2b_presumed_phone_interest},
      {"email_from_sale", &settings.email_from_sale},
      {"informal", &settings.informal}};
  for (const auto& [k, v] : table) {
    const std::string key(k.str());
    core::Status s = r.Wrong(v, key, "unknown setting (see the README's contact calendar)");
    for (const auto& [name, out] : ints) {
      if (key == name) s = r.Int(v, key, *out);
    }
    for (const auto& [name, out] : wide) {
      if (key == name) s = r.Int(v, key, *out);
    }
    for (const auto& [name, out] : reals) {
      if (key == name) s = r.Number(v, key, *out);
    }
    for (const auto& [name, out] : bools) {
      if (key == name) s = r.Bool(v, key, *out);
    }
    if (key == "problem_statuses") {
      s = r.Texts(v, key, settings.problem_statuses);
    } else if (key == "consumer") {
      s = ReadCaps(r, key, v, p.consumer);
    } else if (key == "business") {
      s = ReadCaps(r, key, v, p.business);
    } else if (key == "shop" || key == "smtp" || key == "messages") {
      s = {};  // read by message_config.h
    } else if (key == "events") {
      s = r.List(v, key, p.events, [&](const toml::table& t, contact::ContactEvent& e) {
        return ReadEvent(r, t, e);
      });
    }
    if (!s.ok()) return s;
  }
  if (auto s = contact::Validate(p); !s.ok()) {
    return core::InvalidArgument(path + ": [contact]: " + s.message());
  }
  return {};
}

core::Result<app::PlanSettings> LoadPlanSettings(const std::string& path) {
  app::PlanSettings settings;
  settings.program = loyalty::DefaultProgram();
  if (!path.empty()) {
    auto t = ParseTomlFile(path);
    if (!t) return core::Err(t.error());
    if (const auto* loyalty = (*t)["loyalty"].as_table()) {
      auto program = ReadLoyaltyProgram(*loyalty, path);
      if (!program) return core::Err(program.error());
      settings.program = std::move(*program);
    }
    if (const auto* contact = (*t)["contact"].as_table()) {
      if (auto s = ReadContactSettings(*contact, path, settings); !s.ok()) return core::Err(s);
    }
    if (const auto* listening = (*t)["listening"].as_table()) {
      if (auto s = ReadListeningSettings(*listening, path, settings.listening); !s.ok()) {
        return core::Err(s);
      }
    }
  }
  settings.policy.birthday_points = settings.program.birthday_points;
  settings.policy.renewal_points = settings.program.renewal_points;
  return settings;
}

}  // namespace retain::cli
