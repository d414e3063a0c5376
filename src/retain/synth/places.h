// Place tables for synthetic German customers: cities with real postal codes
// and phone area codes, street names, and the retailer's stores.
#pragma once

#include <span>
#include <string_view>

namespace retain::synth {

struct Place {
  std::string_view city;         // e.g. "München" (UTF-8)
  std::string_view postal_code;  // 5 digits, e.g. "80331"
  std::string_view area_code;    // without the leading 0, e.g. "89"
  double weight;                 // share of inhabitants (thousands) living under this code
};
// City/postal-code pairs, weighted by population; the weights of one city's
// codes add up to roughly its population in thousands.
std::span<const Place> Places();

// Common German street names ("Hauptstraße", "Am Markt", ...).
std::span<const std::string_view> StreetNames();

struct Store {
  std::string_view id;    // store_id written to orders.csv, e.g. "S03"
  std::string_view city;  // the city it is in (matches Place::city)
};
// The retailer's shops, 7 of them in large cities.
std::span<const Store> Stores();

// Index into Stores() of the store nearest to a customer with `postal_code`
// (decided by the postal zone, its first digit).
size_t NearestStore(std::string_view postal_code);

}  // namespace retain::synth
