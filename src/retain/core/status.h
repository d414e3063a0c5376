// Status and Result: errors as values.
//
// Every operation a user can make fail (bad input, missing record, I/O) returns
// a Status or a Result<T> carrying a Code and a message a person can act on.
// The edges (cli/, later api/) map codes to exit codes and HTTP statuses; no
// other layer does.
//
//   Result<Day> d = ParseDate("2024-03-01");
//   if (!d) return d.error();
//   Use(*d);
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace retain::core {

// Which code to pick:
//  kInvalidArgument     the input itself is wrong (bad date, unknown option).
//  kNotFound            a referenced thing does not exist (customer id).
//  kFailedPrecondition  the system is in the wrong state (database newer than program).
//  kAlreadyExists       what should be created exists already, with other content.
//  kIo                  the operating system or database failed (disk, permissions).
//  kInternal            a bug; should never reach a user.
enum class Code {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kFailedPrecondition,
  kIo,
  kInternal,
  kAlreadyExists
};

class Status {
 public:
  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "prefix: message" (context for the reader).
  Status WithPrefix(const std::string& prefix) const {
    return ok() ? *this : Status(code_, prefix + ": " + message_);
  }

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
inline Status FailedPrecondition(std::string m) {
  return {Code::kFailedPrecondition, std::move(m)};
}
inline Status AlreadyExists(std::string m) { return {Code::kAlreadyExists, std::move(m)}; }
inline Status IoError(std::string m) { return {Code::kIo, std::move(m)}; }
inline Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }

// A value or the Status explaining why there is none. Never holds an ok Status.
template <class T>
using Result = std::expected<T, Status>;

// Shorthand for returning an error from a function that returns Result<T>.
inline std::unexpected<Status> Err(Status s) { return std::unexpected<Status>(std::move(s)); }

}  // namespace retain::core

// Returns early from the enclosing function when `expr` (a Status) is not ok.
#define RETAIN_RETURN_IF_ERROR(expr)                \
  do {                                              \
    ::retain::core::Status _st = (expr);            \
    if (!_st.ok()) return ::retain::core::Err(_st); \
  } while (0)
