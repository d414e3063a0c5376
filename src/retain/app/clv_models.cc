#include "retain/app/clv_models.h"

#include <algorithm>

#include "retain/core/date.h"

namespace retain::app {
namespace {

core::Status CheckModelName(const std::string& model) {
  const auto& names = ClvModelNames();
  if (std::find(names.begin(), names.end(), model) != names.end()) return {};
  std::string known;
  for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
  return core::InvalidArgument("unknown model '" + model + "' (known: " + known + ")");
}

}  // namespace

const std::vector<std::string>& ScoringModelNames() {
  static const std::vector<std::string> names = {"bgnbd", "gammagamma"};
  return names;
}

core::Result<std::vector<ClvFitResult>> FitClvModels(const analytics::Snapshot& snapshot,
                                                     const std::vector<std::string>& models,
                                                     const ClvFitRequest& request) {
  for (const auto& m : models) {
    if (auto s = CheckModelName(m); !s.ok()) return core::Err(s);
    if (m == "bgbb") {
      return core::Err(core::InvalidArgument(
          "bgbb models discrete opportunities and is fitted only to a summary file "
          "(`retain clv fit --model bgbb --summary FILE`), not to the orders"));
    }
  }
  std::vector<ClvFitResult> fits;
  for (const auto& m : models) {
    ClvFitRequest r = request;
    r.model = m;
    r.summary_path.clear();
    auto fit = RunClvFit(&snapshot, r);
    if (!fit) return core::Err(fit.error());
    fits.push_back(std::move(*fit));
  }
  return fits;
}

core::Result<std::vector<StoredClvFit>> SaveClvFits(storage::Store& store,
                                                    const std::vector<ClvFitResult>& fits) {
  std::vector<StoredClvFit> out;
  for (const auto& f : fits) {
    StoredClvFit s{0, f.model, core::UtcNowIso(), ClvFitJson(f)};
    auto id = store.SaveClvModel({0, s.model, s.fit.dump(), s.fitted_at});
    if (!id) return core::Err(id.error());
    s.id = *id;
    out.push_back(std::move(s));
  }
  return out;
}

core::Result<std::vector<StoredClvFit>> LatestClvFits(storage::Store& store,
                                                      const std::vector<std::string>& models) {
  std::vector<StoredClvFit> out;
  for (const auto& m : models) {
    if (auto s = CheckModelName(m); !s.ok()) return core::Err(s);
    auto rec = store.LatestClvModel(m);
    if (!rec) return core::Err(rec.error());
    if (!*rec) continue;
    auto fit = nlohmann::ordered_json::parse((*rec)->fit_json, nullptr, false);
    if (fit.is_discarded() || !fit.is_object()) {
      return core::Err(
          core::Internal("stored " + m + " fit " + std::to_string((*rec)->id) + " is unreadable"));
    }
    out.push_back({(*rec)->id, m, (*rec)->fitted_at, std::move(fit)});
  }
  return out;
}

nlohmann::ordered_json StoredClvFitJson(const StoredClvFit& f) {
  nlohmann::ordered_json j = f.fit;
  j["id"] = f.id;
  j["fitted_at"] = f.fitted_at;
  return j;
}

}  // namespace retain::app
