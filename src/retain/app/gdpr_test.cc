// A person's rights: the export holds everything about them; erasure removes
// them, leaves every KPI as it was, and keeps their email address out of
// later imports.
#include "retain/app/gdpr.h"

#include <fstream>

#include "retain/app/consents.h"
#include "retain/app/contact_plan_testing.h"
#include "retain/app/import_service.h"
#include "retain/app/kpi_report.h"

namespace retain::app {
namespace {

class GdprTest : public ContactPlanTest {
 protected:
  nlohmann::ordered_json Kpis() {
    auto session = OpenAnalytics(path_);
    EXPECT_TRUE(session.has_value()) << session.error().message();
    KpiRequest request;
    request.from = D("2026-01-01");
    request.to = D("2026-11-24");
    auto r = RunKpi(session->snapshot, request);
    EXPECT_TRUE(r.has_value()) << r.error().message();
    return r ? KpiJson(*r) : nlohmann::ordered_json();
  }
  template <class Fn>
  auto Write(Fn&& fn) {
    auto store = storage::OpenStore(path_, storage::OpenMode::kMustExist);
    EXPECT_TRUE((*store)->BeginWrite().ok());
    auto r = fn(**store);
    EXPECT_TRUE((*store)->Commit().ok());
    return r;
  }
};

TEST_F(GdprTest, TheExportHoldsEverythingAboutThePerson) {
  Commit(Plan("2026-11-24"));
  Write([](storage::Store& s) {
    return RecordConsent(s, {"loyal", "email", "revoked", "", "phone", "", "", ""}, "cli", "t");
  });
  auto doc = Write([](storage::Store& s) { return ExportPerson(s, "loyal", "cli", "now"); });
  ASSERT_TRUE(doc.has_value()) << doc.error().message();
  EXPECT_EQ((*doc)["customer"]["email"], "loyal@example.de");
  EXPECT_EQ((*doc)["orders"].size(), 4u);
  EXPECT_EQ((*doc)["orders"][0]["lines"][0]["category"], "Schuhe");
  EXPECT_EQ((*doc)["consent_history"].size(), 1u);
  EXPECT_EQ((*doc)["contacts"].size(), 1u);
  EXPECT_EQ((*doc)["contacts"][0]["kind"], "win_back");
  // The export itself is in the audit log.
  auto audit = Write([](storage::Store& s) { return s.AuditEntries("loyal", 0, 10); });
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_EQ((*audit)[1].action, "export");
  auto none = Write([](storage::Store& s) { return ExportPerson(s, "nobody", "cli", "now"); });
  EXPECT_EQ(none.error().code(), core::Code::kNotFound);
}

TEST_F(GdprTest, ErasureLeavesTheKpisAndKeepsTheAddressOut) {
  const auto before = Kpis();
  auto e = Write([](storage::Store& s) { return ErasePerson(s, "loyal", "key:ab", "now"); });
  ASSERT_TRUE(e.has_value()) << e.error().message();
  EXPECT_TRUE(e->email_suppressed);
  EXPECT_EQ(e->pseudonym.rfind("erased-", 0), 0u);
  EXPECT_EQ(Kpis(), before);

  auto gone = Write([](storage::Store& s) { return s.FindCustomer("loyal"); });
  EXPECT_FALSE(gone->has_value());
  auto audit = Write([&](storage::Store& s) { return s.AuditEntries(e->pseudonym, 0, 10); });
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].action, "erase");
  EXPECT_EQ((*audit)[0].actor, "key:ab");

  // The shop's next customer export brings the person back, without the
  // address (in any spelling).
  const auto csv = dir_ / "customers.csv";
  std::ofstream(csv) << "customer_id,first_name,email\nloyal,Anna, Loyal@Example.DE \n";
  ImportRequest request;
  request.files = {csv.string()};
  auto store = storage::OpenStore(path_, storage::OpenMode::kMustExist);
  auto counts = RunImport(**store, request, nullptr);
  ASSERT_TRUE(counts.has_value()) << counts.error().message();
  EXPECT_EQ(counts->emails_suppressed, 1);
  auto back = Write([](storage::Store& s) { return s.FindCustomer("loyal"); });
  ASSERT_TRUE(back->has_value());
  EXPECT_EQ((*back)->email, "");
}

}  // namespace
}  // namespace retain::app
