// Name tables for synthetic German customers: first names by gender, last
// names, company name patterns and e-mail providers. All text is UTF-8.
#pragma once

#include <span>
#include <string_view>

namespace retain::synth {

// Common German female first names (a few hundred, all generations).
std::span<const std::string_view> FemaleFirstNames();
// Common German male first names (a few hundred, all generations).
std::span<const std::string_view> MaleFirstNames();
// Common German last names, most frequent first.
std::span<const std::string_view> LastNames();

// The part after a family name in a company name, e.g. "Sportartikel GmbH"
// (as in "Müller Sportartikel GmbH").
std::span<const std::string_view> CompanyNameSuffixes();

struct EmailProvider {
  std::string_view domain;  // e.g. "web.de"
  double weight;            // relative share among private customers
};
// Mail providers popular in Germany with their rough market shares.
std::span<const EmailProvider> EmailProviders();

}  // namespace retain::synth
