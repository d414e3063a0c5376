// The Store contract: every backend must pass these tests (see
// store_contract_fixture.h).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <functional>
#include <memory>

#include "retain/storage/store_contract_fixture.h"

namespace retain::storage {
namespace {

using namespace contract;

TEST_P(StoreContract, UpsertReportsAddedUpdatedUnchanged) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  EXPECT_EQ(Upsert(MakeCustomer("K1")), UpsertEffect::kAdded);
  EXPECT_EQ(Upsert(MakeCustomer("K1")), UpsertEffect::kUnchanged);
  EXPECT_EQ(Upsert(MakeCustomer("K1", "Hamburg")), UpsertEffect::kUpdated);
  ASSERT_TRUE(store_->Commit().ok());
  auto c = store_->FindCustomer("K1");
  ASSERT_TRUE(c && *c);
  EXPECT_EQ((*c)->city, "Hamburg");
  EXPECT_EQ((*c)->birth_date, core::DayFromCivil(1980, 2, 29));
  EXPECT_EQ((*c)->tags, (std::vector<std::string>{"vip", "newsletter"}));
  EXPECT_EQ((*c)->attributes.at("Lieblingsfarbe"), "blau");
  EXPECT_EQ((*c)->consents.email, model::ConsentState::kGranted);
}

TEST_P(StoreContract, EmptyFieldsNeverBlankAStoredProfile) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  Upsert(MakeCustomer("K1"));
  model::Customer bare;
  bare.external_id = "K1";
  EXPECT_EQ(Upsert(bare), UpsertEffect::kUnchanged);
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ((*store_->FindCustomer("K1"))->city, "Berlin");
}

TEST_P(StoreContract, RollbackLeavesNothingAndKeepsVersion) {
  const int64_t v0 = *store_->DataVersion();
  ASSERT_TRUE(store_->BeginWrite().ok());
  Upsert(MakeCustomer("K1"));
  ASSERT_TRUE(store_->UpsertOrder(MakeOrder("O1", "K1", 100, 500)).has_value());
  store_->Rollback();
  EXPECT_FALSE(*store_->FindCustomer("K1"));
  EXPECT_EQ(*store_->DataVersion(), v0);
  // The store stays usable, and ids handed out in the rolled-back transaction are gone.
  ASSERT_TRUE(store_->BeginWrite().ok());
  auto o = store_->UpsertOrder(MakeOrder("O1", "K1", 100, 500));
  ASSERT_FALSE(o.has_value());
  EXPECT_EQ(o.error().code(), core::Code::kNotFound);
  store_->Rollback();
}

TEST_P(StoreContract, DataVersionAdvancesOnlyWhenSomethingChanged) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  Upsert(MakeCustomer("K1"));
  ASSERT_TRUE(store_->Commit().ok());
  const int64_t v1 = *store_->DataVersion();
  ASSERT_TRUE(store_->BeginWrite().ok());
  Upsert(MakeCustomer("K1"));
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(*store_->DataVersion(), v1);
  ASSERT_TRUE(store_->BeginWrite().ok());
  Upsert(MakeCustomer("K1", "Köln"));
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_GT(*store_->DataVersion(), v1);
}

TEST_P(StoreContract, ReferencesMustExist) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  auto o = store_->UpsertOrder(MakeOrder("O1", "NOBODY", 100, 500));
  ASSERT_FALSE(o.has_value());
  EXPECT_EQ(o.error().code(), core::Code::kNotFound);
  model::OrderLine l;
  l.order_external_id = "NOPE";
  l.line_no = 1;
  auto lr = store_->UpsertOrderLine(l);
  ASSERT_FALSE(lr.has_value());
  EXPECT_EQ(lr.error().code(), core::Code::kNotFound);
  store_->Rollback();
}

TEST_P(StoreContract, ScansComeInCustomerThenDayOrder) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  Upsert(MakeCustomer("B"));
  Upsert(MakeCustomer("A"));
  ASSERT_TRUE(store_->UpsertOrder(MakeOrder("O3", "A", 300, 30)).has_value());
  ASSERT_TRUE(store_->UpsertOrder(MakeOrder("O1", "B", 200, 10)).has_value());
  ASSERT_TRUE(store_->UpsertOrder(MakeOrder("O2", "B", 100, 20)).has_value());
  model::Return r;
  r.external_id = "R1";
  r.order_external_id = "O2";
  r.customer_external_id = "B";
  r.returned_at.day = 150;
  r.amount_minor = 5;
  ASSERT_TRUE(store_->UpsertReturn(r).has_value());
  ASSERT_TRUE(store_->Commit().ok());

  std::vector<std::string> ids;
  std::vector<int64_t> internal;
  ASSERT_TRUE(store_
                  ->ScanCustomers([&](int64_t id, const std::string& ext) {
                    internal.push_back(id);
                    ids.push_back(ext);
                  })
                  .ok());
  EXPECT_EQ(ids, (std::vector<std::string>{"B", "A"}));
  std::vector<std::pair<int64_t, core::Day>> facts;
  ASSERT_TRUE(
      store_->ScanOrderFacts([&](const OrderFact& f) { facts.emplace_back(f.customer_id, f.day); })
          .ok());
  EXPECT_EQ(facts, (std::vector<std::pair<int64_t, core::Day>>{
                       {internal[0], 100}, {internal[0], 200}, {internal[1], 300}}));
  int returns = 0;
  ASSERT_TRUE(store_
                  ->ScanReturnFacts([&](const ReturnFact& f) {
                    EXPECT_EQ(f.customer_id, internal[0]);
                    EXPECT_EQ(f.amount_minor, 5);
                    ++returns;
                  })
                  .ok());
  EXPECT_EQ(returns, 1);
  auto orders = store_->CustomerOrders("B");
  ASSERT_TRUE(orders.has_value());
  ASSERT_EQ(orders->size(), 2u);
  EXPECT_EQ((*orders)[0].order.external_id, "O2");
  EXPECT_EQ((*orders)[0].order.ordered_at.utc_offset_minutes, 60);
  EXPECT_EQ(*store_->CustomerOfOrder("O2"), std::optional<std::string>("B"));
}

TEST_P(StoreContract, BatchUpsertsCountLikeSingleOnes) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  Upsert(MakeCustomer("K1"));
  Upsert(MakeCustomer("K2"));
  // More than two full multi-row statements of every backend we have, plus a remainder.
  std::vector<model::Order> orders;
  for (int i = 0; i < 700; ++i) {
    orders.push_back(MakeOrder("O" + std::to_string(i), i % 2 ? "K1" : "K2", 100 + i, 1000 + i));
  }
  auto first = store_->UpsertOrders(orders);
  ASSERT_TRUE(first.has_value()) << first.error().message();
  EXPECT_EQ(first->added, 700);
  EXPECT_EQ(first->updated + first->unchanged, 0);
  // Again, with three changed and one duplicate inside the batch that differs.
  orders[3].total_minor = 1;
  orders[70].customer_external_id = "K1";
  orders[699].store_id = "S1";
  orders.push_back(orders[10]);
  orders.back().total_minor = 7;
  auto again = store_->UpsertOrders(orders);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->added, 0);
  EXPECT_EQ(again->updated, 4);
  EXPECT_EQ(again->unchanged, 697);

  std::vector<model::OrderLine> lines;
  for (int i = 0; i < 700; ++i) {
    model::OrderLine l;
    l.order_external_id = "O" + std::to_string(i / 2);
    l.line_no = i % 2 + 1;
    l.sku = "SKU" + std::to_string(i);
    l.unit_price_minor = 100 + i;
    lines.push_back(l);
  }
  lines.push_back(lines[0]);  // an in-batch duplicate, identical
  auto lr = store_->UpsertOrderLines(lines);
  ASSERT_TRUE(lr.has_value()) << lr.error().message();
  EXPECT_EQ(lr->added, 700);
  EXPECT_EQ(lr->updated, 0);
  EXPECT_EQ(lr->unchanged, 1);
  lines[5].quantity = 3;
  auto lr2 = store_->UpsertOrderLines(lines);
  ASSERT_TRUE(lr2.has_value());
  EXPECT_EQ(lr2->added, 0);
  EXPECT_EQ(lr2->updated, 1);
  EXPECT_EQ(lr2->unchanged, 700);
  lines.push_back(lines[0]);
  lines.back().order_external_id = "NOPE";
  auto bad = store_->UpsertOrderLines(lines);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), core::Code::kNotFound);
  ASSERT_TRUE(store_->Commit().ok());

  auto k2 = store_->CustomerOrders("K2");
  ASSERT_TRUE(k2.has_value());
  EXPECT_EQ(k2->size(), 349u);  // 350 even orders, one (O70) moved to K1
  for (const auto& rec : *k2) {
    if (rec.order.external_id == "O10") {
      EXPECT_EQ(rec.order.total_minor, 7);
    }
    if (rec.order.external_id == "O2") {
      ASSERT_EQ(rec.lines.size(), 2u);
      EXPECT_EQ(rec.lines[1].quantity, 3);
    }
  }
  EXPECT_TRUE(*store_->OrderExists("O699"));
  EXPECT_FALSE(*store_->OrderExists("O700"));
  EXPECT_TRUE(*store_->CustomerExists("K1"));
  EXPECT_FALSE(*store_->CustomerExists("K3"));
}

TEST_P(StoreContract, BatchCustomersKeepEveryFieldOfEveryRow) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  // 700 customers: full multi-row statements plus a remainder; every third
  // without attributes and without a kind (NULL parameters), every fifth B2B.
  std::vector<model::Customer> customers;
  for (int i = 0; i < 700; ++i) {
    model::Customer c = MakeCustomer("K" + std::to_string(i), "Stadt" + std::to_string(i));
    if (i % 3 == 0) c.attributes.clear();
    if (i % 5 == 0) {
      c.kind = model::CustomerKind::kB2B;
      c.company = "Firma " + std::to_string(i);
    }
    customers.push_back(c);
  }
  auto first = store_->UpsertCustomers(customers);
  ASSERT_TRUE(first.has_value()) << first.error().message();
  EXPECT_EQ(first->added, 700);
  customers[7].city = "Neustadt";
  auto again = store_->UpsertCustomers(customers);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->added, 0);
  EXPECT_EQ(again->updated, 1);
  EXPECT_EQ(again->unchanged, 699);
  ASSERT_TRUE(store_->Commit().ok());
  for (int i = 0; i < 700; ++i) {
    auto c = store_->FindCustomer("K" + std::to_string(i));
    ASSERT_TRUE(c && *c) << i;
    EXPECT_EQ((*c)->city, i == 7 ? "Neustadt" : "Stadt" + std::to_string(i));
    EXPECT_EQ((*c)->kind, i % 5 == 0 ? model::CustomerKind::kB2B : model::CustomerKind::kB2C) << i;
    EXPECT_EQ((*c)->attributes.empty(), i % 3 == 0) << i;
    EXPECT_EQ((*c)->birth_date, core::DayFromCivil(1980, 2, 29)) << i;
  }
  // Ids of batch-inserted customers resolve for their orders.
  ASSERT_TRUE(store_->BeginWrite().ok());
  ASSERT_TRUE(store_->UpsertOrder(MakeOrder("O1", "K99", 10, 100)).has_value());
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ((*store_->CustomerOrders("K99")).size(), 1u);
  EXPECT_EQ((*store_->CustomerOrders("K98")).size(), 0u);
}

TEST_P(StoreContract, FittedModelsAreKeptAndTheLatestWins) {
  EXPECT_FALSE(*store_->LatestClvModel("bgnbd"));
  auto id1 = store_->SaveClvModel({0, "bgnbd", "{\"r\":1}", "2025-01-01T00:00:00Z"});
  auto id2 = store_->SaveClvModel({0, "bgnbd", "{\"r\":2}", "2025-01-02T00:00:00Z"});
  ASSERT_TRUE(id1 && id2);
  ASSERT_TRUE(store_->SaveClvModel({0, "gammagamma", "{}", "2025-01-03T00:00:00Z"}).has_value());
  auto latest = store_->LatestClvModel("bgnbd");
  ASSERT_TRUE(latest && *latest);
  EXPECT_EQ((*latest)->id, *id2);
  EXPECT_EQ((*latest)->fit_json, "{\"r\":2}");
  EXPECT_EQ((*latest)->fitted_at, "2025-01-02T00:00:00Z");
}

TEST_P(StoreContract, ScoresReplaceTheEarlierRunAndNeedKnownCustomers) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  for (int i = 0; i < 600; ++i) {
    ASSERT_TRUE(store_->UpsertCustomer(MakeCustomer("S" + std::to_string(i))).has_value());
  }
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_FALSE(*store_->LatestClvScoreRun());
  const auto version = *store_->DataVersion();
  // More rows than one multi-row statement holds, and a remainder.
  std::vector<ClvScoreRecord> scores;
  for (int i = 0; i < 600; ++i) {
    scores.push_back({"S" + std::to_string(i), 0.5 + i / 2000.0, 0.1, 0.3, 1.2, 1.1, 2500 + i,
                      9000 + i, i % 3 == 0 ? "high" : "low"});
  }
  ClvScoreRun run;
  run.scored_at = "2025-03-01T10:00:00Z";
  run.as_of = 20000;
  run.discount_monthly = 0.01;
  run.high_risk_below = 0.3;
  run.medium_risk_below = 0.7;
  // Outside a transaction it is refused.
  EXPECT_FALSE(store_->ReplaceClvScores(run, scores).has_value());
  ASSERT_TRUE(store_->BeginWrite().ok());
  ASSERT_TRUE(store_->ReplaceClvScores(run, scores).has_value());
  ASSERT_TRUE(store_->Commit().ok());
  auto s = store_->FindClvScore("S599");
  ASSERT_TRUE(s && *s);
  EXPECT_DOUBLE_EQ((*s)->p_alive, 0.5 + 599 / 2000.0);
  EXPECT_EQ((*s)->clv_minor, 9599);
  EXPECT_EQ((*s)->expected_value_minor, 3099);
  EXPECT_EQ((*s)->risk, "low");
  auto latest = store_->LatestClvScoreRun();
  ASSERT_TRUE(latest && *latest);
  EXPECT_EQ((*latest)->as_of, 20000);
  EXPECT_EQ((*latest)->horizon_months, 12);
  EXPECT_EQ(*store_->DataVersion(), version);  // the snapshot stays valid
  std::vector<ClvScoreRecord> scanned;
  ASSERT_TRUE(store_->ScanClvScores([&](const ClvScoreRecord& r) { scanned.push_back(r); }).ok());
  ASSERT_EQ(scanned.size(), 600u);
  EXPECT_EQ(scanned[0].customer_id, "S0");
  EXPECT_EQ(scanned[599].customer_id, "S599");
  EXPECT_EQ(scanned[3].risk, "high");
  EXPECT_EQ(scanned[599].clv_minor, 9599);
  // A new run replaces every forecast; an unknown customer fails it.
  ASSERT_TRUE(store_->BeginWrite().ok());
  ASSERT_TRUE(store_->ReplaceClvScores(run, std::span(scores).first(1)).has_value());
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_FALSE(*store_->FindClvScore("S599"));
  EXPECT_TRUE(*store_->FindClvScore("S0"));
  ASSERT_TRUE(store_->BeginWrite().ok());
  scores[0].customer_id = "nobody";
  auto bad = store_->ReplaceClvScores(run, std::span(scores).first(1));
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), core::Code::kNotFound);
  store_->Rollback();
  EXPECT_TRUE(*store_->FindClvScore("S0"));
}

TEST_P(StoreContract, ProductNamesBySku) {
  model::Product p;
  p.sku = "SH-1";
  p.name = "Laufschuh";
  model::Product q;
  q.sku = "SH-2";
  ASSERT_TRUE(store_->BeginWrite().ok());
  ASSERT_TRUE(store_->UpsertProduct(p).has_value());
  ASSERT_TRUE(store_->UpsertProduct(q).has_value());
  ASSERT_TRUE(store_->Commit().ok());
  auto names = store_->ProductNames({"SH-1", "SH-2", "nope"});
  ASSERT_TRUE(names);
  EXPECT_EQ(*names, (std::map<std::string, std::string>{{"SH-1", "Laufschuh"}}));
}

TEST_P(StoreContract, SegmentsAreSavedByNameWithoutRegardToCase) {
  EXPECT_TRUE(store_->ListSegments()->empty());
  ASSERT_TRUE(store_->SaveSegment({"Schuhkäufer", "orders >= 2", "who buys shoes", "t1"}).ok());
  ASSERT_TRUE(store_->SaveSegment({"Alpha", "orders = 1", "", "t2"}).ok());
  auto again = store_->SaveSegment({"SCHUHKÄUFER", "orders >= 3", "", "t3"});
  // SQLite's NOCASE folds ASCII only: "Ä" differs from "ä", so this is new.
  EXPECT_TRUE(again.ok());
  auto dup = store_->SaveSegment({"alpha", "orders = 2", "", "t4"});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.code(), core::Code::kFailedPrecondition);
  EXPECT_NE(dup.message().find("'Alpha' exists already"), std::string::npos);
  auto list = store_->ListSegments();
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[0].name, "Alpha");
  auto found = store_->FindSegment("ALPHA");
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->rule, "orders = 1");
  EXPECT_EQ((*found)->created_at, "t2");
  EXPECT_TRUE(*store_->DeleteSegment("alpha"));
  EXPECT_FALSE(*store_->DeleteSegment("alpha"));
  EXPECT_FALSE(*store_->FindSegment("Alpha"));
  EXPECT_EQ(store_->ListSegments()->size(), 2u);
}

// Text that breaks naive SQL or array quoting must come back byte for byte.
const std::vector<std::string> kAwkwardTexts = {"Robert'); DROP TABLE customers;--",
                                                "\"quoted\" \\back\\slash",
                                                "{braces},commas",
                                                "NULL",
                                                "100% _under_",
                                                "Ümlaut ß €",
                                                "tab\there",
                                                "x' OR '1'='1"};

TEST_P(StoreContract, AwkwardTextSurvivesSingleAndBatchWrites) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  std::vector<model::Customer> batch;
  for (size_t i = 0; i < kAwkwardTexts.size(); ++i) {
    model::Customer c = MakeCustomer("C" + kAwkwardTexts[i]);
    c.first_name = kAwkwardTexts[i];
    c.city = kAwkwardTexts[(i + 1) % kAwkwardTexts.size()];
    c.tags = {kAwkwardTexts[i]};
    c.attributes = {{kAwkwardTexts[i], kAwkwardTexts[i]}};
    batch.push_back(c);
  }
  auto counts = store_->UpsertCustomers(batch);
  ASSERT_TRUE(counts.has_value()) << counts.error().message();
  EXPECT_EQ(counts->added, static_cast<int64_t>(kAwkwardTexts.size()));
  model::Customer single = MakeCustomer(kAwkwardTexts[0]);
  single.last_name = kAwkwardTexts[1];
  EXPECT_EQ(Upsert(single), UpsertEffect::kAdded);
  std::vector<model::Order> orders;
  for (size_t i = 0; i < kAwkwardTexts.size(); ++i) {
    orders.push_back(MakeOrder("O" + kAwkwardTexts[i], batch[i].external_id, 10, 100));
    orders.back().store_id = kAwkwardTexts[i];
  }
  ASSERT_TRUE(store_->UpsertOrders(orders).has_value());
  ASSERT_TRUE(store_->Commit().ok());
  for (const auto& c : batch) {
    auto found = store_->FindCustomer(c.external_id);
    ASSERT_TRUE(found.has_value() && found->has_value()) << c.external_id;
    EXPECT_EQ((*found)->first_name, c.first_name);
    EXPECT_EQ((*found)->city, c.city);
    EXPECT_EQ((*found)->tags, c.tags);
    EXPECT_EQ((*found)->attributes, c.attributes);
    auto their = store_->CustomerOrders(c.external_id);
    ASSERT_TRUE(their.has_value());
    ASSERT_EQ(their->size(), 1u);
    EXPECT_EQ((*their)[0].order.store_id, c.first_name);
  }
  EXPECT_EQ((*store_->FindCustomer(kAwkwardTexts[0]))->last_name, kAwkwardTexts[1]);
  // Searching for them finds exactly the one meant; LIKE wildcards are literal.
  auto hit = store_->ListCustomers(0, 100, "100% _under_");
  ASSERT_TRUE(hit.has_value());
  ASSERT_EQ(hit->size(), 1u);
  EXPECT_EQ((*hit)[0].customer.external_id, "C100% _under_");
  auto none = store_->ListCustomers(0, 100, "Rob_rt");  // "_" is no wildcard
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->empty());
}

TEST_P(StoreContract, CustomerPagesAndSearch) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  for (int i = 0; i < 25; ++i) {
    model::Customer c = MakeCustomer("P" + std::to_string(i));
    c.first_name = i == 7 ? "Zoe" : "Erika";
    c.last_name = "Muster" + std::to_string(i);
    c.email = "p" + std::to_string(i) + "@Example.org";
    Upsert(c);
  }
  ASSERT_TRUE(store_->Commit().ok());
  std::vector<std::string> seen;
  int64_t after = 0;
  for (;;) {
    auto page = store_->ListCustomers(after, 10, "");
    ASSERT_TRUE(page.has_value());
    if (page->empty()) break;
    for (const auto& row : *page) {
      EXPECT_GT(row.id, after);
      after = row.id;
      seen.push_back(row.customer.external_id);
    }
  }
  ASSERT_EQ(seen.size(), 25u);
  EXPECT_EQ(seen.front(), "P0");
  EXPECT_EQ(seen.back(), "P24");
  auto by_id = store_->ListCustomers(0, 10, "P3");
  ASSERT_EQ(by_id->size(), 1u);
  auto by_email = store_->ListCustomers(0, 10, "P12@EXAMPLE.ORG");
  ASSERT_EQ(by_email->size(), 1u);
  EXPECT_EQ((*by_email)[0].customer.external_id, "P12");
  auto by_name = store_->ListCustomers(0, 10, "Zoe Muster");
  ASSERT_EQ(by_name->size(), 1u);
  EXPECT_EQ((*by_name)[0].customer.external_id, "P7");
  EXPECT_EQ(store_->ListCustomers(0, 10, "Muster1")->size(), 10u);  // 1, 10..18 of 1, 10..19
}

TEST_P(StoreContract, ReturnsAndLinesAsTheProfileAndScansSeeThem) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  Upsert(MakeCustomer("L1"));
  model::Product p;
  p.sku = "S1";
  p.name = "Schal";
  p.category = "Accessoires";
  p.price_minor = 1999;
  ASSERT_EQ(*store_->UpsertProduct(p), UpsertEffect::kAdded);
  ASSERT_TRUE(store_->UpsertOrder(MakeOrder("O1", "L1", 50, 3998)).has_value());
  model::OrderLine a;
  a.order_external_id = "O1";
  a.line_no = 1;
  a.sku = "S1";  // category from the product
  a.quantity = 2;
  a.unit_price_minor = 1999;
  model::OrderLine b = a;
  b.line_no = 2;
  b.sku = "S2";
  b.category = "Schuhe";
  b.quantity = 1;
  ASSERT_EQ(*store_->UpsertOrderLine(a), UpsertEffect::kAdded);
  ASSERT_EQ(*store_->UpsertOrderLine(b), UpsertEffect::kAdded);
  model::Return r;
  r.external_id = "R1";
  r.order_external_id = "O1";
  r.customer_external_id = "L1";
  r.returned_at.day = 55;
  r.amount_minor = 1999;
  r.sku = "S1";
  r.quantity = 1;
  r.reason = "zu klein";
  ASSERT_EQ(*store_->UpsertReturn(r), UpsertEffect::kAdded);
  ASSERT_EQ(*store_->UpsertReturn(r), UpsertEffect::kUnchanged);
  ASSERT_TRUE(store_->Commit().ok());

  EXPECT_TRUE(*store_->ReturnExists("R1"));
  EXPECT_FALSE(*store_->ReturnExists("R2"));
  auto returns = store_->CustomerReturns("L1");
  ASSERT_TRUE(returns.has_value());
  ASSERT_EQ(returns->size(), 1u);
  EXPECT_EQ((*returns)[0].order_external_id, "O1");
  EXPECT_EQ((*returns)[0].reason, "zu klein");
  EXPECT_EQ((*returns)[0].quantity, 1);
  auto orders = store_->CustomerOrders("L1");
  ASSERT_EQ(orders->size(), 1u);
  ASSERT_EQ((*orders)[0].lines.size(), 2u);
  EXPECT_EQ((*orders)[0].lines[1].category, "Schuhe");
  std::vector<std::string> categories;
  ASSERT_TRUE(store_
                  ->ScanLineFacts([&](const LineFact& f) {
                    EXPECT_EQ(f.day, 50);
                    categories.emplace_back(f.category);
                  })
                  .ok());
  EXPECT_EQ(categories, (std::vector<std::string>{"Accessoires", "Schuhe"}));
  EXPECT_EQ((*store_->ProductNames({"S1", "S2"})),
            (std::map<std::string, std::string>{{"S1", "Schal"}}));
}

TEST_P(StoreContract, PurchaseSummariesAddUpPerCustomerAndDay) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  Upsert(MakeCustomer("A"));
  Upsert(MakeCustomer("B"));
  Upsert(MakeCustomer("C"));
  // A: two orders on day 10 (one purchase day), one on 20, one on 40 (after `through`).
  ASSERT_TRUE(store_->UpsertOrder(MakeOrder("A1", "A", 10, 100)).has_value());
  ASSERT_TRUE(store_->UpsertOrder(MakeOrder("A2", "A", 10, 50)).has_value());
  ASSERT_TRUE(store_->UpsertOrder(MakeOrder("A3", "A", 20, 70)).has_value());
  ASSERT_TRUE(store_->UpsertOrder(MakeOrder("A4", "A", 40, 999)).has_value());
  ASSERT_TRUE(store_->UpsertOrder(MakeOrder("B1", "B", 35, 10)).has_value());  // after through
  ASSERT_TRUE(store_->UpsertOrder(MakeOrder("C1", "C", 5, 30)).has_value());
  ASSERT_TRUE(store_->Commit().ok());
  std::vector<PurchaseSummary> got;
  ASSERT_TRUE(
      store_->ScanPurchaseSummaries(30, [&](const PurchaseSummary& s) { got.push_back(s); }).ok());
  ASSERT_EQ(got.size(), 2u);  // A and C, in id order
  EXPECT_LT(got[0].customer_id, got[1].customer_id);
  EXPECT_EQ(got[0].first_day, 10);
  EXPECT_EQ(got[0].last_day, 20);
  EXPECT_EQ(got[0].purchase_days, 2);
  EXPECT_EQ(got[0].total_minor, 220);
  EXPECT_EQ(got[0].first_day_minor, 150);
  EXPECT_EQ(got[1].first_day, 5);
  EXPECT_EQ(got[1].purchase_days, 1);
  EXPECT_EQ(got[1].total_minor, 30);
  EXPECT_EQ(got[1].first_day_minor, 30);
}

TEST_P(StoreContract, ApiKeysAndIdempotencyRecords) {
  ApiKeyRecord key{"k1", "till Berlin", "shop", "abc", "2026-01-01T00:00:00Z", ""};
  ASSERT_TRUE(store_->SaveApiKey(key).ok());
  ASSERT_TRUE(store_->SaveApiKey({"k0", "", "admin", "def", "2026-01-01T00:00:00Z", ""}).ok());
  EXPECT_FALSE(store_->SaveApiKey(key).ok());  // the id is taken
  auto found = store_->FindApiKey("k1");
  ASSERT_TRUE(found.has_value() && found->has_value());
  EXPECT_EQ((*found)->name, "till Berlin");
  EXPECT_EQ((*found)->revoked_at, "");
  EXPECT_FALSE(*store_->FindApiKey("nope"));
  auto all = store_->ListApiKeys();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, "k0");
  EXPECT_TRUE(*store_->RevokeApiKey("k1", "2026-02-01T00:00:00Z"));
  EXPECT_FALSE(*store_->RevokeApiKey("k1", "2026-03-01T00:00:00Z"));
  EXPECT_EQ((*store_->FindApiKey("k1"))->revoked_at, "2026-02-01T00:00:00Z");

  IdempotencyRecord rec{"k1", "key-1", "hash", 201, "{\"ok\":true}", "2026-01-01T00:00:00Z"};
  EXPECT_FALSE(store_->SaveIdempotency(rec).ok());  // needs a write transaction
  ASSERT_TRUE(store_->BeginWrite().ok());
  ASSERT_TRUE(store_->SaveIdempotency(rec).ok());
  auto again = store_->SaveIdempotency(rec);
  EXPECT_EQ(again.code(), core::Code::kFailedPrecondition);
  ASSERT_TRUE(store_->Commit().ok());
  auto stored = store_->FindIdempotency("k1", "key-1");
  ASSERT_TRUE(stored.has_value() && stored->has_value());
  EXPECT_EQ((*stored)->outcome, 201);
  EXPECT_EQ((*stored)->response, "{\"ok\":true}");
  EXPECT_FALSE(*store_->FindIdempotency("k0", "key-1"));
}

TEST_P(StoreContract, ASecondConnectionSeesCommittedWritesOnly) {
  auto other = OpenStore(location_, OpenMode::kMustExist);
  ASSERT_TRUE(other.has_value()) << other.error().message();
  ASSERT_TRUE(store_->BeginWrite().ok());
  Upsert(MakeCustomer("V1"));
  EXPECT_FALSE(*(*other)->CustomerExists("V1"));
  const int64_t before = *(*other)->DataVersion();
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_TRUE(*(*other)->CustomerExists("V1"));
  EXPECT_GT(*(*other)->DataVersion(), before);
  EXPECT_EQ(*(*other)->DatabaseId(), *store_->DatabaseId());
}

TEST_P(StoreContract, AReadTransactionSeesOneStateUntilItEnds) {
  auto other = OpenStore(location_, OpenMode::kMustExist);
  ASSERT_TRUE(other.has_value()) << other.error().message();
  storage::Store& reader = **other;
  ASSERT_TRUE(reader.BeginRead().ok());
  const int64_t before = *reader.DataVersion();
  EXPECT_EQ(reader.BeginRead().code(), core::Code::kFailedPrecondition);
  EXPECT_EQ(reader.BeginWrite().code(), core::Code::kFailedPrecondition);
  ASSERT_TRUE(store_->BeginWrite().ok());
  Upsert(MakeCustomer("T1"));
  ASSERT_TRUE(store_->Commit().ok());
  // The write committed after the read began: not seen until EndRead.
  EXPECT_FALSE(*reader.CustomerExists("T1"));
  EXPECT_EQ(*reader.DataVersion(), before);
  reader.EndRead();
  reader.EndRead();  // safe without one open
  EXPECT_TRUE(*reader.CustomerExists("T1"));
  EXPECT_GT(*reader.DataVersion(), before);
  // Writing works again once the read has ended.
  ASSERT_TRUE(reader.BeginWrite().ok());
  reader.Rollback();
}

TEST_P(StoreContract, AProfileListsOrdersByTimeAndLinesByNumber) {
  ASSERT_TRUE(store_->BeginWrite().ok());
  Upsert(MakeCustomer("P1"));
  model::Order late = MakeOrder("late", "P1", 10, 100);
  late.ordered_at.seconds = 12 * 3600;
  model::Order early = MakeOrder("early", "P1", 10, 100);
  early.ordered_at.seconds = 9 * 3600;
  model::Order first = MakeOrder("first", "P1", 5, 100);
  model::Order none = MakeOrder("no-lines", "P1", 7, 100);
  for (const auto* o : {&late, &early, &first, &none}) {
    ASSERT_TRUE(store_->UpsertOrder(*o).has_value());
  }
  for (int line_no : {3, 1, 2}) {
    model::OrderLine l;
    l.order_external_id = "early";
    l.line_no = line_no;
    l.sku = "S" + std::to_string(line_no);
    l.quantity = 1;
    l.unit_price_minor = 100;
    ASSERT_TRUE(store_->UpsertOrderLine(l).has_value());
  }
  ASSERT_TRUE(store_->Commit().ok());
  auto orders = store_->CustomerOrders("P1");
  ASSERT_TRUE(orders.has_value());
  std::vector<std::string> ids;
  for (const auto& o : *orders) ids.push_back(o.order.external_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"first", "no-lines", "early", "late"}));
  ASSERT_EQ((*orders)[2].lines.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ((*orders)[2].lines[i].line_no, i + 1);
    EXPECT_EQ((*orders)[2].lines[i].sku, "S" + std::to_string(i + 1));
    EXPECT_EQ((*orders)[2].lines[i].order_external_id, "early");
  }
  EXPECT_TRUE((*orders)[1].lines.empty());
  EXPECT_TRUE(store_->CustomerOrders("nobody")->empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::ValuesIn(kBackends),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(SqliteMigrations, NewerDatabaseIsRefusedOlderIsUpgraded) {
  const auto dir = std::filesystem::temp_directory_path() / "retain_migration_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "m.db").string();
  ASSERT_TRUE(OpenStore(path, OpenMode::kCreate).has_value());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const std::string bump = "PRAGMA user_version = " + std::to_string(CurrentSchemaVersion() + 1);
  ASSERT_EQ(sqlite3_exec(db, bump.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto newer = OpenStore(path, OpenMode::kMustExist);
  ASSERT_FALSE(newer.has_value());
  EXPECT_EQ(newer.error().code(), core::Code::kFailedPrecondition);
  EXPECT_NE(newer.error().message().find("newer retain"), std::string::npos);

  // An empty file is version 0: opening applies every migration.
  const std::string fresh = (dir / "old.db").string();
  ASSERT_EQ(sqlite3_open(fresh.c_str(), &db), SQLITE_OK);
  sqlite3_close(db);
  auto upgraded = OpenStore(fresh, OpenMode::kMustExist);
  ASSERT_TRUE(upgraded.has_value()) << upgraded.error().message();
  EXPECT_EQ(*(*upgraded)->DataVersion(), 0);
  auto missing = OpenStore((dir / "nope.db").string(), OpenMode::kMustExist);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), core::Code::kNotFound);
  std::filesystem::remove_all(dir);
}

TEST(PostgresStore, MissingSchemaAndBadUrlsGiveClearErrors) {
  std::string skip;
  const std::string url = postgres::CreateTestDatabase(&skip);
  if (url.empty() && skip.rfind("SKIPPED", 0) == 0) GTEST_SKIP() << skip;
  ASSERT_FALSE(url.empty()) << skip;
  auto missing = OpenStore(url, OpenMode::kMustExist);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), core::Code::kNotFound);
  EXPECT_NE(missing.error().message().find("retain init"), std::string::npos);
  ASSERT_TRUE(OpenStore(url, OpenMode::kCreate).has_value());
  ASSERT_TRUE(OpenStore(url, OpenMode::kMustExist).has_value());  // migrating twice is a no-op
  // A wrong password is reported without repeating it.
  auto refused = OpenStore("postgresql://nobody:s3cret@127.0.0.1:1/none", OpenMode::kMustExist);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code(), core::Code::kIo);
  EXPECT_EQ(refused.error().message().find("s3cret"), std::string::npos);
  EXPECT_NE(refused.error().message().find("***"), std::string::npos);
}

}  // namespace
}  // namespace retain::storage
