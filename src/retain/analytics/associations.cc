#include "retain/analytics/associations.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "retain/core/parallel.h"

namespace retain::analytics {
namespace {

constexpr size_t kMinCustomersPerSlice = 2048;

// Calls fn(items) for every basket of customers [begin, end) ordered in
// [from, to]: the distinct non-empty item ids of one order, sorted.
template <class Fn>
void ForEachBasket(const Snapshot& s, bool by_category, core::Day from, core::Day to, size_t begin,
                   size_t end, std::vector<uint32_t>& items, const Fn& fn) {
  const auto& ids = by_category ? s.item_category : s.item_product;
  for (size_t c = begin; c < end; ++c) {
    int64_t k = s.item_offsets[c];
    const int64_t last = s.item_offsets[c + 1];
    while (k < last) {
      const uint32_t basket = s.item_basket[k];
      const core::Day day = s.item_day[k];
      items.clear();
      for (; k < last && s.item_basket[k] == basket; ++k) {
        if (ids[k] != 0) items.push_back(ids[k]);
      }
      if (day < from || day > to || items.empty()) continue;
      std::sort(items.begin(), items.end());
      items.erase(std::unique(items.begin(), items.end()), items.end());
      fn(items);
    }
  }
}

uint64_t PairKey(uint32_t a, uint32_t b) { return static_cast<uint64_t>(a) << 32 | b; }

}  // namespace

AssociationReport FindAssociations(const Snapshot& s, const AssociationOptions& o) {
  AssociationReport r;
  r.names = o.by_category ? s.categories : s.products;
  const size_t items = r.names.size(), n = s.customers();
  // Pass 1: baskets per item.
  const core::Slices slices = core::SliceRange(n, kMinCustomersPerSlice);
  std::vector<std::vector<int64_t>> counts(slices.count, std::vector<int64_t>(items, 0));
  std::vector<int64_t> baskets(slices.count, 0);
  core::ParallelForSlices(
      n,
      [&](size_t slice, size_t begin, size_t end) {
        std::vector<uint32_t> basket;
        ForEachBasket(s, o.by_category, o.from, o.to, begin, end, basket,
                      [&](const std::vector<uint32_t>& b) {
                        ++baskets[slice];
                        for (uint32_t i : b) ++counts[slice][i];
                      });
      },
      kMinCustomersPerSlice);
  r.item_baskets.assign(items, 0);
  for (size_t k = 0; k < slices.count; ++k) {
    r.baskets += baskets[k];
    for (size_t i = 0; i < items; ++i) r.item_baskets[i] += counts[k][i];
  }
  r.popular.resize(items);
  for (size_t i = 0; i < items; ++i) r.popular[i] = static_cast<uint32_t>(i);
  std::stable_sort(r.popular.begin(), r.popular.end(),
                   [&](uint32_t a, uint32_t b) { return r.item_baskets[a] > r.item_baskets[b]; });
  while (!r.popular.empty() && r.item_baskets[r.popular.back()] == 0) r.popular.pop_back();
  r.antecedent_offsets.assign(items + 1, 0);
  if (r.baskets == 0) return r;

  // Pass 2: pairs among items frequent enough on their own.
  const auto min_count = std::max<int64_t>(
      std::max<int64_t>(o.min_baskets, 1),
      static_cast<int64_t>(std::ceil(o.min_support * static_cast<double>(r.baskets) - 1e-9)));
  // Frequent items get dense numbers; with few of them the pair counts are a
  // triangular array per slice (fast), otherwise a hash map.
  constexpr uint32_t kNotFrequent = UINT32_MAX;
  constexpr size_t kDenseItems = 4096;
  std::vector<uint32_t> dense(items, kNotFrequent);
  std::vector<uint32_t> item_of;
  for (size_t i = 0; i < items; ++i) {
    if (r.item_baskets[i] >= min_count) {
      dense[i] = static_cast<uint32_t>(item_of.size());
      item_of.push_back(static_cast<uint32_t>(i));
    }
  }
  const size_t f = item_of.size();
  const bool triangle = f <= kDenseItems;
  auto cell = [](uint64_t x, uint64_t y) { return y * (y - 1) / 2 + x; };  // x < y
  std::vector<std::vector<uint32_t>> grids(triangle ? slices.count : 0);
  std::vector<std::unordered_map<uint64_t, int64_t>> pairs(triangle ? 0 : slices.count);
  core::ParallelForSlices(
      n,
      [&](size_t slice, size_t begin, size_t end) {
        std::vector<uint32_t> basket, kept;
        if (triangle) grids[slice].assign(f * (f - (f > 0)) / 2 + 1, 0);
        ForEachBasket(s, o.by_category, o.from, o.to, begin, end, basket,
                      [&](const std::vector<uint32_t>& b) {
                        kept.clear();
                        for (uint32_t i : b) {
                          if (dense[i] != kNotFrequent) kept.push_back(dense[i]);
                        }
                        for (size_t x = 0; x < kept.size(); ++x) {
                          for (size_t y = x + 1; y < kept.size(); ++y) {
                            if (triangle) {
                              ++grids[slice][cell(kept[x], kept[y])];
                            } else {
                              ++pairs[slice][PairKey(kept[x], kept[y])];
                            }
                          }
                        }
                      });
      },
      kMinCustomersPerSlice);
  const double total = static_cast<double>(r.baskets);
  auto add = [&](uint32_t a, uint32_t b, int64_t both) {
    const double confidence = static_cast<double>(both) / static_cast<double>(r.item_baskets[a]);
    if (confidence < o.min_confidence) return;
    const double lift = confidence / (static_cast<double>(r.item_baskets[b]) / total);
    r.rules.push_back({a, b, both, both / total, confidence, lift});
  };
  auto pair = [&](uint32_t x, uint32_t y, int64_t both) {  // dense numbers
    if (both < min_count) return;
    add(item_of[x], item_of[y], both);
    add(item_of[y], item_of[x], both);
  };
  if (triangle) {
    for (size_t k = 1; k < grids.size(); ++k) {
      for (size_t j = 0; j < grids[0].size(); ++j) grids[0][j] += grids[k][j];
      grids[k] = {};
    }
    for (uint32_t y = 1; y < f && !grids.empty(); ++y) {
      for (uint32_t x = 0; x < y; ++x) pair(x, y, grids[0][cell(x, y)]);
    }
  } else {
    for (size_t k = 1; k < pairs.size(); ++k) {
      for (const auto& [key, count] : pairs[k]) pairs[0][key] += count;
      pairs[k].clear();
    }
    for (size_t k = 0; k < std::min<size_t>(pairs.size(), 1); ++k) {
      for (const auto& [key, both] : pairs[k]) {
        pair(static_cast<uint32_t>(key >> 32), static_cast<uint32_t>(key), both);
      }
    }
  }
  if (o.sort_rules) {
    std::sort(r.rules.begin(), r.rules.end(),
              [](const AssociationRule& x, const AssociationRule& y) {
                if (x.lift != y.lift) return x.lift > y.lift;
                if (x.confidence != y.confidence) return x.confidence > y.confidence;
                if (x.baskets != y.baskets) return x.baskets > y.baskets;
                return std::tie(x.antecedent, x.consequent) < std::tie(y.antecedent, y.consequent);
              });
  }
  // Index by antecedent, best confidence first.
  for (const auto& rule : r.rules) ++r.antecedent_offsets[rule.antecedent + 1];
  for (size_t i = 0; i < items; ++i) r.antecedent_offsets[i + 1] += r.antecedent_offsets[i];
  r.by_antecedent.resize(r.rules.size());
  std::vector<int64_t> next(r.antecedent_offsets.begin(), r.antecedent_offsets.end() - 1);
  for (size_t k = 0; k < r.rules.size(); ++k) {
    r.by_antecedent[next[r.rules[k].antecedent]++] = static_cast<uint32_t>(k);
  }
  for (size_t i = 0; i < items; ++i) {
    std::sort(r.by_antecedent.begin() + r.antecedent_offsets[i],
              r.by_antecedent.begin() + r.antecedent_offsets[i + 1], [&](uint32_t x, uint32_t y) {
                const AssociationRule &a = r.rules[x], &b = r.rules[y];
                return a.confidence != b.confidence ? a.confidence > b.confidence
                                                    : a.consequent < b.consequent;
              });
  }
  return r;
}

namespace {

// The products customer c bought and returned up to as_of, sorted; and the
// bought ones alone.
void OwnedProducts(const Snapshot& s, size_t c, core::Day as_of, std::vector<uint32_t>& bought,
                   std::vector<uint32_t>& owned) {
  bought.clear();
  for (int64_t k = s.item_offsets[c]; k < s.item_offsets[c + 1] && s.item_day[k] <= as_of; ++k) {
    if (s.item_product[k] != 0) bought.push_back(s.item_product[k]);
  }
  std::sort(bought.begin(), bought.end());
  bought.erase(std::unique(bought.begin(), bought.end()), bought.end());
  owned = bought;
  for (int64_t k = s.return_offsets[c]; k < s.return_offsets[c + 1]; ++k) {
    if (s.return_day[k] <= as_of && s.return_product[k] != 0) owned.push_back(s.return_product[k]);
  }
  std::sort(owned.begin(), owned.end());
  owned.erase(std::unique(owned.begin(), owned.end()), owned.end());
}

// Per-thread scratch of Recommend: a slot per product.
struct Scratch {
  std::vector<int32_t> position;  // index into the candidates, -1 if none
  std::vector<uint32_t> touched;
};

// Recommendations from the rules of the bought products (unless
// popular_only), then popular products.
std::vector<Recommendation> Recommend(const AssociationReport& r,
                                      const std::vector<uint32_t>& bought,
                                      const std::vector<uint32_t>& owned, size_t k,
                                      bool popular_only, Scratch& scratch) {
  auto has = [](const std::vector<uint32_t>& v, uint32_t x) {
    return std::binary_search(v.begin(), v.end(), x);
  };
  // Per antecedent only its best rules matter for the top k.
  constexpr int64_t kRulesPerProduct = 20;
  scratch.position.resize(r.names.size(), -1);
  std::vector<Recommendation> out;
  const std::vector<uint32_t> none;
  for (uint32_t a : popular_only ? none : bought) {
    if (a + 1 >= r.antecedent_offsets.size()) continue;
    const int64_t first = r.antecedent_offsets[a];
    const int64_t last = std::min(r.antecedent_offsets[a + 1], first + kRulesPerProduct);
    for (int64_t j = first; j < last; ++j) {
      const AssociationRule& rule = r.rules[r.by_antecedent[j]];
      if (has(owned, rule.consequent)) continue;
      int32_t& at = scratch.position[rule.consequent];
      if (at < 0) {
        at = static_cast<int32_t>(out.size());
        scratch.touched.push_back(rule.consequent);
        out.push_back({rule.consequent, rule.confidence, a});
      } else if (rule.confidence > out[at].score) {
        out[at] = {rule.consequent, rule.confidence, a};
      }
    }
  }
  for (uint32_t p : scratch.touched) scratch.position[p] = -1;
  scratch.touched.clear();
  std::sort(out.begin(), out.end(), [](const Recommendation& x, const Recommendation& y) {
    return x.score != y.score ? x.score > y.score : x.product < y.product;
  });
  if (out.size() > k) out.resize(k);
  for (uint32_t p : r.popular) {
    if (out.size() >= k) break;
    if (p == 0 || has(owned, p)) continue;
    if (std::any_of(out.begin(), out.end(),
                    [&](const Recommendation& x) { return x.product == p; })) {
      continue;
    }
    out.push_back({p, 0, 0});
  }
  return out;
}

}  // namespace

std::vector<Recommendation> RecommendProducts(const Snapshot& s, const AssociationReport& r,
                                              size_t customer, core::Day as_of, size_t k) {
  std::vector<uint32_t> bought, owned;
  OwnedProducts(s, customer, as_of, bought, owned);
  Scratch scratch;
  return Recommend(r, bought, owned, k, false, scratch);
}

std::vector<std::vector<Recommendation>> RecommendForAll(const Snapshot& s,
                                                         const AssociationReport& r,
                                                         core::Day as_of, size_t k) {
  std::vector<std::vector<Recommendation>> out(s.customers());
  core::ParallelFor(
      s.customers(),
      [&](size_t begin, size_t end) {
        std::vector<uint32_t> bought, owned;
        Scratch scratch;
        for (size_t c = begin; c < end; ++c) {
          OwnedProducts(s, c, as_of, bought, owned);
          if (!bought.empty()) out[c] = Recommend(r, bought, owned, k, false, scratch);
        }
      },
      kMinCustomersPerSlice);
  return out;
}

RecommendationEvaluation EvaluateRecommendations(const Snapshot& s, core::Day holdout_from,
                                                 size_t k, const AssociationOptions& options) {
  AssociationOptions o = options;
  o.by_category = false;
  o.to = holdout_from - 1;
  o.sort_rules = false;
  const AssociationReport r = FindAssociations(s, o);
  const size_t n = s.customers();
  const core::Slices slices = core::SliceRange(n, kMinCustomersPerSlice);
  struct Tally {
    int64_t customers = 0, hits = 0, popular_hits = 0;
  };
  std::vector<Tally> tallies(slices.count);
  core::ParallelForSlices(
      n,
      [&](size_t slice, size_t begin, size_t end) {
        std::vector<uint32_t> bought, owned, later;
        Scratch scratch;
        Tally& t = tallies[slice];
        for (size_t c = begin; c < end; ++c) {
          OwnedProducts(s, c, holdout_from - 1, bought, owned);
          later.clear();
          for (int64_t j = s.item_offsets[c]; j < s.item_offsets[c + 1]; ++j) {
            if (s.item_day[j] >= holdout_from && s.item_product[j] != 0) {
              later.push_back(s.item_product[j]);
            }
          }
          if (bought.empty() || later.empty()) continue;
          std::sort(later.begin(), later.end());
          auto hit = [&](const std::vector<Recommendation>& recs) {
            return std::any_of(recs.begin(), recs.end(), [&](const Recommendation& x) {
              return std::binary_search(later.begin(), later.end(), x.product);
            });
          };
          ++t.customers;
          t.hits += hit(Recommend(r, bought, owned, k, false, scratch));
          t.popular_hits += hit(Recommend(r, bought, owned, k, true, scratch));
        }
      },
      kMinCustomersPerSlice);
  RecommendationEvaluation e;
  e.k = k;
  Tally sum;
  for (const auto& t : tallies) {
    sum.customers += t.customers;
    sum.hits += t.hits;
    sum.popular_hits += t.popular_hits;
  }
  e.customers = sum.customers;
  if (sum.customers > 0) {
    e.hit_rate = static_cast<double>(sum.hits) / sum.customers;
    e.popular_hit_rate = static_cast<double>(sum.popular_hits) / sum.customers;
  }
  return e;
}

}  // namespace retain::analytics
