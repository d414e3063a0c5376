// JsonOut: JSON written straight into one string (RapidJSON's writer), for
// answers served often enough that building a document tree first would be
// most of their cost. Keys and values come in document order. Texts must be
// UTF-8, as every text retain stores is (the CSV reader and the JSON parser
// refuse anything else at the door); they are escaped, not re-validated.
//
//   core::JsonOut out;
//   out.StartObject();
//   out.Field("customer_id", "C1");
//   out.Field("orders", int64_t{3});
//   out.EndObject();
//   std::string text = out.Take();
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cassert>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace retain::core {

class JsonOut {
 public:
  JsonOut() : buffer_(nullptr, kInitialBytes), writer_(buffer_) {}

  void StartObject() { writer_.StartObject(); }
  void EndObject() { writer_.EndObject(); }
  void StartArray() { writer_.StartArray(); }
  void EndArray() { writer_.EndArray(); }

  // The key of the next member of the open object.
  void Key(std::string_view k) { writer_.Key(k.data(), Size(k)); }
  void String(std::string_view v) { writer_.String(v.data(), Size(v)); }
  void Int(int64_t v) { writer_.Int64(v); }
  // Finite values as the shortest text that reads back to the same double;
  // NaN and infinity (which JSON cannot carry) as null.
  void Double(double v) {
    if (!std::isfinite(v)) return Null();
    writer_.Double(v);
  }
  void Bool(bool v) { writer_.Bool(v); }
  void Null() { writer_.Null(); }

  // A member: key then value; an empty optional is null. (const char* has
  // its own overload so that it does not convert to bool.)
  void Field(std::string_view k, std::string_view v) {
    Key(k);
    String(v);
  }
  void Field(std::string_view k, const char* v) {
    Key(k);
    String(v);
  }
  void Field(std::string_view k, int64_t v) {
    Key(k);
    Int(v);
  }
  void Field(std::string_view k, int v) {
    Key(k);
    Int(v);
  }
  void Field(std::string_view k, double v) {
    Key(k);
    Double(v);
  }
  void Field(std::string_view k, bool v) {
    Key(k);
    Bool(v);
  }
  template <typename T>
  void Field(std::string_view k, const std::optional<T>& v) {
    if (v) return Field(k, *v);
    Key(k);
    Null();
  }
  void NullField(std::string_view k) {
    Key(k);
    Null();
  }

  // The finished document (every object and array closed); the writer is
  // empty afterwards.
  std::string Take() {
    assert(writer_.IsComplete() && "unfinished JSON document");
    std::string text(buffer_.GetString(), buffer_.GetSize());
    buffer_.Clear();
    writer_.Reset(buffer_);
    return text;
  }

 private:
  // One allocation holds a typical answer (a customer profile is 2 to 8 KB).
  static constexpr size_t kInitialBytes = 16 * 1024;
  static rapidjson::SizeType Size(std::string_view s) {
    return static_cast<rapidjson::SizeType>(s.size());
  }

  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

}  // namespace retain::core
