#include "retain/app/loyalty_activity.h"

#include <charconv>

#include "retain/app/loyalty_member.h"

namespace retain::app {
namespace {

using json = nlohmann::ordered_json;

// The month's column an entry of `kind` counts in.
int64_t* Column(LoyaltyMonth& m, loyalty::TransferKind kind) {
  switch (kind) {
    case loyalty::TransferKind::kEarn:
      return &m.issued;
    case loyalty::TransferKind::kBonus:
      return &m.bonus;
    case loyalty::TransferKind::kRedeem:
      return &m.redeemed;
    case loyalty::TransferKind::kRestore:
      return &m.restored;
    case loyalty::TransferKind::kExpire:
      return &m.expired;
    case loyalty::TransferKind::kReverse:
      return &m.returned;
  }
  return nullptr;
}

json Figures(const LoyaltyMonth& m) {
  return {{"issued", m.issued},          {"bonus", m.bonus},     {"redeemed", m.redeemed},
          {"restored", m.restored},      {"expired", m.expired}, {"returned", m.returned},
          {"new_members", m.new_members}};
}

}  // namespace

core::Result<int> ParseMonth(std::string_view text, std::string_view field) {
  auto bad = [&] {
    return core::Err(core::InvalidArgument(std::string(field) + ": '" + std::string(text) +
                                           "' is not a month (use YYYY-MM, e.g. 2026-01)"));
  };
  if (text.size() != 7 || text[4] != '-') return bad();
  int year = 0, month = 0;
  auto [y_end, y_ec] = std::from_chars(text.data(), text.data() + 4, year);
  auto [m_end, m_ec] = std::from_chars(text.data() + 5, text.data() + 7, month);
  if (y_ec != std::errc() || y_end != text.data() + 4 || m_ec != std::errc() ||
      m_end != text.data() + 7 || year < 1900 || month < 1 || month > 12) {
    return bad();
  }
  return year * 12 + month - 1;
}

core::Result<MonthRange> ResolveMonthRange(const std::optional<std::string>& from,
                                           const std::optional<std::string>& to, core::Day today) {
  MonthRange r;
  r.last = core::MonthIndex(today);
  if (to) {
    auto m = ParseMonth(*to, "to");
    if (!m) return core::Err(m.error());
    r.last = *m;
  }
  r.first = r.last - 11;
  if (from) {
    auto m = ParseMonth(*from, "from");
    if (!m) return core::Err(m.error());
    r.first = *m;
  }
  if (r.first > r.last) {
    return core::Err(core::InvalidArgument("from: " + core::FormatMonthIndex(r.first) +
                                           " is after to (" + core::FormatMonthIndex(r.last) +
                                           ")"));
  }
  if (r.last - r.first + 1 > kMaxActivityMonths) {
    return core::Err(core::InvalidArgument("from: at most " + std::to_string(kMaxActivityMonths) +
                                           " months at once"));
  }
  return r;
}

core::Result<LoyaltyActivityReport> LoyaltyActivity(storage::Store& store,
                                                    const loyalty::LoyaltyProgram& program,
                                                    const MonthRange& range) {
  LoyaltyActivityReport report;
  report.currency = program.currency;
  report.range = range;
  for (int m = range.first; m <= range.last; ++m) report.months.push_back({.month = m});
  auto month_of = [&](core::Day day) -> LoyaltyMonth* {
    const int m = core::MonthIndex(day);
    if (m < range.first || m > range.last) return nullptr;
    return &report.months[static_cast<size_t>(m - range.first)];
  };
  auto st = store.ScanLoyaltyMembers([&](const storage::LoyaltyMemberRecord& member) {
    if (auto* m = month_of(member.enrolled_day)) ++m->new_members;
  });
  if (!st.ok()) return core::Err(st);
  core::Status unknown;
  st = store.ScanLoyaltyEntries(
      [&](const std::string& customer, const storage::LoyaltyEntryRecord& e) {
        auto kind = KindFromName(e.kind);
        if (!kind) {
          if (unknown.ok()) {
            unknown =
                core::Internal("member '" + customer + "': ledger entry " + std::to_string(e.seq) +
                               " has unknown kind '" + e.kind + "' (run `retain loyalty check`)");
          }
          return;
        }
        if (auto* m = month_of(e.day)) *Column(*m, *kind) += e.points;
      });
  if (!st.ok()) return core::Err(st);
  if (!unknown.ok()) return core::Err(unknown);
  return report;
}

json LoyaltyActivityJson(const LoyaltyActivityReport& report) {
  json months = json::array();
  LoyaltyMonth total;
  for (const auto& m : report.months) {
    json row = {{"month", core::FormatMonthIndex(m.month)}};
    row.update(Figures(m));
    months.push_back(std::move(row));
    total.issued += m.issued;
    total.bonus += m.bonus;
    total.redeemed += m.redeemed;
    total.restored += m.restored;
    total.expired += m.expired;
    total.returned += m.returned;
    total.new_members += m.new_members;
  }
  return {{"currency", report.currency},
          {"from", core::FormatMonthIndex(report.range.first)},
          {"to", core::FormatMonthIndex(report.range.last)},
          {"months", std::move(months)},
          {"totals", Figures(total)}};
}

}  // namespace retain::app
