// A progress bar on stderr for long imports, drawn only on a terminal and only
// for files larger than a threshold.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "retain/ingest/import_context.h"

namespace retain::cli {

class ProgressBar final : public ingest::ProgressListener {
 public:
  // Draws when stderr is a terminal and the file is at least `min_bytes`.
  explicit ProgressBar(uint64_t min_bytes = 4 << 20);
  void Update(const std::string& file, uint64_t done, uint64_t total, uint64_t rows) override;
  void Done(const std::string& file) override;

 private:
  bool tty_;
  uint64_t min_bytes_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
  std::string file_;
};

// A bar counting `what` ("members", "contacts") for long jobs: called with
// (done, total); draws on stderr only when it is a terminal, else does nothing.
std::function<void(int64_t, int64_t)> CountProgress(const std::string& what);

}  // namespace retain::cli
