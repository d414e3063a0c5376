// Net Promoter Score: NPS = % promoters (scores 9-10) − % detractors (0-6)
// of all answers; passives (7-8) count only in the total.
//
//   NpsCounts n;
//   for (int s : scores) n.Add(s);
//   std::optional<double> nps = n.Score();  // -100..100; nullopt without answers
#pragma once

#include <cstdint>
#include <optional>

namespace retain::analytics {

enum class NpsGroup { kDetractor, kPassive, kPromoter };
// The group of a score 0..10.
NpsGroup NpsGroupOf(int score);
const char* NpsGroupName(NpsGroup g);  // "detractor" | "passive" | "promoter"

struct NpsCounts {
  int64_t promoters = 0, passives = 0, detractors = 0;

  // Counts one answer (score 0..10).
  void Add(int score);
  void Add(const NpsCounts& other);
  int64_t answers() const { return promoters + passives + detractors; }
  // The score in points (-100..100); nullopt when there are no answers.
  std::optional<double> Score() const;
};

}  // namespace retain::analytics
