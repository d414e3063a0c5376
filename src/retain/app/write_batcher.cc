#include "retain/app/write_batcher.h"

#include "retain/core/date.h"

namespace retain::app {

struct WriteBatcher::Ticket {
  Job job;
  Done callback;  // set by SubmitAsync: called instead of waking a waiter
  bool exclusive = false;
  std::optional<core::Result<WriteAnswer>> result;
  std::mutex mu;
  std::condition_variable done;
};

WriteBatcher::WriteBatcher(std::unique_ptr<storage::Store> store) : store_(std::move(store)) {
  thread_ = std::thread([this] { Run(); });
}

WriteBatcher::~WriteBatcher() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

core::Result<WriteAnswer> WriteBatcher::SubmitOnce(const IdempotencyKey& key, Job job) {
  if (key.key.empty()) return Submit(std::move(job));
  return Submit([&key, job = std::move(job)](storage::Store& s) -> core::Result<WriteAnswer> {
    auto earlier = s.FindIdempotency(key.scope, key.key);
    if (!earlier) return core::Err(earlier.error());
    if (*earlier) {
      if ((*earlier)->request_hash != key.fingerprint) {
        return core::Err(core::AlreadyExists(
            "the Idempotency-Key '" + key.key +
            "' was used for a different request; use a new key for a new request"));
      }
      return WriteAnswer{(*earlier)->outcome, (*earlier)->response, true};
    }
    auto answer = job(s);
    if (!answer) return answer;
    if (auto st = s.SaveIdempotency({key.scope, key.key, key.fingerprint, answer->outcome,
                                     answer->body, core::UtcNowIso()});
        !st.ok()) {
      return core::Err(core::IoError(st.message()));
    }
    return answer;
  });
}

size_t WriteBatcher::Pending() const {
  std::lock_guard lock(mu_);
  return queue_.size() + running_;
}

core::Result<WriteAnswer> WriteBatcher::Submit(Job job) { return Enqueue(std::move(job), false); }

core::Result<WriteAnswer> WriteBatcher::SubmitExclusive(Job job) {
  return Enqueue(std::move(job), true);
}

void WriteBatcher::SubmitAsync(Job job, Done done) {
  auto ticket = std::make_shared<Ticket>();
  ticket->job = std::move(job);
  ticket->callback = std::move(done);
  bool stopping = false;
  {
    std::lock_guard lock(mu_);
    stopping = stopping_;
    if (!stopping) queue_.push_back(ticket);
  }
  if (stopping) {  // called outside the lock: the callback may take locks of its own
    return ticket->callback(core::Err(core::FailedPrecondition("the server is shutting down")));
  }
  wake_.notify_one();
}

void WriteBatcher::Deliver(std::vector<std::shared_ptr<Ticket>>& group, size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i) {
    auto& t = *group[i];
    if (t.callback) {
      t.callback(std::move(*t.result));
    } else {
      std::lock_guard lock(t.mu);
      t.done.notify_one();
    }
  }
}

core::Result<WriteAnswer> WriteBatcher::Enqueue(Job job, bool exclusive) {
  auto ticket = std::make_shared<Ticket>();
  ticket->job = std::move(job);
  ticket->exclusive = exclusive;
  {
    std::lock_guard lock(mu_);
    if (stopping_) return core::Err(core::FailedPrecondition("the server is shutting down"));
    queue_.push_back(ticket);
  }
  wake_.notify_one();
  std::unique_lock lock(ticket->mu);
  ticket->done.wait(lock, [&] { return ticket->result.has_value(); });
  return std::move(*ticket->result);
}

void WriteBatcher::Run() {
  for (;;) {
    std::vector<std::shared_ptr<Ticket>> group;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left
      group.swap(queue_);
      running_ = group.size();
    }
    // Exclusive jobs split the batch: the jobs before one commit first.
    size_t begin = 0;
    while (begin < group.size()) {
      size_t end = begin;
      std::vector<std::shared_ptr<Ticket>> part;
      if (group[begin]->exclusive) {
        RunExclusive(*group[begin]);
        end = begin + 1;
      } else {
        while (end < group.size() && !group[end]->exclusive) part.push_back(group[end++]);
        RunGroup(part);
      }
      Deliver(group, begin, end);
      {
        std::lock_guard lock(mu_);
        running_ -= end - begin;
      }
      begin = end;
    }
  }
}

void WriteBatcher::RunExclusive(Ticket& ticket) {
  auto result = ticket.job(*store_);
  store_->Rollback();  // no-op unless the job left its transaction open
  std::lock_guard lock(ticket.mu);
  ticket.result = std::move(result);
}

void WriteBatcher::RunGroup(std::vector<std::shared_ptr<Ticket>>& group) {
  auto fail_all = [&](const core::Status& s) {
    for (auto& t : group) {
      std::lock_guard lock(t->mu);
      t->result = core::Err(s);
    }
  };
  if (auto s = store_->BeginWrite(); !s.ok()) return fail_all(s);
  std::vector<core::Result<WriteAnswer>> results;
  results.reserve(group.size());
  for (auto& t : group) {
    results.push_back(t->job(*store_));
    const auto& r = results.back();
    if (!r && (r.error().code() == core::Code::kIo || r.error().code() == core::Code::kInternal)) {
      store_->Rollback();
      return fail_all(r.error());
    }
  }
  if (auto s = store_->Commit(); !s.ok()) return fail_all(s);
  for (size_t i = 0; i < group.size(); ++i) {
    std::lock_guard lock(group[i]->mu);
    group[i]->result = std::move(results[i]);
  }
}

}  // namespace retain::app
