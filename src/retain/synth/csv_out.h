// Fast CSV output: append-only formatting into a std::string and a buffered
// file that flushes it every few megabytes. No iostreams, no locale.
//
//   CsvFile f;
//   RETAIN_RETURN_IF_ERROR(f.Open("/tmp/x/orders.csv"));
//   std::string& b = f.buffer();
//   AppendCsvField(b, "Müller, Anna"); b += ','; AppendMinor(b, 12990); b += '\n';
//   RETAIN_RETURN_IF_ERROR(f.MaybeFlush());
//   RETAIN_RETURN_IF_ERROR(f.Close());
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "retain/core/date.h"
#include "retain/core/status.h"

namespace retain::synth {

// Appends `field`, quoted (with doubled inner quotes) when it contains the
// delimiter, a quote, CR or LF; as is otherwise.
void AppendCsvField(std::string& out, std::string_view field, char delimiter = ',');
// Appends the decimal digits of `value`.
void AppendInt(std::string& out, int64_t value);
// Appends `value` (>= 0) with leading zeros to at least `width` digits.
void AppendPadded(std::string& out, uint64_t value, int width);
// Appends an amount in minor units as "1234.56" (point, two decimals, "-" if negative).
void AppendMinor(std::string& out, int64_t minor);
// Appends "YYYY-MM-DD".
void AppendDay(std::string& out, core::Day day);
// Appends "YYYY-MM-DDTHH:MM:SS+hh:mm" for a local time with a known UTC offset
// (seconds since local midnight, offset in minutes east of UTC).
void AppendTimestamp(std::string& out, core::Day day, int32_t seconds, int32_t offset_minutes);

// A file written through a large in-memory buffer.
class CsvFile {
 public:
  CsvFile() = default;
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;
  ~CsvFile();  // closes without reporting errors; call Close() to see them

  // Creates or truncates `path`; kIo naming the path and the OS error if impossible.
  core::Status Open(const std::string& path);
  // The buffer to append rows to; written out by MaybeFlush/Flush/Close.
  std::string& buffer() { return buffer_; }
  // Writes the buffer out once it holds more than `threshold` bytes.
  core::Status MaybeFlush(size_t threshold = kFlushBytes) {
    return buffer_.size() >= threshold ? Flush() : core::Status::Ok();
  }
  // Writes the whole buffer out; kIo on a failed write (disk full, ...).
  core::Status Flush();
  // Flushes and closes; kIo if either fails. Safe to call twice.
  core::Status Close();

  static constexpr size_t kFlushBytes = 4 << 20;

 private:
  std::FILE* file_ = nullptr;
  std::string path_;
  std::string buffer_;
};

}  // namespace retain::synth
