#include "retain/ingest/csv_reader.h"

#include <pthread.h>
#include <sys/stat.h>

#include <array>
#include <filesystem>

#include "retain/core/text.h"

namespace retain::ingest {
namespace {
constexpr size_t kChunk = 1 << 20;
constexpr size_t kBatchRecords = 2048;
constexpr size_t kBatchesAhead = 4;
constexpr uint64_t kReadAheadMinBytes = 1 << 20;
}  // namespace

Result<std::unique_ptr<CsvReader>> CsvReader::Open(const std::string& path,
                                                   const CsvOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return core::Err(core::NotFound(path + ": no such file"));
  }
  std::unique_ptr<CsvReader> r(new CsvReader());
  r->path_ = path;
  r->total_ = std::filesystem::file_size(path, ec);
  r->file_ = gzopen(path.c_str(), "rb");
  if (r->file_ == nullptr) return core::Err(core::IoError(path + ": cannot open"));
  gzbuffer(r->file_, 1 << 17);
  r->whitespace_ = options.whitespace_separated;
  r->encoding_ = options.encoding;
  auto more = r->Fill();
  if (!more) return core::Err(more.error());
  if (core::HasUtf8Bom(r->buf_)) {
    r->buf_.erase(0, 3);
    r->decoded_ = r->decoded_ >= 3 ? r->decoded_ - 3 : 0;
    if (r->encoding_ == Encoding::kAuto) r->encoding_ = Encoding::kUtf8;
  }
  // A file of blank lines (or only a byte order mark) is empty too.
  while (!r->eof_ && r->buf_.find_first_not_of(" \t\r\n") == std::string::npos) {
    more = r->Fill();
    if (!more) return core::Err(more.error());
  }
  if (r->buf_.find_first_not_of(" \t\r\n") == std::string::npos) {
    return core::Err(core::InvalidArgument(path + ": the file is empty"));
  }
  r->delimiter_ = options.delimiter;
  if (r->delimiter_ == 0 && !r->whitespace_) r->DetectDelimiter();
  if (r->total_ >= kReadAheadMinBytes) {
    r->read_ahead_ = true;
    r->thread_ = std::thread([reader = r.get()] { reader->ReadAhead(); });
  }
  return r;
}

CsvReader::~CsvReader() {
  StopReadAhead();
  if (file_) gzclose(file_);
}

void CsvReader::StopReadAhead() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void CsvReader::ReadAhead() {
  pthread_setname_np(pthread_self(), "retain-read");
  for (;;) {
    Batch batch;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stop_ || ready_.size() < kBatchesAhead; });
      if (stop_) return;
      if (!free_.empty()) {
        batch = std::move(free_.back());
        free_.pop_back();
      }
    }
    batch.count = 0;
    batch.status = Status();
    batch.end = false;
    while (batch.count < kBatchRecords) {
      if (batch.records.size() == batch.count) batch.records.emplace_back();
      auto more = NextDirect(batch.records[batch.count]);
      if (!more) {
        batch.status = more.error();
        batch.end = true;
        break;
      }
      if (!*more) {
        batch.end = true;
        break;
      }
      ++batch.count;
    }
    const bool end = batch.end;
    {
      std::lock_guard<std::mutex> lock(mu_);
      ready_.push_back(std::move(batch));
    }
    cv_.notify_all();
    if (end) return;
  }
}

Result<bool> CsvReader::Next(CsvRecord& rec) {
  if (!read_ahead_) return NextDirect(rec);
  while (current_pos_ >= current_.count) {
    if (current_.end) {
      if (!current_.status.ok()) return core::Err(current_.status);
      return false;
    }
    std::unique_lock<std::mutex> lock(mu_);
    if (current_.records.capacity() > 0) free_.push_back(std::move(current_));
    cv_.notify_all();
    cv_.wait(lock, [&] { return !ready_.empty(); });
    current_ = std::move(ready_.front());
    ready_.pop_front();
    current_pos_ = 0;
    cv_.notify_all();
  }
  std::swap(rec, current_.records[current_pos_++]);
  return true;
}

void CsvReader::DetectDelimiter() {
  // The first non-blank line (Next() skips blank lines before the header too).
  size_t start = buf_.find_first_not_of("\r\n");
  if (start == std::string::npos) start = buf_.size();
  size_t eol = buf_.find('\n', start);
  if (eol == std::string::npos) eol = buf_.size();
  const std::string_view first(buf_.data() + start, eol - start);
  std::array<std::pair<char, int>, 3> counts{{{',', 0}, {';', 0}, {'\t', 0}}};
  bool quoted = false;
  for (char c : first) {
    if (c == '"') quoted = !quoted;
    for (auto& [d, n] : counts) n += (!quoted && c == d);
  }
  delimiter_ = ',';
  int best = 0;
  for (auto& [d, n] : counts) {
    if (n > best) best = n, delimiter_ = d;
  }
}

Result<bool> CsvReader::Fill() {
  if (eof_) return false;
  const size_t old = buf_.size();
  buf_.resize(old + kChunk);
  const int n = gzread(file_, buf_.data() + old, static_cast<unsigned>(kChunk));
  if (n < 0) {
    int err = 0;
    const char* msg = gzerror(file_, &err);
    buf_.resize(old);
    return core::Err(core::IoError(path_ + ": read failed: " + (msg ? msg : "unknown error") +
                                   " (corrupt gzip?)"));
  }
  buf_.resize(old + static_cast<size_t>(n));
  if (n == 0) eof_ = true;
  if (const auto off = gzoffset(file_); off >= 0) {
    bytes_done_.store(static_cast<uint64_t>(off), std::memory_order_relaxed);
  }
  if (auto s = Decode(decoded_); !s.ok()) return core::Err(s);
  return n > 0;
}

Status CsvReader::EncodingError(size_t at, const std::string& what) const {
  // Line and column of `at` relative to pos_ (whose line is known).
  int64_t line = line_;
  size_t col = 1;
  for (size_t i = pos_; i < at && i < buf_.size(); ++i) {
    if (buf_[i] == '\n') {
      ++line, col = 1;
    } else if ((static_cast<unsigned char>(buf_[i]) & 0xC0) != 0x80) {
      ++col;
    }
  }
  return core::InvalidArgument(path_ + ":" + std::to_string(line) + ":" + std::to_string(col) +
                               ": " + what);
}

Status CsvReader::Decode(size_t from) {
  if (encoding_ == Encoding::kWindows1252) {
    std::string out;
    const std::string_view raw(buf_.data() + from, buf_.size() - from);
    const size_t bad = core::AppendWindows1252AsUtf8(raw, out);
    if (bad != std::string_view::npos) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(raw[bad]));
      return EncodingError(from + bad, std::string("byte ") + hex +
                                           " is not a character in Windows-1252 (unknown "
                                           "encoding; save the file as UTF-8)");
    }
    buf_.resize(from);
    buf_ += out;
    decoded_ = buf_.size();
    return {};
  }
  // UTF-8 (or still undecided): validate; a sequence cut by the chunk end is
  // completed by the next read.
  const std::string_view raw(buf_.data() + from, buf_.size() - from);
  size_t valid = core::ValidUtf8Prefix(raw);
  if (!seen_non_ascii_) {
    for (size_t i = 0; i < valid; ++i) {
      if (static_cast<unsigned char>(raw[i]) >= 0x80) {
        seen_non_ascii_ = true;
        break;
      }
    }
  }
  if (valid == raw.size()) {
    decoded_ = buf_.size();
    return {};
  }
  const size_t tail = raw.size() - valid;
  if (!eof_ && tail < 4 && (static_cast<unsigned char>(raw[valid]) & 0xC0) == 0xC0) {
    // Possibly a character split across chunks: decide when more arrives.
    decoded_ = from + valid;
    return {};
  }
  if (encoding_ == Encoding::kAuto && !seen_non_ascii_) {
    encoding_ = Encoding::kWindows1252;
    return Decode(from);
  }
  return EncodingError(from + valid,
                       "invalid UTF-8 (the file mixes encodings; pass --encoding utf-8 or "
                       "--encoding windows-1252)");
}

Result<bool> CsvReader::NextDirect(CsvRecord& rec) {
  for (;;) {
    // Skip blank lines between records.
    while (pos_ < decoded_ && (buf_[pos_] == '\n' || buf_[pos_] == '\r')) {
      if (buf_[pos_] == '\n') ++line_;
      ++pos_;
    }
    size_t end = 0;
    bool complete = false;
    if (pos_ < decoded_) {
      complete = whitespace_ ? ParseWhitespace(rec, end) : ParseDelimited(rec, end);
    }
    if (complete) {
      rec.line = line_;
      size_t raw_end = end;
      while (raw_end > pos_ && (buf_[raw_end - 1] == '\n' || buf_[raw_end - 1] == '\r')) --raw_end;
      rec.raw.assign(buf_, pos_, raw_end - pos_);
      for (size_t i = pos_; i < end; ++i) line_ += buf_[i] == '\n';
      pos_ = end;
      return true;
    }
    // Need more data: drop consumed text, then read.
    if (pos_ > 0) {
      buf_.erase(0, pos_);
      decoded_ -= pos_;
      pos_ = 0;
    }
    const size_t before = buf_.size();
    auto more = Fill();
    if (!more) return core::Err(more.error());
    if (!*more && before == buf_.size()) {
      if (pos_ >= buf_.size()) return false;
      // Last record without a trailing newline.
      buf_.push_back('\n');
      decoded_ = buf_.size();
      size_t e = 0;
      const bool ok = whitespace_ ? ParseWhitespace(rec, e) : ParseDelimited(rec, e);
      if (!ok) {
        return core::Err(core::InvalidArgument(path_ + ":" + std::to_string(line_) +
                                               ":1: a quoted field is never closed"));
      }
      rec.line = line_;
      rec.raw.assign(buf_, pos_, e - pos_ - 1);
      while (!rec.raw.empty() && rec.raw.back() == '\r') rec.raw.pop_back();
      pos_ = e;
      return true;
    }
  }
}

bool CsvReader::ParseDelimited(CsvRecord& rec, size_t& end) {
  size_t nf = 0;
  size_t i = pos_;
  const size_t n = decoded_;
  const char d = delimiter_;
  for (;;) {
    if (nf == rec.fields.size()) rec.fields.emplace_back();
    std::string& f = rec.fields[nf++];
    f.clear();
    if (i < n && buf_[i] == '"') {
      ++i;
      for (;;) {
        const size_t q = buf_.find('"', i);
        if (q == std::string::npos || q >= n) return false;
        f.append(buf_, i, q - i);
        if (q + 1 < n && buf_[q + 1] == '"') {
          f.push_back('"');
          i = q + 2;
          continue;
        }
        if (q + 1 >= n && !eof_) return false;
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the delimiter is kept.
      while (i < n && buf_[i] != d && buf_[i] != '\n') f.push_back(buf_[i++]);
    } else {
      const size_t start = i;
      while (i < n && buf_[i] != d && buf_[i] != '\n') ++i;
      f.append(buf_, start, i - start);
    }
    if (i >= n) return false;
    if (buf_[i] == d) {
      ++i;
      continue;
    }
    // End of line.
    if (!f.empty() && f.back() == '\r') f.pop_back();
    end = i + 1;
    rec.fields.resize(nf);
    return true;
  }
}

bool CsvReader::ParseWhitespace(CsvRecord& rec, size_t& end) {
  const size_t eol = buf_.find('\n', pos_);
  if (eol == std::string::npos || eol >= decoded_) return false;
  size_t nf = 0;
  size_t i = pos_;
  while (i < eol) {
    while (i < eol && (buf_[i] == ' ' || buf_[i] == '\t' || buf_[i] == '\r')) ++i;
    if (i >= eol) break;
    const size_t start = i;
    while (i < eol && buf_[i] != ' ' && buf_[i] != '\t' && buf_[i] != '\r') ++i;
    if (nf == rec.fields.size()) rec.fields.emplace_back();
    rec.fields[nf++].assign(buf_, start, i - start);
  }
  rec.fields.resize(nf);
  end = eol + 1;
  return true;
}

}  // namespace retain::ingest
