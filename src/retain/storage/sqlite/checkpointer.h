// Checkpointer: moves a busy writer's write-ahead log into the database file
// mostly on a thread of its own, so that commits seldom wait for it.
//
// SQLite's own checkpoint runs inside the commit that fills the log: that
// commit, and every write queued behind it, waits while the whole log is
// copied and the database file is synced. Here the bulk of the copy runs on a
// second connection (a PASSIVE checkpoint, which never blocks the writer);
// once it has finished, the writer's next commit copies only the frames
// written meanwhile and syncs, after which the whole log is in the database
// file and SQLite starts the log again from its beginning. Should the
// background fall behind (a reader holding an old snapshot keeps it from
// finishing), the writer checkpoints inline at a hard limit, as SQLite would.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "retain/core/status.h"

namespace retain::storage::sqlite {

class Checkpointer {
 public:
  struct Limits {
    // Log frames (pages) after which the background copy starts. A long log
    // means fewer copies of the pages every write touches (a member's row,
    // the ends of the indexes): 8,000 pages of 16 KiB, 128 MiB.
    int start_frames = 8000;
    // Log frames after which the writer copies inline, whatever the state.
    int hard_limit_frames = 32000;
  };
  // How often each kind of checkpoint ran (for tests and diagnostics).
  struct Counts {
    int64_t background = 0;  // copies on the thread
    int64_t tails = 0;       // the writer's short copies after one of those
    int64_t hard = 0;        // the writer's copies at the hard limit
  };

  // Opens a second connection to the database file of `writer` (a WAL
  // database) and installs the commit hook on `writer`, replacing SQLite's
  // automatic checkpoint. `writer` must outlive the result, which must not
  // be destroyed while another thread uses `writer` (it changes its hook).
  static core::Result<std::unique_ptr<Checkpointer>> Start(sqlite3* writer, Limits limits);
  static core::Result<std::unique_ptr<Checkpointer>> Start(sqlite3* writer) {
    return Start(writer, Limits{});
  }
  // Removes the hook, stops and joins the thread, closes its connection.
  ~Checkpointer();

  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  Counts counts() const;

 private:
  Checkpointer(sqlite3* writer, sqlite3* own, Limits limits)
      : writer_(writer), own_(own), limits_(limits) {}
  // sqlite3_wal_hook callback, on the writer's thread after each commit.
  static int AfterCommit(void* self, sqlite3* db, const char* schema, int frames);
  void Run();

  sqlite3* writer_;
  sqlite3* own_;
  const Limits limits_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool requested_ = false;  // guarded by mu_
  bool stopping_ = false;   // guarded by mu_
  // Set by the thread when a copy finished: the writer's next commit then
  // copies the rest.
  std::atomic<bool> copied_{false};
  std::atomic<bool> busy_{false};  // a background copy is requested or running
  std::atomic<int64_t> background_{0}, tails_{0}, hard_{0};
};

}  // namespace retain::storage::sqlite
