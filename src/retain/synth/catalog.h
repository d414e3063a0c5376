// The synthetic retailer's product catalogue: a few hundred SKUs of fashion,
// shoes and outdoor gear in German categories, generated from the seed.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "retain/model/order.h"

namespace retain::synth {

// How a category's articles are sized.
enum class SizeKind {
  kNone,      // no size (bags, gear)
  kClothing,  // XS..XXL
  kShoe,      // 36..46
  kSock,      // 35-38 / 39-42 / 43-46
};

struct Category {
  std::string_view name;  // German, e.g. "Schuhe"
  std::string_view code;  // SKU prefix, e.g. "SCH"
  SizeKind sizing;
  double weight;            // share of lines bought in this category
  double female_factor;     // weight multiplier for female customers
  double male_factor;       // weight multiplier for male customers
  int64_t min_price_minor;  // cheapest article
  int64_t max_price_minor;  // dearest article
};
// The categories of the catalogue (fixed table).
std::span<const Category> Categories();

struct CatalogProduct {
  model::Product product;
  int category = 0;        // index into Categories()
  std::string csv_fields;  // "sku,name,category,brand" already CSV-escaped
};

class Catalog {
 public:
  // Generates `products_per_category` articles per category from `seed`.
  Catalog(uint64_t seed, int products_per_category = 30);

  // All articles, grouped by category.
  const std::vector<CatalogProduct>& products() const { return products_; }
  // Indices into products() of category `category`, sorted by ascending price.
  std::span<const int> ByPrice(int category) const { return by_price_[category]; }
  // Position within ByPrice(category) of the article whose price is nearest
  // to `target_minor`.
  size_t NearestPricePosition(int category, int64_t target_minor) const;

 private:
  std::vector<CatalogProduct> products_;
  std::vector<std::vector<int>> by_price_;
};

}  // namespace retain::synth
