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

void SnapshotBuilder::AddCustomer(int64_t internal_id, const std::string& external_id) {
  internal_ids_.push_back(internal_id);
  s_.customer_ids.push_back(external_id);
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

void SnapshotBuilder::AddReturn(int64_t internal_id, core::Day day, int64_t amount) {
  const int64_t c = IndexOf(internal_id, return_cursor_);
  if (c < 0) return;
  if (return_counts_.empty()) return_counts_.assign(internal_ids_.size(), 0);
  ++return_counts_[c];
  s_.return_day.push_back(day);
  s_.return_amount.push_back(amount);
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
  return std::move(s_);
}

}  // namespace retain::analytics
