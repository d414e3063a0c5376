#include "retain/app/clv_fit.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>

#include "retain/analytics/bgbb.h"
#include "retain/analytics/bgnbd.h"
#include "retain/analytics/gamma_gamma.h"
#include "retain/analytics/mbgnbd.h"
#include "retain/analytics/pareto_nbd.h"
#include "retain/analytics/rf_summary.h"
#include "retain/analytics/standard_errors.h"
#include "retain/ingest/table_reader.h"

namespace retain::app {
namespace {

struct SummaryRow {
  double x = 0, t_x = 0, T = 0, m = 0, weight = 1;
};

// Reads x,t_x,T[,m][,weight] (bgbb: x,t_x,n[,weight], n in T); every problem
// is located (all or nothing).
core::Result<std::vector<SummaryRow>> ReadSummary(const std::string& path, bool discrete,
                                                  bool* has_m) {
  enum { kX, kTx, kT, kM, kWeight };
  const std::vector<ingest::ColumnSpec> columns = {
      {"x", true, {"frequency"}},
      {"t_x", true, {"recency", "t.x"}},
      discrete ? ingest::ColumnSpec{"n", true, {"periods", "n.cal"}}
               : ingest::ColumnSpec{"t", true, {"t_cal"}},
      {"m", false, {"monetary", "zbar", "m_x"}},
      {"weight", false, {"weights", "custs"}}};
  ingest::ImportContext ctx;
  ingest::RowReporter reporter(false, "");
  ctx.reporter = &reporter;
  auto table = ingest::TableReader::Open(path, columns, ctx);
  if (!table) return core::Err(table.error());
  *has_m = (*table)->HasColumn(kM);
  std::vector<SummaryRow> rows;
  auto parse = [&](ingest::RowParser& p) {
    SummaryRow r;
    r.x = p.Number(kX, std::nullopt, 0);
    r.t_x = p.Number(kTx, std::nullopt, 0);
    r.T = p.Number(kT, std::nullopt, 0);
    r.m = p.Number(kM, 0.0, 0);
    r.weight = p.Number(kWeight, 1.0, 0);
    if (p.ok() && r.t_x > r.T) p.Fail(kTx, "t_x is larger than T");
    if (p.ok() && r.x == 0 && r.t_x != 0) p.Fail(kTx, "t_x must be 0 when x is 0");
    return r;
  };
  auto status = ingest::ForEachRow(**table, parse, [&](const SummaryRow& r, ingest::RowParser&) {
    rows.push_back(r);
    return core::Status();
  });
  if (!status.ok()) return core::Err(status);
  if (rows.empty()) return core::Err(core::InvalidArgument(path + ": no customers in the file"));
  return rows;
}

// Fills a fit result; total(theta, grad*) is the model's total log-likelihood,
// whose gradient gives the standard errors.
template <size_t N, class Fit, class Total>
ClvFitResult MakeResult(const char* model, const std::array<const char*, N>& names,
                        const std::array<double, N>& theta, const Fit& fit, double customers,
                        const Total& total) {
  ClvFitResult out;
  out.model = model;
  const auto se = analytics::StandardErrors(
      [&](const std::vector<double>& th, std::vector<double>& g) {
        std::array<double, N> at{}, grad{};
        for (size_t i = 0; i < N; ++i) at[i] = th[i];
        total(at, &grad);
        g.assign(grad.begin(), grad.end());
      },
      std::vector<double>(theta.begin(), theta.end()));
  for (size_t i = 0; i < N; ++i) {
    out.params.emplace_back(names[i], theta[i]);
    out.std_errors.emplace_back(names[i], se[i]);
  }
  out.log_likelihood = fit.log_likelihood;
  out.evaluations = fit.evaluations;
  out.converged = fit.converged;
  out.message = fit.message;
  out.customers = static_cast<int64_t>(std::llround(customers));
  return out;
}

std::vector<analytics::RfTuple> Tuples(const std::vector<SummaryRow>& rows, double& customers) {
  std::vector<analytics::RfTuple> tuples;
  customers = 0;
  for (const auto& r : rows) {
    tuples.push_back({r.x, r.t_x, r.T, r.weight});
    customers += r.weight;
  }
  return tuples;
}

ClvFitResult FitBgNbdModel(const std::vector<SummaryRow>& rows) {
  double customers = 0;
  const auto tuples = Tuples(rows, customers);
  const auto fit = analytics::FitBgNbd(tuples, {});
  const auto& p = fit.params;
  return MakeResult<4>(
      "bgnbd", {"r", "alpha", "a", "b"}, {p.r, p.alpha, p.a, p.b}, fit, customers,
      [&](const std::array<double, 4>& t, std::array<double, 4>* g) {
        return analytics::BgNbdTotalLogLikelihood({t[0], t[1], t[2], t[3]}, tuples, g);
      });
}

ClvFitResult FitParetoNbdModel(const std::vector<SummaryRow>& rows) {
  double customers = 0;
  const auto tuples = Tuples(rows, customers);
  const auto fit = analytics::FitParetoNbd(tuples);
  const auto& p = fit.params;
  return MakeResult<4>(
      "paretonbd", {"r", "alpha", "s", "beta"}, {p.r, p.alpha, p.s, p.beta}, fit, customers,
      [&](const std::array<double, 4>& t, std::array<double, 4>* g) {
        return analytics::ParetoNbdTotalLogLikelihood({t[0], t[1], t[2], t[3]}, tuples, g);
      });
}

ClvFitResult FitMbgNbdModel(const std::vector<SummaryRow>& rows) {
  double customers = 0;
  const auto tuples = Tuples(rows, customers);
  const auto fit = analytics::FitMbgNbd(tuples, {});
  const auto& p = fit.params;
  return MakeResult<4>(
      "mbgnbd", {"r", "alpha", "a", "b"}, {p.r, p.alpha, p.a, p.b}, fit, customers,
      [&](const std::array<double, 4>& t, std::array<double, 4>* g) {
        return analytics::MbgNbdTotalLogLikelihood({t[0], t[1], t[2], t[3]}, tuples, g);
      });
}

ClvFitResult FitBgBbModel(const std::vector<SummaryRow>& rows) {
  std::vector<analytics::BgBbTuple> tuples;
  double customers = 0;
  for (const auto& r : rows) {
    tuples.push_back({r.x, r.t_x, r.T, r.weight});
    customers += r.weight;
  }
  const auto fit = analytics::FitBgBb(tuples, {});
  const auto& p = fit.params;
  return MakeResult<4>(
      "bgbb", {"alpha", "beta", "gamma", "delta"}, {p.alpha, p.beta, p.gamma, p.delta}, fit,
      customers, [&](const std::array<double, 4>& t, std::array<double, 4>* g) {
        return analytics::BgBbTotalLogLikelihood({t[0], t[1], t[2], t[3]}, tuples, g);
      });
}

ClvFitResult FitGammaGammaModel(const std::vector<SummaryRow>& rows) {
  std::vector<analytics::SpendTuple> spend;
  double customers = 0;
  for (const auto& r : rows) {
    if (r.x >= 1 && r.m > 0) {
      spend.push_back({r.x, r.m, r.weight});
      customers += r.weight;
    }
  }
  const auto fit = analytics::FitGammaGamma(spend);
  const auto& p = fit.params;
  return MakeResult<3>(
      "gammagamma", {"p", "q", "gamma"}, {p.p, p.q, p.gamma}, fit, customers,
      [&](const std::array<double, 3>& t, std::array<double, 3>* g) {
        return analytics::GammaGammaTotalLogLikelihood({t[0], t[1], t[2]}, spend, g);
      });
}

nlohmann::ordered_json Number(double v) {
  return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}

// The x, t_x, T, m rows of every customer who bought by the calibration end,
// summed per customer in the database (BuildRfSummary's definitions). Sets
// *end to the calibration end used (default: the latest order day).
core::Result<std::vector<SummaryRow>> RfRowsFromStore(storage::Store& store,
                                                      const ClvFitRequest& request,
                                                      core::Day* end) {
  std::vector<storage::PurchaseSummary> sums;
  const core::Day through = request.calibration_end.value_or(std::numeric_limits<int32_t>::max());
  auto s = store.ScanPurchaseSummaries(
      through, [&](const storage::PurchaseSummary& p) { sums.push_back(p); });
  if (!s.ok()) return core::Err(s);
  *end = 0;
  if (request.calibration_end) {
    *end = *request.calibration_end;
  } else {
    for (const auto& p : sums) *end = std::max(*end, p.last_day);
  }
  const double u = request.time_unit_days;
  std::vector<SummaryRow> rows;
  rows.reserve(sums.size());
  for (const auto& p : sums) {
    const double x = static_cast<double>(p.purchase_days - 1);
    const double m = x > 0 ? static_cast<double>(p.total_minor - p.first_day_minor) / x / 100.0 : 0;
    rows.push_back({x, (p.last_day - p.first_day) / u, (*end - p.first_day) / u, m, 1});
  }
  return rows;
}

}  // namespace

const std::vector<std::string>& ClvModelNames() {
  static const std::vector<std::string> names = {"bgnbd", "paretonbd", "mbgnbd", "gammagamma",
                                                 "bgbb"};
  return names;
}

core::Result<ClvFitResult> RunClvFit(const analytics::Snapshot* snapshot,
                                     const ClvFitRequest& request, storage::Store* store) {
  const auto& names = ClvModelNames();
  if (std::find(names.begin(), names.end(), request.model) == names.end()) {
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    return core::Err(
        core::InvalidArgument("unknown model '" + request.model + "' (known: " + known + ")"));
  }
  std::vector<SummaryRow> rows;
  ClvFitResult result;
  if (!request.summary_path.empty()) {
    bool has_m = false;
    auto read = ReadSummary(request.summary_path, request.model == "bgbb", &has_m);
    if (!read) return core::Err(read.error());
    if (request.model == "gammagamma" && !has_m) {
      return core::Err(core::InvalidArgument(request.summary_path +
                                             ":1:1: gammagamma needs a column 'm' (mean "
                                             "repeat purchase value)"));
    }
    rows = std::move(*read);
    result.source = request.summary_path;
  } else if (request.model == "bgbb") {
    return core::Err(core::InvalidArgument(
        "bgbb models discrete opportunities: give --summary FILE with columns x,t_x,n,weight"));
  } else {
    core::Day end = 0;
    if (snapshot != nullptr) {
      end = request.calibration_end.value_or(snapshot->orders() > 0 ? snapshot->LastOrderDay() : 0);
      for (const auto& c : analytics::BuildRfSummary(*snapshot, end, request.time_unit_days)) {
        rows.push_back({c.x, c.t_x, c.T, c.monetary / 100.0, 1});
      }
    } else if (store != nullptr) {
      auto summary = RfRowsFromStore(*store, request, &end);
      if (!summary) return core::Err(summary.error());
      rows = std::move(*summary);
    } else {
      return core::Err(core::Internal("no data to fit: neither snapshot nor store"));
    }
    if (rows.empty()) {
      return core::Err(core::FailedPrecondition("no customer bought on or before " +
                                                core::FormatDay(end) + ": nothing to fit"));
    }
    result.source = "transactions";
    result.calibration_end = core::FormatDay(end);
    result.time_unit = request.time_unit_days == 1 ? "day" : "week";
  }
  ClvFitResult fit = request.model == "bgnbd"       ? FitBgNbdModel(rows)
                     : request.model == "paretonbd" ? FitParetoNbdModel(rows)
                     : request.model == "mbgnbd"    ? FitMbgNbdModel(rows)
                     : request.model == "bgbb"      ? FitBgBbModel(rows)
                                                    : FitGammaGammaModel(rows);
  fit.source = result.source;
  fit.calibration_end = result.calibration_end;
  fit.time_unit = result.time_unit;
  return fit;
}

nlohmann::ordered_json ClvFitJson(const ClvFitResult& r) {
  nlohmann::ordered_json params = nlohmann::ordered_json::object();
  nlohmann::ordered_json se = nlohmann::ordered_json::object();
  for (const auto& [k, v] : r.params) params[k] = Number(v);
  for (const auto& [k, v] : r.std_errors) se[k] = Number(v);
  return {{"model", r.model},
          {"params", params},
          {"log_likelihood", Number(r.log_likelihood)},
          {"std_errors", se},
          {"customers", r.customers},
          {"converged", r.converged},
          {"iterations", r.evaluations},
          {"message", r.message},
          {"source", r.source},
          {"calibration_end", r.calibration_end},
          {"time_unit", r.time_unit}};
}

core::Result<int64_t> SaveClvFit(storage::Store& store, const ClvFitResult& r) {
  return store.SaveClvModel({0, r.model, ClvFitJson(r).dump(), core::UtcNowIso()});
}

}  // namespace retain::app
