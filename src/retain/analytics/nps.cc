#include "retain/analytics/nps.h"

namespace retain::analytics {

NpsGroup NpsGroupOf(int score) {
  if (score >= 9) return NpsGroup::kPromoter;
  if (score >= 7) return NpsGroup::kPassive;
  return NpsGroup::kDetractor;
}

const char* NpsGroupName(NpsGroup g) {
  switch (g) {
    case NpsGroup::kPromoter:
      return "promoter";
    case NpsGroup::kPassive:
      return "passive";
    case NpsGroup::kDetractor:
      break;
  }
  return "detractor";
}

void NpsCounts::Add(int score) {
  switch (NpsGroupOf(score)) {
    case NpsGroup::kPromoter:
      ++promoters;
      break;
    case NpsGroup::kPassive:
      ++passives;
      break;
    case NpsGroup::kDetractor:
      ++detractors;
      break;
  }
}

void NpsCounts::Add(const NpsCounts& other) {
  promoters += other.promoters;
  passives += other.passives;
  detractors += other.detractors;
}

std::optional<double> NpsCounts::Score() const {
  const int64_t n = answers();
  if (n == 0) return std::nullopt;
  return 100.0 * static_cast<double>(promoters - detractors) / static_cast<double>(n);
}

}  // namespace retain::analytics
