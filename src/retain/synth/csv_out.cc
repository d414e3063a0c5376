#include "retain/synth/csv_out.h"

#include <cerrno>
#include <charconv>
#include <cstring>

namespace retain::synth {
namespace {

// Appends exactly two digits of 0 <= v < 100.
inline void Append2(std::string& out, int v) {
  const char digits[2] = {static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)};
  out.append(digits, 2);
}

}  // namespace

void AppendCsvField(std::string& out, std::string_view field, char delimiter) {
  const char special[] = {delimiter, '"', '\r', '\n'};
  if (field.find_first_of(std::string_view(special, 4)) == std::string_view::npos) {
    out.append(field);
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendInt(std::string& out, int64_t value) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, res.ptr);
}

void AppendPadded(std::string& out, uint64_t value, int width) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, value);
  const int len = static_cast<int>(res.ptr - buf);
  if (len < width) out.append(static_cast<size_t>(width - len), '0');
  out.append(buf, res.ptr);
}

void AppendMinor(std::string& out, int64_t minor) {
  uint64_t magnitude = static_cast<uint64_t>(minor);
  if (minor < 0) {
    out += '-';
    magnitude = 0 - magnitude;
  }
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, magnitude / 100);
  out.append(buf, res.ptr);
  out += '.';
  Append2(out, static_cast<int>(magnitude % 100));
}

void AppendDay(std::string& out, core::Day day) {
  const core::CivilDate c = core::CivilFromDay(day);
  AppendPadded(out, static_cast<uint64_t>(c.year), 4);
  out += '-';
  Append2(out, c.month);
  out += '-';
  Append2(out, c.day);
}

void AppendTimestamp(std::string& out, core::Day day, int32_t seconds, int32_t offset_minutes) {
  AppendDay(out, day);
  out += 'T';
  Append2(out, seconds / 3600);
  out += ':';
  Append2(out, seconds / 60 % 60);
  out += ':';
  Append2(out, seconds % 60);
  if (offset_minutes == 0) {
    out += 'Z';
    return;
  }
  out += offset_minutes < 0 ? '-' : '+';
  const int magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  Append2(out, magnitude / 60);
  out += ':';
  Append2(out, magnitude % 60);
}

CsvFile::~CsvFile() {
  if (file_ != nullptr) std::fclose(file_);
}

core::Status CsvFile::Open(const std::string& path) {
  path_ = path;
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) {
    return core::IoError("cannot create " + path + ": " + std::strerror(errno));
  }
  buffer_.reserve(kFlushBytes + (kFlushBytes >> 2));
  return core::Status::Ok();
}

core::Status CsvFile::Flush() {
  if (file_ == nullptr) return core::Internal("write to closed file " + path_);
  if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    return core::IoError("cannot write " + path_ + ": " + std::strerror(errno));
  }
  buffer_.clear();
  return core::Status::Ok();
}

core::Status CsvFile::Close() {
  if (file_ == nullptr) return core::Status::Ok();
  core::Status status = Flush();
  if (std::fclose(file_) != 0 && status.ok()) {
    status = core::IoError("cannot close " + path_ + ": " + std::strerror(errno));
  }
  file_ = nullptr;
  return status;
}

}  // namespace retain::synth
