#include "retain/app/snapshot_loader.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

namespace retain::app {
namespace {

constexpr char kMagic[8] = {'R', 'E', 'T', 'S', 'N', 'P', '0', '4'};

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<FILE, FileCloser>;

template <class T>
bool WriteVec(FILE* f, const std::vector<T>& v) {
  const uint64_t n = v.size();
  return std::fwrite(&n, sizeof n, 1, f) == 1 &&
         (n == 0 || std::fwrite(v.data(), sizeof(T), n, f) == n);
}

template <class T>
bool ReadVec(FILE* f, std::vector<T>& v, uint64_t limit) {
  uint64_t n = 0;
  if (std::fread(&n, sizeof n, 1, f) != 1 || n > limit) return false;
  v.resize(n);
  return n == 0 || std::fread(v.data(), sizeof(T), n, f) == n;
}

bool WriteString(FILE* f, const std::string& s) {
  const uint32_t n = static_cast<uint32_t>(s.size());
  return std::fwrite(&n, sizeof n, 1, f) == 1 && std::fwrite(s.data(), 1, n, f) == n;
}

bool ReadString(FILE* f, std::string& s) {
  uint32_t n = 0;
  if (std::fread(&n, sizeof n, 1, f) != 1 || n > (1u << 20)) return false;
  s.resize(n);
  return n == 0 || std::fread(s.data(), 1, n, f) == n;
}

// Customer ids are stored as one blob plus offsets (fast to read back).
bool WriteIds(FILE* f, const std::vector<std::string>& ids) {
  std::vector<uint64_t> offsets{0};
  std::string blob;
  for (const auto& id : ids) {
    blob += id;
    offsets.push_back(blob.size());
  }
  std::vector<char> bytes(blob.begin(), blob.end());
  return WriteVec(f, offsets) && WriteVec(f, bytes);
}

bool ReadIds(FILE* f, std::vector<std::string>& ids) {
  std::vector<uint64_t> offsets;
  std::vector<char> bytes;
  if (!ReadVec(f, offsets, 1ull << 34) || !ReadVec(f, bytes, 1ull << 40)) return false;
  if (offsets.empty()) return false;
  ids.resize(offsets.size() - 1);
  for (size_t i = 0; i + 1 < offsets.size(); ++i) {
    if (offsets[i + 1] < offsets[i] || offsets[i + 1] > bytes.size()) return false;
    ids[i].assign(bytes.data() + offsets[i], offsets[i + 1] - offsets[i]);
  }
  return true;
}

bool WriteTexts(FILE* f, const analytics::TextColumn& t) {
  return WriteIds(f, t.values) && WriteVec(f, t.ids);
}

bool ReadTexts(FILE* f, analytics::TextColumn& t, size_t rows) {
  if (!ReadIds(f, t.values) || !ReadVec(f, t.ids, rows) || t.ids.size() != rows) return false;
  return !t.values.empty() &&
         std::all_of(t.ids.begin(), t.ids.end(), [&](uint32_t id) { return id < t.values.size(); });
}

bool WriteLists(FILE* f, const analytics::TextLists& t) {
  return WriteIds(f, t.values) && WriteVec(f, t.offsets) && WriteVec(f, t.ids);
}

bool ReadLists(FILE* f, analytics::TextLists& t, size_t rows) {
  constexpr uint64_t kMax = 1ull << 36;
  if (!ReadIds(f, t.values) || !ReadVec(f, t.offsets, rows + 1) || !ReadVec(f, t.ids, kMax)) {
    return false;
  }
  if (t.offsets.size() != rows + 1 || t.offsets.front() != 0 ||
      static_cast<size_t>(t.offsets.back()) != t.ids.size() ||
      !std::is_sorted(t.offsets.begin(), t.offsets.end())) {
    return false;
  }
  return std::all_of(t.ids.begin(), t.ids.end(), [&](uint32_t id) { return id < t.values.size(); });
}

bool WriteProfiles(FILE* f, analytics::CustomerProfiles& p) {
  for (const auto& [name, column] : p.TextColumns()) {
    if (!WriteTexts(f, *column)) return false;
  }
  return WriteVec(f, p.birth_day) && WriteVec(f, p.reach) && WriteLists(f, p.tags) &&
         WriteLists(f, p.attributes);
}

bool ReadProfiles(FILE* f, analytics::CustomerProfiles& p, size_t rows) {
  for (const auto& [name, column] : p.TextColumns()) {
    if (!ReadTexts(f, *column, rows)) return false;
  }
  return ReadVec(f, p.birth_day, rows) && p.birth_day.size() == rows && ReadVec(f, p.reach, rows) &&
         p.reach.size() == rows && ReadLists(f, p.tags, rows) && ReadLists(f, p.attributes, rows);
}

bool ReadCache(const std::string& path, const std::string& db_id, int64_t version,
               analytics::Snapshot& s) {
  File f(std::fopen(path.c_str(), "rb"));
  if (!f) return false;
  char magic[8];
  std::string id;
  int64_t v = -1;
  if (std::fread(magic, 1, 8, f.get()) != 8 || std::memcmp(magic, kMagic, 8) != 0) return false;
  if (!ReadString(f.get(), id) || std::fread(&v, sizeof v, 1, f.get()) != 1) return false;
  if (id != db_id || v != version) return false;
  constexpr uint64_t kMax = 1ull << 36;
  if (!ReadIds(f.get(), s.customer_ids) || !ReadVec(f.get(), s.order_offsets, kMax) ||
      !ReadVec(f.get(), s.order_day, kMax) || !ReadVec(f.get(), s.order_amount, kMax) ||
      !ReadVec(f.get(), s.order_channel, kMax) || !ReadVec(f.get(), s.return_offsets, kMax) ||
      !ReadVec(f.get(), s.return_day, kMax) || !ReadVec(f.get(), s.return_amount, kMax) ||
      !ReadProfiles(f.get(), s.profiles, s.customer_ids.size()) ||
      !ReadVec(f.get(), s.return_product, kMax) || !ReadVec(f.get(), s.item_offsets, kMax) ||
      !ReadVec(f.get(), s.item_day, kMax) || !ReadVec(f.get(), s.item_basket, kMax) ||
      !ReadVec(f.get(), s.item_product, kMax) || !ReadVec(f.get(), s.item_category, kMax) ||
      !ReadVec(f.get(), s.item_quantity, kMax) || !ReadIds(f.get(), s.products) ||
      !ReadIds(f.get(), s.categories)) {
    return false;
  }
  const size_t items = s.item_day.size();
  auto below = [](const std::vector<uint32_t>& ids, size_t limit) {
    return std::all_of(ids.begin(), ids.end(), [&](uint32_t id) { return id < limit; });
  };
  if (s.item_offsets.size() != s.customer_ids.size() + 1 ||
      static_cast<size_t>(s.item_offsets.back()) != items || s.item_basket.size() != items ||
      s.item_product.size() != items || s.item_category.size() != items ||
      s.item_quantity.size() != items || s.return_product.size() != s.return_day.size() ||
      s.products.empty() || s.categories.empty() || !below(s.item_product, s.products.size()) ||
      !below(s.return_product, s.products.size()) || !below(s.item_category, s.categories.size())) {
    return false;
  }
  // Structural checks so a damaged file is rebuilt, never trusted.
  const size_t n = s.customer_ids.size();
  return s.order_offsets.size() == n + 1 && s.return_offsets.size() == n + 1 &&
         static_cast<size_t>(s.order_offsets.back()) == s.order_day.size() &&
         s.order_day.size() == s.order_amount.size() &&
         s.order_day.size() == s.order_channel.size() &&
         static_cast<size_t>(s.return_offsets.back()) == s.return_day.size() &&
         s.return_day.size() == s.return_amount.size();
}

void WriteCache(const std::string& path, const std::string& db_id, int64_t version,
                analytics::Snapshot& s) {
  const std::string tmp = path + ".tmp";
  {
    File f(std::fopen(tmp.c_str(), "wb"));
    if (!f) return;  // a cache that cannot be written is only slower, not wrong
    const bool ok = std::fwrite(kMagic, 1, 8, f.get()) == 8 && WriteString(f.get(), db_id) &&
                    std::fwrite(&version, sizeof version, 1, f.get()) == 1 &&
                    WriteIds(f.get(), s.customer_ids) && WriteVec(f.get(), s.order_offsets) &&
                    WriteVec(f.get(), s.order_day) && WriteVec(f.get(), s.order_amount) &&
                    WriteVec(f.get(), s.order_channel) && WriteVec(f.get(), s.return_offsets) &&
                    WriteVec(f.get(), s.return_day) && WriteVec(f.get(), s.return_amount) &&
                    WriteProfiles(f.get(), s.profiles) && WriteVec(f.get(), s.return_product) &&
                    WriteVec(f.get(), s.item_offsets) && WriteVec(f.get(), s.item_day) &&
                    WriteVec(f.get(), s.item_basket) && WriteVec(f.get(), s.item_product) &&
                    WriteVec(f.get(), s.item_category) && WriteVec(f.get(), s.item_quantity) &&
                    WriteIds(f.get(), s.products) && WriteIds(f.get(), s.categories);
    if (!ok) {
      f.reset();
      std::remove(tmp.c_str());
      return;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) std::remove(tmp.c_str());
}

}  // namespace

std::string SnapshotCachePath(const std::string& database_path) {
  return database_path.empty() ? std::string() : database_path + ".snapshot";
}

core::Result<analytics::Snapshot> LoadSnapshot(storage::Store& store,
                                               const SnapshotLoadOptions& options) {
  auto version = store.DataVersion();
  if (!version) return core::Err(version.error());
  auto db_id = store.DatabaseId();
  if (!db_id) return core::Err(db_id.error());
  analytics::Snapshot cached;
  if (!options.cache_path.empty() && ReadCache(options.cache_path, *db_id, *version, cached)) {
    return cached;
  }
  analytics::SnapshotBuilder builder;
  if (auto s = store.ScanCustomerProfiles(
          [&](int64_t id, const model::Customer& c) { builder.AddCustomer(id, c); });
      !s.ok()) {
    return core::Err(s);
  }
  if (auto s = store.ScanOrderFacts([&](const storage::OrderFact& o) {
        builder.AddOrder(o.customer_id, o.day, o.amount_minor,
                         o.channel == model::Channel::kStore ? 1 : 0);
      });
      !s.ok()) {
    return core::Err(s);
  }
  if (auto s = store.ScanReturnFacts([&](const storage::ReturnFact& r) {
        builder.AddReturn(r.customer_id, r.day, r.amount_minor, r.sku);
      });
      !s.ok()) {
    return core::Err(s);
  }
  if (auto s = store.ScanLineFacts([&](const storage::LineFact& l) {
        builder.AddLine(l.customer_id, l.order_id, l.day, l.sku, l.category, l.quantity);
      });
      !s.ok()) {
    return core::Err(s);
  }
  analytics::Snapshot snap = builder.Finish();
  if (!options.cache_path.empty()) WriteCache(options.cache_path, *db_id, *version, snap);
  return snap;
}

}  // namespace retain::app
