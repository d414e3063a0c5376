// The fixture of the Store contract tests: every backend must pass them.
// Backends are listed in kBackends: SQLite in a temporary folder, PostgreSQL in
// a fresh database on the server the test run starts (skipped, saying so, when
// there is none). Test files instantiate their suites over kBackends.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <memory>

#include "retain/storage/open_store.h"
#include "retain/storage/postgres/test_database.h"
#include "retain/storage/store.h"

namespace retain::storage::contract {

struct Backend {
  const char* name;
  // The location of a fresh, empty database (files may go in `dir`); "" with
  // *skip set when the backend is not available here.
  std::function<std::string(const std::string& dir, std::string* skip)> location;
};

inline const Backend kBackends[] = {
    {"sqlite",
     [](const std::string& dir, std::string*) { return "sqlite:" + dir + "/contract.db"; }},
    {"postgresql",
     [](const std::string&, std::string* skip) { return postgres::CreateTestDatabase(skip); }},
};

inline model::Customer MakeCustomer(const std::string& id, const std::string& city = "Berlin") {
  model::Customer c;
  c.external_id = id;
  c.first_name = "Erika";
  c.last_name = "Mustermann";
  c.city = city;
  c.country = "DE";
  c.birth_date = core::DayFromCivil(1980, 2, 29);
  c.tags = {"vip", "newsletter"};
  c.attributes = {{"Lieblingsfarbe", "blau"}};
  c.consents.email = model::ConsentState::kGranted;
  return c;
}

inline model::Order MakeOrder(const std::string& id, const std::string& customer, core::Day day,
                              int64_t total) {
  model::Order o;
  o.external_id = id;
  o.customer_external_id = customer;
  o.ordered_at.day = day;
  o.ordered_at.seconds = 3600;
  o.ordered_at.utc_offset_minutes = 60;
  o.total_minor = total;
  return o;
}

class StoreContract : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("retain_contract_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    std::string skip;
    location_ = GetParam().location(dir_.string(), &skip);
    if (location_.empty() && skip.rfind("SKIPPED", 0) == 0) GTEST_SKIP() << skip;
    ASSERT_FALSE(location_.empty()) << skip;
    auto store = OpenStore(location_, OpenMode::kCreate);
    ASSERT_TRUE(store.has_value()) << store.error().message();
    store_ = std::move(*store);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  UpsertEffect Upsert(const model::Customer& c) {
    auto r = store_->UpsertCustomer(c);
    EXPECT_TRUE(r.has_value()) << r.error().message();
    return r.value_or(UpsertEffect::kUnchanged);
  }
  std::filesystem::path dir_;
  std::string location_;
  std::unique_ptr<Store> store_;
};

}  // namespace retain::storage::contract
