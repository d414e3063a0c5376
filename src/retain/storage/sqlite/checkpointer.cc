#include "retain/storage/sqlite/checkpointer.h"

#include <utility>

namespace retain::storage::sqlite {

core::Result<std::unique_ptr<Checkpointer>> Checkpointer::Start(sqlite3* writer, Limits limits) {
  const char* path = sqlite3_db_filename(writer, "main");
  if (path == nullptr || *path == '\0') {
    return core::Err(core::FailedPrecondition("a checkpointer needs a database file"));
  }
  sqlite3* own = nullptr;
  if (sqlite3_open_v2(path, &own, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    std::string msg = own ? sqlite3_errmsg(own) : "out of memory";
    sqlite3_close(own);
    return core::Err(core::IoError(std::string("cannot open ") + path + ": " + msg));
  }
  // The copy syncs the database file before the log may start again; the
  // file grows in the same 8 MiB steps as the writer's (see SqliteStore::Open).
  sqlite3_exec(own, "PRAGMA synchronous = FULL", nullptr, nullptr, nullptr);
  int chunk = 8 << 20;
  sqlite3_file_control(own, "main", SQLITE_FCNTL_CHUNK_SIZE, &chunk);
  std::unique_ptr<Checkpointer> c(new Checkpointer(writer, own, limits));
  c->thread_ = std::thread([p = c.get()] { p->Run(); });
  sqlite3_wal_hook(writer, &Checkpointer::AfterCommit, c.get());
  return c;
}

Checkpointer::~Checkpointer() {
  sqlite3_wal_autocheckpoint(writer_, 1000);  // SQLite's own hook again
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  sqlite3_close_v2(own_);
}

Checkpointer::Counts Checkpointer::counts() const {
  return {background_.load(), tails_.load(), hard_.load()};
}

int Checkpointer::AfterCommit(void* self, sqlite3* db, const char* schema, int frames) {
  auto* c = static_cast<Checkpointer*>(self);
  // A failed or busy checkpoint loses nothing (the log holds every commit):
  // the next commit tries again, so its result is not reported.
  if (frames >= c->limits_.hard_limit_frames) {
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    c->hard_.fetch_add(1);
  } else if (c->copied_.exchange(false)) {
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    c->tails_.fetch_add(1);
  } else if (frames >= c->limits_.start_frames && !c->busy_.exchange(true)) {
    {
      std::lock_guard lock(c->mu_);
      c->requested_ = true;
    }
    c->wake_.notify_one();
  }
  return SQLITE_OK;
}

void Checkpointer::Run() {
  std::unique_lock lock(mu_);
  for (;;) {
    wake_.wait(lock, [this] { return requested_ || stopping_; });
    if (stopping_) return;
    requested_ = false;
    lock.unlock();
    const int rc =
        sqlite3_wal_checkpoint_v2(own_, "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    if (rc == SQLITE_OK) {
      background_.fetch_add(1);
      copied_.store(true);
    }
    busy_.store(false);
    lock.lock();
  }
}

}  // namespace retain::storage::sqlite
