#include "retain/synth/catalog.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "retain/synth/csv_out.h"
#include "retain/synth/random.h"

namespace retain::synth {
namespace {

constexpr uint64_t kCatalogStream = 0xCA7A10607ULL;

constexpr Category kCategories[] = {
    // name, code, sizing, weight, female, male, min, max price (cents)
    {"Schuhe", "SCH", SizeKind::kShoe, 17, 1.0, 1.0, 2995, 21995},
    {"Hosen", "HOS", SizeKind::kClothing, 11, 1.0, 1.1, 2495, 14995},
    {"Jacken", "JAC", SizeKind::kClothing, 8, 1.0, 1.1, 4995, 39995},
    {"Kleider", "KLE", SizeKind::kClothing, 7, 1.6, 0.02, 2995, 17995},
    {"Hemden", "HEM", SizeKind::kClothing, 7, 0.8, 1.4, 1995, 8995},
    {"Pullover", "PUL", SizeKind::kClothing, 8, 1.0, 1.0, 2495, 14995},
    {"T-Shirts", "TSH", SizeKind::kClothing, 11, 1.0, 1.1, 995, 4995},
    {"Sportbekleidung", "SPO", SizeKind::kClothing, 9, 1.0, 1.1, 1495, 11995},
    {"Outdoor", "OUT", SizeKind::kNone, 6, 0.8, 1.3, 995, 44995},
    {"Accessoires", "ACC", SizeKind::kNone, 7, 1.2, 0.8, 795, 7995},
    {"Taschen", "TAS", SizeKind::kNone, 4, 1.5, 0.6, 1495, 24995},
    {"Socken & Wäsche", "SOC", SizeKind::kSock, 8, 1.0, 1.0, 495, 2995},
};

// Article names per category, in the order of kCategories.
constexpr std::string_view kItems[][14] = {
    {"Sneaker", "Laufschuh", "Wanderschuh", "Stiefelette", "Halbschuh", "Ballerina", "Sandale",
     "Chelsea Boot", "Winterstiefel", "Trailrunningschuh", "Slipper", "Hausschuh", "Bergstiefel",
     "Schnürschuh"},
    {"Jeans", "Chino", "Stoffhose", "Cargohose", "Jogginghose", "Shorts", "Wanderhose", "Leggings",
     "Cordhose", "Culotte", "Zip-Off-Hose", "Bundfaltenhose", "Skihose", "Bermuda"},
    {"Regenjacke", "Daunenjacke", "Softshelljacke", "Fleecejacke", "Steppjacke", "Lederjacke",
     "Jeansjacke", "Parka", "Windbreaker", "Blazer", "Wintermantel", "Trenchcoat", "Weste",
     "Hardshelljacke"},
    {"Sommerkleid", "Midikleid", "Maxikleid", "Strickkleid", "Blusenkleid", "Jerseykleid",
     "Etuikleid", "Hemdblusenkleid", "Abendkleid", "Wickelkleid", "Dirndl", "Minikleid",
     "Trägerkleid", "Leinenkleid"},
    {"Oxfordhemd", "Leinenhemd", "Flanellhemd", "Businesshemd", "Jeanshemd", "Bluse", "Karohemd",
     "Poloshirt", "Kurzarmhemd", "Trachtenhemd", "Schluppenbluse", "Tunika", "Overshirt",
     "Outdoorhemd"},
    {"Strickpullover", "Hoodie", "Sweatshirt", "Rollkragenpullover", "Cardigan", "Troyer",
     "Kaschmirpullover", "Zip-Pullover", "Fleecepullover", "Norwegerpullover", "Pullunder",
     "Strickjacke", "Sweatjacke", "Grobstrickpullover"},
    {"T-Shirt", "Longsleeve", "Tanktop", "Funktionsshirt", "Basic-Shirt", "Printshirt",
     "Henley-Shirt", "V-Shirt", "Oversize-Shirt", "Ringelshirt", "Merinoshirt", "Top", "Rugbyshirt",
     "Raglanshirt"},
    {"Laufshirt", "Lauftights", "Sport-BH", "Trainingsjacke", "Radhose", "Yogahose",
     "Trainingshose", "Kompressionsshirt", "Laufjacke", "Radtrikot", "Skiunterwäsche", "Tennisrock",
     "Fußballtrikot", "Badeanzug"},
    {"Trekkingrucksack", "Zelt", "Schlafsack", "Isomatte", "Trekkingstöcke", "Stirnlampe",
     "Trinkflasche", "Gaskocher", "Regenponcho", "Tagesrucksack", "Hängematte", "Thermoskanne",
     "Biwaksack", "Klettersteigset"},
    {"Mütze", "Schal", "Handschuhe", "Gürtel", "Cap", "Sonnenbrille", "Stirnband", "Halstuch",
     "Portemonnaie", "Regenschirm", "Sonnenhut", "Krawatte", "Loop-Schal", "Schlüsselanhänger"},
    {"Umhängetasche", "Shopper", "Handtasche", "Sporttasche", "Reisetasche", "Laptoptasche 15,6\"",
     "Gürteltasche", "Clutch", "Weekender", "Kulturbeutel", "Rucksack", "Jutebeutel", "Trolley",
     "Bauchtasche"},
    {"Socken 3er-Pack", "Wandersocken", "Laufsocken", "Sneakersocken 5er-Pack", "Kniestrümpfe",
     "Strumpfhose", "Boxershorts 2er-Pack", "Unterhemd", "Slip 3er-Pack", "Skisocken",
     "Thermosocken", "Merinosocken", "Bustier", "Pyjama"},
};

constexpr std::string_view kModels[] = {
    "Classic",   "Urban",   "Alpin",   "Nordkap",  "Comfort", "Active",    "Basic",
    "Premium",   "Sylt",    "Allgäu",  "Harz",     "Eiger",   "Zugspitze", "Elbe",
    "Isar",      "Nordsee", "Lofoten", "Dolomit",  "Tirol",   "Essential", "Relaxed",
    "Slim",      "Regular", "Light",   "Pro",      "Eco",     "Retro",     "Wattenmeer",
    "Spreewald", "Rhön",    "Eifel",   "Watzmann", "Brocken", "Feldberg",  "Rügen",
};

constexpr std::string_view kBrands[] = {
    "Nordwand",    "Bergfex",    "Isarblau",  "Elbstrand",     "Hanse Denim",
    "Küstenwind",  "Waldläufer", "Stadtkind", "Alpenglühen",   "Rheinwerk",
    "Fjellgut",    "Lodenhof",   "Laufwerk",  "Schrittmacher", "Sohlenglück",
    "Wolkenweich", "Grünzeug",   "Kleiderei", "Taschenwerk",   "Gipfelstürmer",
};

std::string CsvFragment(const model::Product& p) {
  std::string out;
  AppendCsvField(out, p.sku);
  out += ',';
  AppendCsvField(out, p.name);
  out += ',';
  AppendCsvField(out, p.category);
  out += ',';
  AppendCsvField(out, p.brand);
  return out;
}

// A shop price near `minor`: whole euros ending in ,95 / ,99 / ,90.
int64_t ShopPrice(double minor, Rng& rng) {
  int64_t euros = static_cast<int64_t>(minor / 100.0);
  if (euros < 1) euros = 1;
  const double u = rng.Uniform();
  const int cents = u < 0.6 ? 95 : (u < 0.85 ? 99 : 90);
  return euros * 100 + cents;
}

}  // namespace

std::span<const Category> Categories() { return kCategories; }

Catalog::Catalog(uint64_t seed, int products_per_category) {
  Rng rng(MixSeed(seed, kCatalogStream, 0));
  const int n_categories = static_cast<int>(std::size(kCategories));
  by_price_.resize(n_categories);
  for (int c = 0; c < n_categories; ++c) {
    const Category& cat = kCategories[c];
    // Each category draws from a handful of brands.
    const size_t brand_offset = rng.UniformInt(0, std::size(kBrands) - 1);
    std::set<std::string> names;
    for (int i = 0; i < products_per_category; ++i) {
      CatalogProduct cp;
      cp.category = c;
      std::string name;
      for (int attempt = 0; attempt < 20; ++attempt) {
        name = std::string(kItems[c][rng.UniformInt(0, std::size(kItems[c]) - 1)]) + " " +
               std::string(kModels[rng.UniformInt(0, std::size(kModels) - 1)]);
        if (names.insert(name).second) break;
      }
      cp.product.name = name;
      cp.product.sku = std::string(cat.code) + "-" + std::to_string(1001 + i);
      cp.product.category = std::string(cat.name);
      cp.product.brand =
          std::string(kBrands[(brand_offset + rng.UniformInt(0, 4)) % std::size(kBrands)]);
      // Log-uniform prices between the category's bounds.
      const double lo = std::log(static_cast<double>(cat.min_price_minor));
      const double hi = std::log(static_cast<double>(cat.max_price_minor));
      cp.product.price_minor = ShopPrice(std::exp(lo + (hi - lo) * rng.Uniform()), rng);
      cp.csv_fields = CsvFragment(cp.product);
      by_price_[c].push_back(static_cast<int>(products_.size()));
      products_.push_back(std::move(cp));
    }
    std::stable_sort(by_price_[c].begin(), by_price_[c].end(), [this](int a, int b) {
      return products_[a].product.price_minor < products_[b].product.price_minor;
    });
  }
}

size_t Catalog::NearestPricePosition(int category, int64_t target_minor) const {
  const std::vector<int>& ids = by_price_[category];
  const auto it = std::lower_bound(ids.begin(), ids.end(), target_minor, [this](int id, int64_t v) {
    return products_[id].product.price_minor < v;
  });
  const size_t pos = static_cast<size_t>(it - ids.begin());
  if (pos == ids.size()) return pos - 1;
  if (pos == 0) return 0;
  const int64_t above = products_[ids[pos]].product.price_minor - target_minor;
  const int64_t below = target_minor - products_[ids[pos - 1]].product.price_minor;
  return above < below ? pos : pos - 1;
}

}  // namespace retain::synth
