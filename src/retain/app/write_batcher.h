// WriteBatcher: all writes of a server go through one store, in groups.
//
// SQLite admits one writer at a time, and a durable commit costs a disk
// flush. The batcher runs submitted jobs on its own thread and commits all
// jobs that arrived meanwhile in one transaction: one flush for many writes.
//
//   WriteBatcher writes(std::move(store));
//   auto answer = writes.Submit([&](storage::Store& s) -> core::Result<WriteAnswer> {
//     ...checks, then writes...
//   });
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "retain/core/status.h"
#include "retain/storage/store.h"

namespace retain::app {

// What a write answered: a code the edge chose and a body, stored with an
// idempotency key so that a repeat gets the same answer.
struct WriteAnswer {
  int outcome = 0;
  std::string body;
  bool replayed = false;  // the stored answer to an earlier identical request
};

// An idempotency key sent with a write: who sent it, the key, and a
// fingerprint of what was asked.
struct IdempotencyKey {
  std::string scope, key, fingerprint;
};

class WriteBatcher {
 public:
  // A job runs inside the shared transaction. It must check everything that
  // can fail because of the request (missing customer, existing order) before
  // it writes, and return such errors without having written anything. An
  // error with code kIo or kInternal rolls the whole group back.
  using Job = std::function<core::Result<WriteAnswer>(storage::Store&)>;

  // Takes the store all writes go to (make its commits durable first if
  // answers promise durability: Store::RequireDurableCommits).
  explicit WriteBatcher(std::unique_ptr<storage::Store> store);
  // Finishes the queued jobs, then stops the thread.
  ~WriteBatcher();

  // Runs `job` and returns its answer once its group is committed (or the
  // job's or the commit's error). Thread-safe.
  core::Result<WriteAnswer> Submit(Job job);

  // Submit() with an idempotency key (none when key.key is empty): the first
  // request runs `job` and stores its answer with it, atomically; a repeat
  // with the same fingerprint gets that answer (replayed), one with another
  // fingerprint kAlreadyExists. Errors are not stored, so a fixed request
  // may reuse the key.
  core::Result<WriteAnswer> SubmitOnce(const IdempotencyKey& key, Job job);

  // Submit() without waiting: `done` is called with the answer once the
  // job's group is committed (or with its error), on the writer's thread, so
  // it must be quick (hand the answer over; never submit from it).
  using Done = std::function<void(core::Result<WriteAnswer>)>;
  void SubmitAsync(Job job, Done done);

  // Runs `job` alone on the writer's store, outside any transaction, after
  // the jobs queued before it and before those queued after it; returns its
  // answer. For long writes with a transaction of their own (an import):
  // the job must commit or roll back before it returns (anything left open
  // is rolled back). Other writes wait meanwhile. Thread-safe.
  core::Result<WriteAnswer> SubmitExclusive(Job job);

  // Jobs waiting or running now (for metrics).
  size_t Pending() const;

 private:
  struct Ticket;
  core::Result<WriteAnswer> Enqueue(Job job, bool exclusive);
  // Hands every finished ticket of group[begin, end) its answer.
  static void Deliver(std::vector<std::shared_ptr<Ticket>>& group, size_t begin, size_t end);
  void Run();
  // Runs the (non-exclusive) tickets of `group` in one transaction.
  void RunGroup(std::vector<std::shared_ptr<Ticket>>& group);
  void RunExclusive(Ticket& ticket);

  std::unique_ptr<storage::Store> store_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::vector<std::shared_ptr<Ticket>> queue_;
  size_t running_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace retain::app
