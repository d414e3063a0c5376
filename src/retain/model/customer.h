// A customer of the shop (person or company account), as the shop knows them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "retain/core/date.h"

namespace retain::model {

enum class CustomerKind { kB2C, kB2B };

// Consent state of one channel as last imported. Empty = unknown.
enum class ConsentState { kUnknown, kGranted, kDenied };

struct ChannelConsents {
  ConsentState email = ConsentState::kUnknown;
  ConsentState sms = ConsentState::kUnknown;
  ConsentState phone = ConsentState::kUnknown;
  ConsentState letter = ConsentState::kUnknown;
};

struct Customer {
  std::string external_id;  // the shop's id; unique; required
  std::string first_name, last_name, email, phone;
  std::string street, postal_code, city;
  std::string country;  // ISO 3166-1 alpha-2 when known
  std::optional<core::Day> birth_date;
  std::string gender;    // "f", "m", "d" or empty
  std::string language;  // "de", "en", ...
  CustomerKind kind = CustomerKind::kB2C;
  std::string company;
  std::vector<std::string> tags;
  std::map<std::string, std::string> attributes;  // free key/value pairs
  ChannelConsents consents;
  std::string referral_source;
  std::optional<core::Day> created;  // sign-up date, if the shop exported it
};

const char* KindName(CustomerKind k);     // "b2c" | "b2b"
const char* ConsentName(ConsentState s);  // "" | "granted" | "denied"

}  // namespace retain::model
