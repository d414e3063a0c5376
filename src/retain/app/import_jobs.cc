#include "retain/app/import_jobs.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "retain/core/date.h"
#include "retain/ingest/preset.h"

namespace retain::app {
namespace {

namespace fs = std::filesystem;

std::string NewJobId() {
  static std::mutex mu;
  static std::mt19937_64 rng{std::random_device{}()};
  std::lock_guard lock(mu);
  char buf[24];
  std::snprintf(buf, sizeof buf, "imp-%016llx", static_cast<unsigned long long>(rng()));
  return buf;
}

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

// Parses the decimal number at s[pos..] and moves pos past it.
template <typename T>
bool ParseNumber(std::string_view s, size_t& pos, T& out) {
  auto [p, ec] = std::from_chars(s.data() + pos, s.data() + s.size(), out);
  if (ec != std::errc() || p == s.data() + pos) return false;
  pos = static_cast<size_t>(p - s.data());
  return true;
}

// Rewrites the server's path of the upload in the rejects file to its name.
void NameUploadInRejects(const std::string& rejects, const std::string& path,
                         const std::string& name) {
  std::ifstream in(rejects, std::ios::binary);
  if (!in) return;
  std::stringstream text;
  text << in.rdbuf();
  in.close();
  std::string s = text.str();
  ReplaceAll(s, "\"" + path + "\"", "\"" + name + "\"");
  std::ofstream out(rejects, std::ios::binary | std::ios::trunc);
  out << s;
}

}  // namespace

struct ImportJobs::Entry {
  ImportJob job;
  ImportRequest request;
  std::string dir, upload_path;
};

// Copies the reader's progress into the job.
class ImportJobs::Progress final : public ingest::ProgressListener {
 public:
  Progress(ImportJobs& jobs, Entry& e) : jobs_(jobs), e_(e) {}
  void Update(const std::string&, uint64_t done, uint64_t, uint64_t rows) override {
    std::lock_guard lock(jobs_.mu_);
    e_.job.bytes_read = done;
    e_.job.rows_read = rows;
  }
  void Done(const std::string&) override {}

 private:
  ImportJobs& jobs_;
  Entry& e_;
};

const char* ImportStateName(ImportState s) {
  switch (s) {
    case ImportState::kQueued:
      return "queued";
    case ImportState::kRunning:
      return "running";
    case ImportState::kSucceeded:
      return "succeeded";
    default:
      return "failed";
  }
}

core::Result<std::string> UploadFileName(const std::string& preset, const std::string& kind) {
  auto known = ingest::MakePreset(preset);
  if (!known) return core::Err(core::InvalidArgument("preset: " + known.error().message()));
  if (preset != "generic") {
    if (!kind.empty()) {
      return core::Err(core::InvalidArgument("kind: only the generic preset has kinds of file"));
    }
    return preset + ".csv";
  }
  static const char* kKinds[] = {"customers", "products", "orders", "order_lines", "returns"};
  for (const char* k : kKinds) {
    if (kind == k) return kind + ".csv";
  }
  return core::Err(core::InvalidArgument(
      "kind: " + std::string(kind.empty() ? "is required" : "'" + kind + "' is not known") +
      " for the generic preset (customers, products, orders, order_lines, returns)"));
}

ImportFailure LocateImportFailure(const core::Status& status, const std::string& file_name) {
  ImportFailure f{status, "", 0, 0, ""};
  const std::string_view m = status.message();
  if (m.rfind(file_name + ":", 0) != 0) return f;
  size_t pos = file_name.size() + 1;
  int64_t line = 0;
  int column = 0;
  if (!ParseNumber(m, pos, line) || pos >= m.size() || m[pos] != ':') return f;
  ++pos;
  if (!ParseNumber(m, pos, column)) return f;
  std::string field;
  if (m.substr(pos, 2) == " (") {
    const size_t close = m.find("):", pos);
    if (close == std::string_view::npos) return f;
    field = std::string(m.substr(pos + 2, close - pos - 2));
  }
  f.file = file_name;
  f.line = line;
  f.column = column;
  f.field = std::move(field);
  return f;
}

ImportJobs::ImportJobs(WriteBatcher& writes, ImportJobOptions options)
    : writes_(writes), options_(std::move(options)) {
  worker_ = std::thread([this] { Work(); });
}

ImportJobs::~ImportJobs() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
  std::error_code ec;
  fs::remove_all(options_.work_dir, ec);
}

core::Result<ImportUpload> ImportJobs::NewUpload(const std::string& file_name) {
  if (file_name.empty() || file_name.find('/') != std::string::npos || file_name[0] == '.') {
    return core::Err(core::InvalidArgument("'" + file_name + "' is not a plain file name"));
  }
  ImportUpload u{NewJobId(), "", file_name};
  {
    std::lock_guard lock(mu_);
    size_t waiting = reserved_;
    for (const auto& e : jobs_) {
      waiting += e->job.state == ImportState::kQueued || e->job.state == ImportState::kRunning;
    }
    if (stopping_) return core::Err(core::FailedPrecondition("the server is shutting down"));
    if (waiting >= options_.max_waiting) {
      return core::Err(core::FailedPrecondition(
          std::to_string(waiting) + " imports are waiting or running; try again when one is done"));
    }
    ++reserved_;
  }
  const fs::path dir = fs::path(options_.work_dir) / u.id;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    std::lock_guard lock(mu_);
    --reserved_;
    return core::Err(core::IoError("cannot create " + dir.string() + ": " + ec.message()));
  }
  u.path = (dir / file_name).string();
  return u;
}

void ImportJobs::Discard(const ImportUpload& upload) {
  std::error_code ec;
  fs::remove_all(fs::path(upload.path).parent_path(), ec);
  std::lock_guard lock(mu_);
  --reserved_;
}

core::Result<ImportJob> ImportJobs::Start(const ImportUpload& upload, ImportRequest request) {
  auto e = std::make_shared<Entry>();
  e->dir = fs::path(upload.path).parent_path().string();
  e->upload_path = upload.path;
  request.files = {upload.path};
  request.mapping_path.clear();
  request.rejects_path = request.skip_bad ? (fs::path(e->dir) / "rejects.csv").string() : "";
  e->request = std::move(request);
  auto& j = e->job;
  j.id = upload.id;
  j.preset = e->request.preset;
  j.file_name = upload.file_name;
  j.skip_bad = e->request.skip_bad;
  j.created_at = core::UtcNowIso();
  std::error_code ec;
  j.bytes_total = fs::file_size(upload.path, ec);
  if (ec) j.bytes_total = 0;
  ImportJob copy;
  {
    std::lock_guard lock(mu_);
    --reserved_;
    if (stopping_) return core::Err(core::FailedPrecondition("the server is shutting down"));
    jobs_.push_back(e);
    Forget();
    copy = e->job;
  }
  wake_.notify_all();
  return copy;
}

std::optional<ImportJob> ImportJobs::Find(const std::string& id) const {
  std::lock_guard lock(mu_);
  for (const auto& e : jobs_) {
    if (e->job.id == id) return e->job;
  }
  return std::nullopt;
}

void ImportJobs::Forget() {
  size_t finished = 0;
  for (const auto& e : jobs_) {
    finished += e->job.state == ImportState::kSucceeded || e->job.state == ImportState::kFailed;
  }
  for (auto it = jobs_.begin(); it != jobs_.end() && finished > options_.max_jobs;) {
    const auto state = (*it)->job.state;
    if (state != ImportState::kSucceeded && state != ImportState::kFailed) {
      ++it;
      continue;
    }
    std::error_code ec;
    fs::remove_all((*it)->dir, ec);
    it = jobs_.erase(it);
    --finished;
  }
}

void ImportJobs::Work() {
  for (;;) {
    std::shared_ptr<Entry> next;
    {
      std::unique_lock lock(mu_);
      auto queued = [&] {
        for (const auto& e : jobs_) {
          if (e->job.state == ImportState::kQueued) return e;
        }
        return std::shared_ptr<Entry>();
      };
      wake_.wait(lock, [&] { return stopping_ || queued() != nullptr; });
      if (stopping_) return;
      next = queued();
    }
    RunJob(*next);
  }
}

void ImportJobs::RunJob(Entry& e) {
  Progress progress(*this, e);
  ImportCounts counts;
  auto answer = writes_.SubmitExclusive([&](storage::Store& store) -> core::Result<WriteAnswer> {
    {
      std::lock_guard lock(mu_);
      e.job.state = ImportState::kRunning;
      e.job.started_at = core::UtcNowIso();
    }
    auto done = RunImport(store, e.request, &progress);
    if (!done) return core::Err(done.error());
    counts = *done;
    return WriteAnswer{};
  });
  std::error_code ec;
  fs::remove(e.upload_path, ec);
  if (!e.request.rejects_path.empty()) {
    NameUploadInRejects(e.request.rejects_path, e.upload_path, e.job.file_name);
  }
  std::lock_guard lock(mu_);
  e.job.finished_at = core::UtcNowIso();
  if (answer) {
    e.job.state = ImportState::kSucceeded;
    e.job.bytes_read = e.job.bytes_total;
    e.job.counts = counts;
    if (counts.rows_rejected > 0) e.job.rejects_path = e.request.rejects_path;
  } else {
    std::string message = answer.error().message();
    ReplaceAll(message, e.upload_path, e.job.file_name);
    e.job.state = ImportState::kFailed;
    e.job.failure =
        LocateImportFailure(core::Status(answer.error().code(), message), e.job.file_name);
  }
  Forget();
}

}  // namespace retain::app
