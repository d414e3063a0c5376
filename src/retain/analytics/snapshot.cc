#include "retain/analytics/snapshot.h"

#include <algorithm>

namespace retain::analytics {

core::Day Snapshot::FirstOrderDay() const {
  if (order_day.empty()) return 0;
  core::Day d = order_day[0];
  for (size_t c = 0; c < customers(); ++c) {
    if (OrderCount(c) > 0) d = std::min(d, order_day[order_offsets[c]]);
  }
  return d;
}

core::Day Snapshot::LastOrderDay() const {
  if (order_day.empty()) return -1;
  core::Day d = order_day[0];
  for (size_t c = 0; c < customers(); ++c) {
    if (OrderCount(c) > 0) d = std::max(d, order_day[order_offsets[c + 1] - 1]);
  }
  return d;
}

std::vector<std::pair<const char*, TextColumn*>> CustomerProfiles::TextColumns() {
  return {{"country", &country},
          {"postal_code", &postal_code},
          {"city", &city},
          {"gender", &gender},
          {"language", &language},
          {"kind", &kind},
          {"consent_email", &consent_email},
          {"consent_sms", &consent_sms},
          {"consent_phone", &consent_phone},
          {"consent_letter", &consent_letter}};
}

void SnapshotBuilder::AddCustomer(int64_t internal_id, const std::string& external_id) {
  model::Customer c;
  c.external_id = external_id;
  AddCustomer(internal_id, c);
}

void SnapshotBuilder::AddCustomer(int64_t internal_id, const model::Customer& c) {
  internal_ids_.push_back(internal_id);
  s_.customer_ids.push_back(c.external_id);
  if (texts_.empty()) texts_.resize(s_.profiles.TextColumns().size());
  const std::string_view texts[] = {c.country,
                                    c.postal_code,
                                    c.city,
                                    c.gender,
                                    c.language,
                                    model::KindName(c.kind),
                                    model::ConsentName(c.consents.email),
                                    model::ConsentName(c.consents.sms),
                                    model::ConsentName(c.consents.phone),
                                    model::ConsentName(c.consents.letter)};
  for (size_t k = 0; k < texts_.size(); ++k) texts_[k].Append(texts[k]);
  s_.profiles.birth_day.push_back(c.birth_date.value_or(CustomerProfiles::kNoBirthDay));
  s_.profiles.reach.push_back(
      static_cast<uint8_t>((c.email.empty() ? 0 : CustomerProfiles::kReachEmail) |
                           (c.phone.empty() ? 0 : CustomerProfiles::kReachPhone) |
                           (c.street.empty() || c.postal_code.empty() || c.city.empty()
                                ? 0
                                : CustomerProfiles::kReachPost)));
  for (const auto& tag : c.tags) s_.profiles.tags.ids.push_back(tags_.Intern(tag));
  s_.profiles.tags.offsets.push_back(static_cast<int64_t>(s_.profiles.tags.ids.size()));
  for (const auto& [key, value] : c.attributes) {
    s_.profiles.attributes.ids.push_back(
        attributes_.Intern(key + CustomerProfiles::kAttributeSeparator + value));
  }
  s_.profiles.attributes.offsets.push_back(static_cast<int64_t>(s_.profiles.attributes.ids.size()));
}

int64_t SnapshotBuilder::IndexOf(int64_t internal_id, size_t& cursor) const {
  while (cursor < internal_ids_.size() && internal_ids_[cursor] < internal_id) ++cursor;
  if (cursor < internal_ids_.size() && internal_ids_[cursor] == internal_id) {
    return static_cast<int64_t>(cursor);
  }
  return -1;
}

void SnapshotBuilder::AddOrder(int64_t internal_id, core::Day day, int64_t amount,
                               uint8_t channel) {
  const int64_t c = IndexOf(internal_id, order_cursor_);
  if (c < 0) return;
  if (order_counts_.empty()) order_counts_.assign(internal_ids_.size(), 0);
  ++order_counts_[c];
  s_.order_day.push_back(day);
  s_.order_amount.push_back(amount);
  s_.order_channel.push_back(channel);
}

void SnapshotBuilder::AddReturn(int64_t internal_id, core::Day day, int64_t amount,
                                std::string_view sku) {
  const int64_t c = IndexOf(internal_id, return_cursor_);
  if (c < 0) return;
  if (return_counts_.empty()) return_counts_.assign(internal_ids_.size(), 0);
  ++return_counts_[c];
  s_.return_day.push_back(day);
  s_.return_amount.push_back(amount);
  s_.return_product.push_back(products_.Intern(sku));
}

void SnapshotBuilder::AddLine(int64_t internal_id, int64_t order_id, core::Day day,
                              std::string_view sku, std::string_view category, int32_t quantity) {
  // Lines arrive by order, not by customer: look the customer up.
  if (line_cursor_ >= internal_ids_.size() || internal_ids_[line_cursor_] != internal_id) {
    const auto it = std::lower_bound(internal_ids_.begin(), internal_ids_.end(), internal_id);
    if (it == internal_ids_.end() || *it != internal_id) return;
    line_cursor_ = static_cast<size_t>(it - internal_ids_.begin());
  }
  lines_.push_back({static_cast<uint32_t>(line_cursor_), products_.Intern(sku),
                    categories_.Intern(category), quantity, day, order_id});
}

void SnapshotBuilder::FinishLines() {
  const size_t n = internal_ids_.size();
  // Counting sort by customer, then by day and order within each customer.
  s_.item_offsets.assign(n + 1, 0);
  for (const auto& l : lines_) ++s_.item_offsets[l.customer + 1];
  for (size_t c = 0; c < n; ++c) s_.item_offsets[c + 1] += s_.item_offsets[c];
  std::vector<PendingLine> sorted(lines_.size());
  std::vector<int64_t> next(s_.item_offsets.begin(), s_.item_offsets.end() - 1);
  for (const auto& l : lines_) sorted[next[l.customer]++] = l;
  lines_.clear();
  lines_.shrink_to_fit();
  const size_t m = sorted.size();
  s_.item_day.resize(m);
  s_.item_basket.resize(m);
  s_.item_product.resize(m);
  s_.item_category.resize(m);
  s_.item_quantity.resize(m);
  uint32_t basket = 0;
  for (size_t c = 0; c < n; ++c) {
    const auto begin = sorted.begin() + s_.item_offsets[c],
               end = sorted.begin() + s_.item_offsets[c + 1];
    std::stable_sort(begin, end, [](const PendingLine& a, const PendingLine& b) {
      return a.day != b.day ? a.day < b.day : a.order_id < b.order_id;
    });
    for (auto it = begin; it != end; ++it) {
      const size_t k = static_cast<size_t>(it - sorted.begin());
      if (it != begin && it->order_id != (it - 1)->order_id) ++basket;
      s_.item_day[k] = it->day;
      s_.item_basket[k] = basket;
      s_.item_product[k] = it->product;
      s_.item_category[k] = it->category;
      s_.item_quantity[k] = it->quantity;
    }
    if (begin != end) ++basket;
  }
  s_.products = products_.TakeValues();
  s_.categories = categories_.TakeValues();
}

Snapshot SnapshotBuilder::Finish() {
  const size_t n = internal_ids_.size();
  order_counts_.resize(n, 0);
  return_counts_.resize(n, 0);
  s_.order_offsets.assign(n + 1, 0);
  s_.return_offsets.assign(n + 1, 0);
  for (size_t c = 0; c < n; ++c) {
    s_.order_offsets[c + 1] = s_.order_offsets[c] + order_counts_[c];
    s_.return_offsets[c + 1] = s_.return_offsets[c] + return_counts_[c];
  }
  FinishLines();
  auto columns = s_.profiles.TextColumns();
  for (size_t k = 0; k < texts_.size(); ++k) *columns[k].second = texts_[k].Finish();
  s_.profiles.tags.values = tags_.TakeValues();
  s_.profiles.attributes.values = attributes_.TakeValues();
  return std::move(s_);
}

}  // namespace retain::analytics
