// ImportJobs: imports that run in the background, one at a time, through the
// server's single writer (WriteBatcher::SubmitExclusive), all or nothing like
// `retain import`.
//
//   ImportJobs jobs(writes, {.work_dir = "/tmp/retain-imports-1234"});
//   auto upload = jobs.NewUpload("customers.csv");  // a place for the file
//   ...write the uploaded file to upload->path...
//   auto job = jobs.Start(*upload, request);         // queued; runs in the background
//   auto now = jobs.Find(job->id);                   // queued, running, succeeded or failed
//
// Jobs are kept in memory only (the latest `max_jobs` finished ones): a
// restart forgets them, never the data they imported.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "retain/app/import_service.h"
#include "retain/app/write_batcher.h"

namespace retain::app {

enum class ImportState { kQueued, kRunning, kSucceeded, kFailed };

// "queued" | "running" | "succeeded" | "failed".
const char* ImportStateName(ImportState s);

// Why an import failed, located in the uploaded file where possible.
struct ImportFailure {
  core::Status status;  // the message names the upload by its file name, never a server path
  std::string file;     // the upload's file name when located, else ""
  int64_t line = 0;     // 1-based; 0 = not located
  int column = 0;       // 1-based; 0 = the whole row
  std::string field;    // column name, if known
};

struct ImportJob {
  std::string id;
  ImportState state = ImportState::kQueued;
  std::string preset;
  std::string file_name;  // the upload's name as the import sees it ("customers.csv")
  bool skip_bad = false;
  std::string created_at, started_at, finished_at;  // ISO 8601 UTC; "" until then
  uint64_t bytes_total = 0;                         // size of the upload
  uint64_t bytes_read = 0;
  uint64_t rows_read = 0;                // data rows read so far (updated every few thousand)
  std::optional<ImportCounts> counts;    // when succeeded
  std::optional<ImportFailure> failure;  // when failed
  std::string rejects_path;              // skip_bad: the bad rows (CSV), kept with the job
};

struct ImportJobOptions {
  std::string work_dir;    // uploads and rejects files go here (created; removed at the end)
  size_t max_jobs = 50;    // finished jobs remembered; the oldest are forgotten first
  size_t max_waiting = 8;  // jobs queued or running at once; more are refused
};

// A reserved upload: where to write the file before Start().
struct ImportUpload {
  std::string id;    // the job id it becomes
  std::string path;  // the file to write
  std::string file_name;
};

class ImportJobs {
 public:
  ImportJobs(WriteBatcher& writes, ImportJobOptions options);
  // Lets the running import finish (queued ones are dropped), then removes work_dir.
  ~ImportJobs();

  // Reserves a job id and a file named `file_name` (e.g. "orders.csv"; the
  // generic preset takes the kind of a file from its name) for an upload.
  // kFailedPrecondition when max_waiting jobs are waiting; kIo when the
  // folder cannot be made.
  core::Result<ImportUpload> NewUpload(const std::string& file_name);
  // Forgets an upload that will not be started (deletes its file).
  void Discard(const ImportUpload& upload);
  // Queues the import of the uploaded file with `request`'s preset and
  // settings (its files, rejects_path and mapping_path are replaced). Returns
  // the job as queued. kFailedPrecondition when too many jobs wait.
  core::Result<ImportJob> Start(const ImportUpload& upload, ImportRequest request);

  // A copy of the job now, or nullopt when unknown or forgotten. Thread-safe.
  std::optional<ImportJob> Find(const std::string& id) const;

 private:
  struct Entry;
  class Progress;
  void Work();
  void RunJob(Entry& e);
  void Forget();  // drops the oldest finished jobs beyond max_jobs; needs mu_

  WriteBatcher& writes_;
  ImportJobOptions options_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<Entry>> jobs_;  // oldest first
  size_t reserved_ = 0;                      // uploads not yet started
  bool stopping_ = false;
  std::thread worker_;
};

// The file name an upload of `preset` gets: for the generic preset the kind
// of file it is ("customers", "products", "orders", "order_lines",
// "returns": "customers.csv"), for the others "<preset>.csv" (kind must be
// empty). kInvalidArgument naming "preset" or "kind" otherwise.
core::Result<std::string> UploadFileName(const std::string& preset, const std::string& kind);

// Splits a located import error "NAME:LINE:COLUMN (FIELD): message" of the
// file `file_name` into its parts (unlocated errors keep line 0).
ImportFailure LocateImportFailure(const core::Status& status, const std::string& file_name);

}  // namespace retain::app
