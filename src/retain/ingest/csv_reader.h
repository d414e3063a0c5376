// CsvReader: streams records from a CSV (or whitespace-separated) file.
//
// Handles what shop exports throw at us: gzip (".gz", detected by content),
// a UTF-8 byte order mark, Windows-1252 text (converted to UTF-8), ',' ';' or
// tab delimiters (detected from the first line), quoted fields with "" escapes
// and line breaks, and CRLF endings. Memory stays bounded by the longest
// record, so files of any size stream.
//
//   auto reader = CsvReader::Open("orders.csv", {});
//   CsvRecord rec;
//   while (true) {
//     auto more = (*reader)->Next(rec);
//     if (!more) return more.error();   // "orders.csv:17:3: invalid UTF-8 ..."
//     if (!*more) break;
//     Use(rec.fields[0]);
//   }
#pragma once

#include <zlib.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "retain/core/status.h"

namespace retain::ingest {

using core::Result;
using core::Status;

enum class Encoding { kAuto, kUtf8, kWindows1252 };

struct CsvOptions {
  // 0 = detect from the first line (the most frequent of ',', ';', '\t').
  char delimiter = 0;
  // Fields separated by runs of spaces/tabs, no quoting (CDNOW logs).
  bool whitespace_separated = false;
  // kAuto: UTF-8 unless the file is not valid UTF-8 and has no UTF-8
  // characters before the first invalid byte; then Windows-1252.
  Encoding encoding = Encoding::kAuto;
};

struct CsvRecord {
  std::vector<std::string> fields;
  int64_t line = 0;  // physical line where the record starts (1-based)
  std::string raw;   // the record's text (UTF-8), for reject files
};

class CsvReader {
 public:
  // Opens `path` for reading. kNotFound if it does not exist, kInvalidArgument
  // for an empty file.
  static Result<std::unique_ptr<CsvReader>> Open(const std::string& path,
                                                 const CsvOptions& options);
  ~CsvReader();

  // Reads the next record into `rec`; false at end of file. Errors name
  // file:line:column (encoding, unterminated quote).
  Result<bool> Next(CsvRecord& rec);

  char delimiter() const { return delimiter_; }
  const std::string& path() const { return path_; }
  // Bytes of the underlying file consumed so far and its size (for progress).
  uint64_t bytes_done() const { return bytes_done_.load(std::memory_order_relaxed); }
  uint64_t bytes_total() const { return total_; }

 private:
  // Records read ahead by the background thread; `status` is set on the last
  // batch when reading failed, `end` when the file is done.
  struct Batch {
    std::vector<CsvRecord> records;
    size_t count = 0;
    Status status;
    bool end = false;
  };
  CsvReader() = default;
  // Reads one record on the calling thread (the reader's own parsing).
  Result<bool> NextDirect(CsvRecord& rec);
  // Background loop: fills batches until the end, an error or Stop().
  void ReadAhead();
  void StopReadAhead();
  // Appends up to one chunk to buf_; false at end of file.
  Result<bool> Fill();
  // Converts raw bytes from `from` to the end of buf_ per the encoding.
  Status Decode(size_t from);
  Status EncodingError(size_t at_offset_in_buf, const std::string& what) const;
  void DetectDelimiter();
  // Parses one record starting at pos_; false if buf_ ends before it does.
  bool ParseDelimited(CsvRecord& rec, size_t& end);
  bool ParseWhitespace(CsvRecord& rec, size_t& end);

  std::string path_;
  gzFile file_ = nullptr;
  uint64_t total_ = 0;
  bool eof_ = false;
  char delimiter_ = ',';
  bool whitespace_ = false;
  Encoding encoding_ = Encoding::kAuto;
  bool seen_non_ascii_ = false;
  std::string buf_;     // decoded UTF-8 text
  size_t pos_ = 0;      // start of the next record in buf_
  size_t decoded_ = 0;  // buf_[0, decoded_) is decoded; the rest is raw
  int64_t line_ = 1;    // line number at pos_
  std::atomic<uint64_t> bytes_done_{0};

  // Read-ahead state (used when read_ahead_ is true).
  bool read_ahead_ = false;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Batch> ready_;  // filled batches, oldest first
  std::vector<Batch> free_;  // consumed batches for reuse (keeps allocations)
  bool stop_ = false;
  Batch current_;
  size_t current_pos_ = 0;
};

}  // namespace retain::ingest
