#include "retain/storage/sqlite/checkpointer.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

namespace retain::storage::sqlite {
namespace {

namespace fs = std::filesystem;

// A WAL database with one table, written in many small durable commits.
class CheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("retain_ckpt_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = Open();
    Exec(db_, "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL");
    Exec(db_, "CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB)");
  }
  void TearDown() override {
    sqlite3_close(db_);
    fs::remove_all(dir_);
  }
  sqlite3* Open() {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open((dir_ / "t.db").c_str(), &db), SQLITE_OK);
    return db;
  }
  static void Exec(sqlite3* db, const char* sql) {
    char* err = nullptr;
    ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  }
  // `n` commits, each adding one row of about two pages.
  void Commit(int n) {
    for (int i = 0; i < n; ++i) {
      Exec(db_, "INSERT INTO t(payload) VALUES (randomblob(6000))");
    }
  }
  int64_t Rows() {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db_, "SELECT count(*) FROM t", -1, &st, nullptr);
    sqlite3_step(st);
    const int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
  }
  uintmax_t WalBytes() { return fs::file_size(dir_ / "t.db-wal"); }

  fs::path dir_;
  sqlite3* db_ = nullptr;
};

TEST_F(CheckpointerTest, CopiesInTheBackgroundAndTheLogStartsAgain) {
  auto c = Checkpointer::Start(db_, {.start_frames = 40, .hard_limit_frames = 100000});
  ASSERT_TRUE(c.has_value()) << c.error().message();
  Commit(400);  // about 1,200 frames: without checkpoints the log would hold them all
  const auto counts = (*c)->counts();
  EXPECT_GT(counts.background, 0);
  EXPECT_GT(counts.tails, 0);
  EXPECT_EQ(counts.hard, 0);
  // The log was started again: it never grew much past the start mark plus
  // what was written during a copy.
  EXPECT_LT(WalBytes(), 400u * 4096u);
  EXPECT_EQ(Rows(), 400);
  c->reset();
  sqlite3* other = Open();  // a second connection sees every commit
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(other, "PRAGMA integrity_check", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "ok");
  sqlite3_finalize(st);
  sqlite3_close(other);
}

// A reader holding an old snapshot keeps every copy from finishing, so the
// log cannot start again; the writer copies inline at the hard limit.
TEST_F(CheckpointerTest, AReaderHoldingTheLogLeadsToInlineCopiesAtTheHardLimit) {
  Commit(5);
  sqlite3* reader = Open();
  Exec(reader, "BEGIN");
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(reader, "SELECT count(*) FROM t", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int64(st, 0), 5);
  sqlite3_finalize(st);
  auto c = Checkpointer::Start(db_, {.start_frames = 20, .hard_limit_frames = 200});
  ASSERT_TRUE(c.has_value()) << c.error().message();
  Commit(200);
  EXPECT_GT((*c)->counts().hard, 0);
  EXPECT_GT(WalBytes(), 200u * 4096u);  // held: the log only grew
  Exec(reader, "COMMIT");
  sqlite3_close(reader);
  const auto held = (*c)->counts();
  Commit(200);  // the reader is gone: copies finish, and the log starts again
  EXPECT_GT((*c)->counts().tails, held.tails);
  EXPECT_EQ(Rows(), 405);
}

}  // namespace
}  // namespace retain::storage::sqlite
