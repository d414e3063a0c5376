// Saved-segment storage of SqliteStore.
#include "retain/storage/sqlite/sqlite_store.h"

namespace retain::storage::sqlite {
namespace {

SegmentRecord SegmentFromRow(const Statement& st) {
  return {st.Text(0), st.Text(1), st.Text(2), st.Text(3)};
}

}  // namespace

Result<std::map<std::string, std::string>> SqliteStore::ProductNames(
    const std::vector<std::string>& skus) {
  Statement st;
  if (auto s = st.Prepare(db_, "SELECT name FROM products WHERE sku = ?1 AND name <> ''");
      !s.ok()) {
    return core::Err(s);
  }
  std::map<std::string, std::string> names;
  for (const auto& sku : skus) {
    st.Bind(1, sku);
    auto row = st.Step();
    if (!row) return core::Err(row.error());
    if (*row && !st.IsNull(0)) names[sku] = st.Text(0);
    st.Reset();
  }
  return names;
}

Status SqliteStore::SaveSegment(const SegmentRecord& segment) {
  auto existing = FindSegment(segment.name);
  if (!existing) return existing.error();
  if (*existing) {
    return core::FailedPrecondition("a segment named '" + (*existing)->name +
                                    "' exists already; delete it first or choose another name");
  }
  Statement st;
  if (auto s = st.Prepare(db_,
                          "INSERT INTO segments(name, rule, description, created_at) "
                          "VALUES (?1, ?2, ?3, ?4)");
      !s.ok()) {
    return s;
  }
  st.Bind(1, segment.name);
  st.Bind(2, segment.rule);
  st.Bind(3, segment.description);
  st.Bind(4, segment.created_at);
  return st.Run();
}

Result<std::vector<SegmentRecord>> SqliteStore::ListSegments() {
  Statement st;
  if (auto s = st.Prepare(db_,
                          "SELECT name, rule, description, created_at FROM segments "
                          "ORDER BY name");
      !s.ok()) {
    return core::Err(s);
  }
  std::vector<SegmentRecord> out;
  while (true) {
    auto row = st.Step();
    if (!row) return core::Err(row.error());
    if (!*row) return out;
    out.push_back(SegmentFromRow(st));
  }
}

Result<std::optional<SegmentRecord>> SqliteStore::FindSegment(const std::string& name) {
  Statement st;
  if (auto s = st.Prepare(db_,
                          "SELECT name, rule, description, created_at FROM segments "
                          "WHERE name = ?1");
      !s.ok()) {
    return core::Err(s);
  }
  st.Bind(1, name);
  auto row = st.Step();
  if (!row) return core::Err(row.error());
  if (!*row) return std::optional<SegmentRecord>();
  return std::optional<SegmentRecord>(SegmentFromRow(st));
}

Result<bool> SqliteStore::DeleteSegment(const std::string& name) {
  Statement st;
  if (auto s = st.Prepare(db_, "DELETE FROM segments WHERE name = ?1"); !s.ok()) {
    return core::Err(s);
  }
  st.Bind(1, name);
  if (auto s = st.Run(); !s.ok()) return core::Err(s);
  return sqlite3_changes(db_) > 0;
}

}  // namespace retain::storage::sqlite
