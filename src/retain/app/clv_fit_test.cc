// The two data paths of `clv fit` (the columnar snapshot, and the purchase
// summary the database computes) must give the same fit.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include "retain/app/clv_fit.h"
#include "retain/app/snapshot_loader.h"
#include "retain/storage/open_store.h"

namespace retain::app {
namespace {

TEST(ClvFitPaths, SnapshotAndDatabaseSummaryAgree) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("retain_clvfit_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto store = storage::OpenStore((dir / "fit.db").string(), storage::OpenMode::kCreate);
  ASSERT_TRUE(store.has_value());
  storage::Store& s = **store;
  ASSERT_TRUE(s.BeginWrite().ok());
  std::mt19937 gen(7);
  int order = 0;
  for (int c = 0; c < 400; ++c) {
    model::Customer cu;
    cu.external_id = "C" + std::to_string(c);
    ASSERT_TRUE(s.UpsertCustomer(cu).has_value());
    const core::Day first = 19000 + static_cast<int>(gen() % 300);
    const int n = 1 + static_cast<int>(gen() % 6);
    for (int k = 0; k < n; ++k) {
      model::Order o;
      o.external_id = "O" + std::to_string(order++);
      o.customer_external_id = cu.external_id;
      // Some orders share a day: one purchase day in both paths.
      o.ordered_at.day = first + (k == 0 ? 0 : static_cast<int>(gen() % 400));
      o.total_minor = 500 + static_cast<int64_t>(gen() % 20000);
      ASSERT_TRUE(s.UpsertOrder(o).has_value());
    }
  }
  ASSERT_TRUE(s.Commit().ok());
  auto snap = LoadSnapshot(s, {});
  ASSERT_TRUE(snap.has_value());
  for (const std::string model : {"bgnbd", "gammagamma"}) {
    for (std::optional<core::Day> end :
         {std::optional<core::Day>(), std::optional<core::Day>(19500)}) {
      ClvFitRequest req;
      req.model = model;
      req.calibration_end = end;
      auto a = RunClvFit(&*snap, req);
      auto b = RunClvFit(nullptr, req, &s);
      ASSERT_TRUE(a.has_value() && b.has_value()) << model;
      EXPECT_EQ(a->customers, b->customers) << model;
      EXPECT_EQ(a->calibration_end, b->calibration_end);
      EXPECT_NEAR(a->log_likelihood, b->log_likelihood, 1e-9 * std::abs(a->log_likelihood));
      ASSERT_EQ(a->params.size(), b->params.size());
      for (size_t i = 0; i < a->params.size(); ++i) {
        EXPECT_NEAR(a->params[i].second, b->params[i].second, 1e-9 * std::abs(a->params[i].second))
            << model << " " << a->params[i].first;
      }
    }
  }
  store->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace retain::app
