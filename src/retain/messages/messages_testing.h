// Test helpers for the messages layer: template data sets, a scratch
// folder, and decoders for what an email encodes (quoted-printable,
// RFC 2047 encoded words, folded headers).
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "retain/messages/objection_notice.h"

namespace retain::messages::testing {

// Every field the templates know, filled in as the planner would.
inline nlohmann::json FullData(std::string_view variant) {
  return {
      {"customer",
       {{"salutation", "Frau"},
        {"first_name", "Anna"},
        {"last_name", "Müller"},
        {"name", "Anna Müller"},
        {"company", "Müller & Söhne GmbH"}}},
      {"shop",
       {{"name", "Schuhhaus Becker"},
        {"url", "https://schuhhaus-becker.example"},
        {"address", "Hauptstraße 12, 79098 Freiburg"},
        {"sender_name", "Julia Becker"}}},
      {"last_purchase", {{"date", "3. März 2026"}, {"order_id", "B-10442"}, {"amount", "89,90 €"}}},
      {"favourite_category", "Laufschuhe"},
      {"recommendations",
       {{{"name", "Trailrunner Pro"}, {"sku", "TR-200"}, {"url", "https://s.example/tr-200"}},
        {{"name", "Laufsocken Merino"}, {"sku", "LS-7"}}}},
      {"loyalty",
       {{"member", true},
        {"tier", "Gold"},
        {"points_available", 1240},
        {"points_expiring", 300},
        {"expiry_date", "31. März 2026"}}},
      {"offer", {{"kind", "voucher"}, {"value_text", "10 €"}, {"voucher_code", "DANKE-7K2Q"}}},
      {"reason", variant == "en" ? "Your delivery will be a few days late."
                                 : "Ihre Lieferung verzögert sich um einige Tage."},
      {"subject", "Gold"},
      {"event", {{"name", "Sommerabend im Laden"}, {"date", "12. Juni 2026"}}},
      {"feedback_url", "https://schuhhaus-becker.example/bewertung/B-10442"},
      {"unsubscribe_url", "https://schuhhaus-becker.example/abmelden/Zk3q"},
      {"objection_notice", ObjectionNotice(variant)},
      {"figures", {12, 30}},
      {"channel", {{"email", true}}},
  };
}

// Only what an advertising email cannot do without.
inline nlohmann::json MinimalData(std::string_view variant) {
  return {{"unsubscribe_url", "https://shop.example/u/1"},
          {"objection_notice", ObjectionNotice(variant)},
          {"channel", {{"email", true}}}};
}

// `data` (an email's) for another channel ("letter", "sms", "phone"), as
// the composer gives it: the channel named, no objection notice (it is
// about the email address).
inline nlohmann::json OnChannel(nlohmann::json data, std::string_view channel) {
  data["channel"] = {{std::string(channel), true}};
  if (channel != "email") data["objection_notice"] = "";
  return data;
}

// A fresh folder under the system's temporary folder, removed at the end.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "retain-messages-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data()) ? pattern : "";
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  // Writes `text` to `relative` (folders created as needed); returns the full path.
  std::string Write(const std::string& relative, std::string_view text) const {
    const std::filesystem::path p = std::filesystem::path(path_) / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }

 private:
  std::string path_;
};

inline int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Quoted-printable text back to bytes (hard line breaks stay CRLF).
inline std::string DecodeQuotedPrintable(std::string_view qp) {
  std::string out;
  for (size_t i = 0; i < qp.size(); ++i) {
    if (qp[i] != '=') {
      out += qp[i];
    } else if (qp.substr(i + 1, 2) == "\r\n") {
      i += 2;  // soft line break
    } else if (i + 2 < qp.size() && HexValue(qp[i + 1]) >= 0 && HexValue(qp[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(qp[i + 1]) * 16 + HexValue(qp[i + 2]));
      i += 2;
    } else {
      out += qp[i];
    }
  }
  return out;
}

inline std::string DecodeBase64(std::string_view b64) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : b64) {
    const size_t v = kAlphabet.find(c);
    if (v == std::string_view::npos) continue;
    bits = (bits << 6) | static_cast<uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

// Header text with RFC 2047 "=?UTF-8?B?...?=" words decoded (white space
// between two encoded words dropped, as RFC 2047 6.2 says, including a
// fold: CRLF followed by white space).
inline std::string DecodeHeaderText(std::string_view text) {
  std::string out;
  bool after_word = false;
  size_t i = 0;
  while (i < text.size()) {
    if (text.substr(i, 10) == "=?UTF-8?B?") {
      const size_t end = text.find("?=", i + 10);
      out += DecodeBase64(text.substr(i + 10, end - i - 10));
      i = end + 2;
      after_word = true;
      continue;
    }
    const size_t ws_end = text.find_first_not_of(" \t\r\n", i);
    if (after_word && ws_end != std::string_view::npos && ws_end > i &&
        text.substr(ws_end, 10) == "=?UTF-8?B?") {
      i = ws_end;
      continue;
    }
    out += text[i++];
    after_word = false;
  }
  return out;
}

// The value of header `name` in an email (unfolded; "" when missing).
inline std::string HeaderValue(std::string_view email, std::string_view name) {
  std::string unfolded;
  const std::string_view head = email.substr(0, email.find("\r\n\r\n"));
  for (size_t i = 0; i < head.size(); ++i) {
    if (head.substr(i, 2) == "\r\n" && i + 2 < head.size() &&
        (head[i + 2] == ' ' || head[i + 2] == '\t')) {
      ++i;  // the CRLF of a fold goes, the white space stays
      continue;
    }
    unfolded += head[i];
  }
  const std::string prefix = std::string(name) + ": ";
  for (size_t pos = 0; pos < unfolded.size();) {
    const size_t end = unfolded.find("\r\n", pos);
    const std::string_view line =
        std::string_view(unfolded).substr(pos, end == std::string::npos ? end : end - pos);
    if (line.starts_with(prefix)) return std::string(line.substr(prefix.size()));
    if (end == std::string::npos) break;
    pos = end + 2;
  }
  return "";
}

// The body of an email (after the empty line).
inline std::string BodyOf(std::string_view email) {
  const size_t at = email.find("\r\n\r\n");
  return at == std::string_view::npos ? "" : std::string(email.substr(at + 4));
}

}  // namespace retain::messages::testing
