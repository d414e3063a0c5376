// Local time in Europe/Berlin: CET (+01:00) in winter, CEST (+02:00) from the
// last Sunday of March 02:00 to the last Sunday of October 03:00 (EU rules
// since 1996), so every generated timestamp carries its true offset.
#pragma once

#include <cstdint>

#include "retain/core/date.h"

namespace retain::synth {

// The last Sunday of `month` in `year`.
core::Day LastSunday(int year, int month);

// Minutes east of UTC (60 or 120) of the Berlin wall-clock time `seconds`
// after local midnight on `day`. In the repeated hour of the October change
// (02:00-02:59) the first, summer-time reading (+120) is returned; times in
// the skipped March hour (02:00-02:59) get +120 too (use NormalizeBerlinTime).
int32_t BerlinOffsetMinutes(core::Day day, int32_t seconds);

// Moves a wall-clock time that does not exist in Berlin (the skipped hour on
// the last Sunday of March) one hour forward; leaves all other times alone.
int32_t NormalizeBerlinTime(core::Day day, int32_t seconds);

}  // namespace retain::synth
