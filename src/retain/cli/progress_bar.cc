#include "retain/cli/progress_bar.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace retain::cli {

ProgressBar::ProgressBar(uint64_t min_bytes)
    : tty_(isatty(STDERR_FILENO) != 0), min_bytes_(min_bytes) {}

void ProgressBar::Update(const std::string& file, uint64_t done, uint64_t total, uint64_t) {
  if (!tty_ || total < min_bytes_) return;
  const auto now = std::chrono::steady_clock::now();
  if (file != file_) {
    file_ = file;
    start_ = now;
  }
  if (drawn_ && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  drawn_ = true;
  const double frac = total ? std::min(1.0, static_cast<double>(done) / total) : 0;
  const int width = 30;
  const int filled = static_cast<int>(frac * width);
  const double secs = std::chrono::duration<double>(now - start_).count();
  const double mb_s = secs > 0 ? done / 1e6 / secs : 0;
  std::string bar(filled, '#');
  bar.resize(width, '.');
  std::fprintf(stderr, "\r%s [%s] %3.0f%% %.1f MB/s ",
               std::filesystem::path(file).filename().c_str(), bar.c_str(), frac * 100, mb_s);
  std::fflush(stderr);
}

void ProgressBar::Done(const std::string&) {
  if (drawn_) std::fprintf(stderr, "\n");
  drawn_ = false;
  file_.clear();
}

std::function<void(int64_t, int64_t)> CountProgress(const std::string& what) {
  if (!isatty(STDERR_FILENO)) return {};
  return [what](int64_t done, int64_t total) {
    const int width = 30;
    const int filled = total > 0 ? static_cast<int>(width * done / total) : width;
    std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] "
              << done << "/" << total << " " << what << (done == total ? "\n" : "") << std::flush;
  };
}

}  // namespace retain::cli
