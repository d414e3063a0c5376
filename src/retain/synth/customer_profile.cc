#include "retain/synth/customer_profile.h"

#include <array>
#include <cmath>

#include "retain/synth/names.h"

namespace retain::synth {
namespace {

template <size_t N>
std::string_view PickOne(Rng& rng, const std::array<std::string_view, N>& items) {
  return items[rng.UniformInt(0, N - 1)];
}
std::string_view PickOne(Rng& rng, std::span<const std::string_view> items) {
  return items[rng.UniformInt(0, static_cast<int64_t>(items.size()) - 1)];
}

const WeightedTable& PlaceTable() {
  static const WeightedTable table = [] {
    std::vector<double> w;
    for (const Place& p : Places()) w.push_back(p.weight);
    return WeightedTable(w);
  }();
  return table;
}

const WeightedTable& ProviderTable() {
  static const WeightedTable table = [] {
    std::vector<double> w;
    for (const EmailProvider& p : EmailProviders()) w.push_back(p.weight);
    return WeightedTable(w);
  }();
  return table;
}

// Two-letter-or-more ASCII replacements for the non-ASCII letters in the name tables.
struct Translit {
  std::string_view utf8, ascii;
};
constexpr Translit kTranslit[] = {
    {"ä", "ae"}, {"ö", "oe"}, {"ü", "ue"}, {"Ä", "ae"}, {"Ö", "oe"}, {"Ü", "ue"}, {"ß", "ss"},
    {"é", "e"},  {"è", "e"},  {"ç", "c"},  {"ş", "s"},  {"Ş", "s"},  {"ı", "i"},  {"ğ", "g"},
    {"ś", "s"},  {"ć", "c"},  {"ń", "n"},  {"ł", "l"},  {"ó", "o"},  {"ą", "a"},  {"ę", "e"},
    {"ż", "z"},  {"ź", "z"},  {"š", "s"},  {"č", "c"},  {"ž", "z"},  {"Ç", "c"},
};

void AppendDigits(Rng& rng, std::string& out, int count) {
  for (int i = 0; i < count; ++i) out += static_cast<char>('0' + rng.UniformInt(0, 9));
}

void DrawEmail(Rng& rng, const model::Customer& c, std::optional<core::Day> birth,
               std::string& out) {
  out.clear();
  const double u = rng.Uniform();
  if (u < 0.30) {
    AppendEmailName(out, c.first_name), out += '.', AppendEmailName(out, c.last_name);
  } else if (u < 0.45) {
    AppendEmailName(out, c.first_name), out += '.', AppendEmailName(out, c.last_name);
    const int year = birth ? core::CivilFromDay(*birth).year : 1980 + rng.UniformInt(0, 19);
    out += static_cast<char>('0' + year / 10 % 10), out += static_cast<char>('0' + year % 10);
  } else if (u < 0.53) {
    AppendEmailName(out, c.first_name), AppendEmailName(out, c.last_name);
  } else if (u < 0.63) {
    std::string first;
    AppendEmailName(first, c.first_name);
    out += first.substr(0, 1), out += '.', AppendEmailName(out, c.last_name);
  } else if (u < 0.68) {
    AppendEmailName(out, c.last_name), out += '.', AppendEmailName(out, c.first_name);
  } else if (u < 0.73) {
    AppendEmailName(out, c.first_name), out += '_', AppendEmailName(out, c.last_name);
  } else if (u < 0.86) {
    AppendEmailName(out, c.first_name);
    AppendDigits(rng, out, static_cast<int>(rng.UniformInt(2, 4)));
  } else if (u < 0.93) {
    AppendEmailName(out, c.last_name);
    AppendDigits(rng, out, static_cast<int>(rng.UniformInt(1, 3)));
  } else {
    AppendEmailName(out, c.first_name), out += '.', AppendEmailName(out, c.last_name);
    out += '.';
    AppendDigits(rng, out, static_cast<int>(rng.UniformInt(1, 2)));
  }
  out += '@';
  out += EmailProviders()[ProviderTable().Pick(rng)].domain;
}

void DrawPhone(Rng& rng, const Place& place, std::string& out) {
  static constexpr std::array<std::string_view, 14> kMobile = {"151", "152", "157", "159", "160",
                                                               "162", "163", "170", "171", "172",
                                                               "173", "175", "176", "178"};
  out.assign("+49 ");
  if (rng.Bernoulli(0.6)) {
    out += PickOne(rng, kMobile);
    out += ' ';
    AppendDigits(rng, out, static_cast<int>(rng.UniformInt(7, 8)));
  } else {
    out += place.area_code;
    out += ' ';
    out += static_cast<char>('1' + rng.UniformInt(0, 8));  // no leading 0
    AppendDigits(rng, out, 9 - static_cast<int>(place.area_code.size()));
  }
}

void DrawStreet(Rng& rng, std::string& out) {
  out.assign(PickOne(rng, StreetNames()));
  out += ' ';
  // House numbers: mostly small.
  const int number = 1 + static_cast<int>(std::min(180.0, rng.Exponential(1.0 / 25.0)));
  out += std::to_string(number);
  if (rng.Bernoulli(0.07)) out += static_cast<char>('a' + rng.UniformInt(0, 2));
}

model::ConsentState DrawConsent(Rng& rng, double granted, double denied) {
  const double u = rng.Uniform();
  if (u < granted) return model::ConsentState::kGranted;
  if (u < granted + denied) return model::ConsentState::kDenied;
  return model::ConsentState::kUnknown;
}

void DrawCompany(Rng& rng, const Place& place, model::Customer& c) {
  const double u = rng.Uniform();
  if (u < 0.65) {
    c.company.assign(PickOne(rng, LastNames()));
    c.company += ' ';
    c.company += PickOne(rng, CompanyNameSuffixes());
  } else if (u < 0.85) {
    static constexpr std::array<std::string_view, 4> kClub = {"TSV", "SV", "TuS", "SC"};
    c.company.assign(PickOne(rng, kClub));
    c.company += ' ';
    c.company += place.city;
    c.company += ' ';
    c.company += std::to_string(1860 + rng.UniformInt(0, 100));
    c.company += " e.V.";
  } else {
    static constexpr std::array<std::string_view, 4> kKind = {"Laufsport", "Bergsport", "Outdoor",
                                                              "Sport"};
    c.company.assign(PickOne(rng, kKind));
    c.company += ' ';
    c.company += place.city;
    c.company += " GmbH";
  }
  // Company mailbox: a role address at a domain made from the first two words.
  static constexpr std::array<std::string_view, 4> kRole = {"einkauf", "info", "bestellung",
                                                            "buchhaltung"};
  c.email.assign(PickOne(rng, kRole));
  c.email += '@';
  std::string_view rest = c.company;
  for (int word = 0; word < 2 && !rest.empty(); ++word) {
    const size_t space = rest.find(' ');
    if (word > 0) c.email += '-';
    AppendEmailName(c.email, rest.substr(0, space));
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  }
  c.email += ".de";
}

}  // namespace

void AppendEmailName(std::string& out, std::string_view name) {
  for (size_t i = 0; i < name.size();) {
    const unsigned char ch = static_cast<unsigned char>(name[i]);
    if (ch < 0x80) {
      if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-') {
        out += static_cast<char>(ch);
      } else if (ch >= 'A' && ch <= 'Z') {
        out += static_cast<char>(ch - 'A' + 'a');
      }
      ++i;
      continue;
    }
    size_t len = ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : 2;
    len = std::min(len, name.size() - i);
    const std::string_view seq = name.substr(i, len);
    for (const Translit& t : kTranslit) {
      if (t.utf8 == seq) {
        out += t.ascii;
        break;
      }
    }
    i += len;
  }
}

void DrawPerson(Rng& rng, core::Day acquired, double b2b_share, model::Customer* out,
                const Place** place_out) {
  model::Customer& c = *out;
  const Place& place = Places()[PlaceTable().Pick(rng)];
  *place_out = &place;

  const double g = rng.Uniform();
  c.gender = g < 0.54 ? "f" : (g < 0.98 ? "m" : "d");
  const bool female = c.gender == "f" || (c.gender == "d" && rng.Bernoulli(0.5));
  c.first_name.assign(PickOne(rng, female ? FemaleFirstNames() : MaleFirstNames()));
  c.last_name.assign(PickOne(rng, LastNames()));
  c.kind = rng.Bernoulli(b2b_share) ? model::CustomerKind::kB2B : model::CustomerKind::kB2C;
  const bool b2b = c.kind == model::CustomerKind::kB2B;

  c.birth_date.reset();
  if (!b2b && rng.Bernoulli(0.88)) {
    double age = 0;
    do {
      age = 41.0 + 14.0 * rng.Normal();
    } while (age < 18.0 || age >= 86.0);
    c.birth_date = acquired - static_cast<core::Day>(age * 365.2425);
  }

  c.street.clear();
  DrawStreet(rng, c.street);
  c.postal_code.assign(place.postal_code);
  c.city.assign(place.city);
  c.country.assign("DE");
  c.language = rng.Bernoulli(b2b ? 0.02 : 0.05) ? "en" : "de";

  c.company.clear();
  if (b2b) {
    DrawCompany(rng, place, c);
  } else if (rng.Bernoulli(0.97)) {
    DrawEmail(rng, c, c.birth_date, c.email);
  } else {
    c.email.clear();
  }
  if (rng.Bernoulli(b2b ? 0.95 : 0.65)) {
    DrawPhone(rng, place, c.phone);
  } else {
    c.phone.clear();
  }

  c.consents.email = DrawConsent(rng, b2b ? 0.8 : 0.6, 0.25);
  c.consents.sms = c.phone.empty() ? model::ConsentState::kUnknown : DrawConsent(rng, 0.3, 0.3);
  c.consents.phone = c.phone.empty() ? model::ConsentState::kUnknown : DrawConsent(rng, 0.15, 0.4);
  c.consents.letter = DrawConsent(rng, 0.85, 0.10);

  static constexpr std::string_view kSources[] = {"google",     "instagram",  "facebook", "tiktok",
                                                  "empfehlung", "newsletter", "filiale",  "idealo",
                                                  "zeitung",    "direkt",     "messe",    ""};
  static constexpr double kSourceWeights[] = {30, 10, 6, 4, 10, 4, 12, 4, 2, 8, 0, 10};
  static constexpr double kB2bSourceWeights[] = {30, 2, 2, 0, 20, 4, 10, 0, 2, 10, 10, 10};
  static const WeightedTable b2c_sources(kSourceWeights);
  static const WeightedTable b2b_sources(kB2bSourceWeights);
  c.referral_source.assign(kSources[(b2b ? b2b_sources : b2c_sources).Pick(rng)]);
}

}  // namespace retain::synth
