// Importing feedback answers from CSV on a real (SQLite) store: all or
// nothing, skipping bad rows into a rejects file, and a second import of the
// same file changing nothing.
#include "retain/app/feedback_import.h"

#include <fstream>
#include <sstream>

#include "retain/app/contact_plan_testing.h"

namespace retain::app {
namespace {

class FeedbackImportTest : public ContactPlanTest {
 protected:
  std::string File(const char* name, const std::string& text) {
    const auto path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  // Imports in one write transaction, rolled back when the import fails.
  core::Result<FeedbackImportReport> Import(const std::string& path, bool skip_bad = false,
                                            const std::string& rejects = "") {
    auto store = storage::OpenStore(path_, storage::OpenMode::kMustExist);
    EXPECT_TRUE(store.has_value());
    EXPECT_TRUE((*store)->BeginWrite().ok());
    auto r = ImportFeedback(**store, {.path = path, .skip_bad = skip_bad, .rejects_path = rejects},
                            settings_, D("2026-11-24"), "2026-11-24T10:00:00Z");
    if (r) {
      EXPECT_TRUE((*store)->Commit().ok());
    } else {
      (*store)->Rollback();
    }
    return r;
  }
  std::vector<storage::FeedbackRecord> Answers() {
    auto store = storage::OpenStore(path_, storage::OpenMode::kMustExist);
    std::vector<storage::FeedbackRecord> out;
    EXPECT_TRUE((*store)
                    ->ScanFeedback({}, [&](const storage::FeedbackRecord& f) { out.push_back(f); })
                    .ok());
    return out;
  }
  std::vector<storage::TaskRecord> Tasks() {
    auto store = storage::OpenStore(path_, storage::OpenMode::kMustExist);
    auto tasks = (*store)->ListTasks({});
    EXPECT_TRUE(tasks.has_value());
    return tasks.value_or(std::vector<storage::TaskRecord>{});
  }

  ListeningSettings settings_;
};

// A BOM, ';' as delimiter, columns in another order and upper case, both
// date forms, a comment with the delimiter and a line break in quotes.
const char* kAnswers =
    "\xEF\xBB\xBFID;Score;Customer_ID;Order_ID;Date;Comment\n"
    "A1;10;loyal;L-2026-08-16;2026-08-20;Passt perfekt\n"
    "A2;3;late;O-2;21.11.2026;\"Zu spät; und\nder Karton war nass\"\n"
    "A3;8;quiet;;2026-11-23;\n";

TEST_F(FeedbackImportTest, ImportsAnswersAndOpensTheDetractorsCallBack) {
  auto r = Import(File("answers.csv", kAnswers));
  ASSERT_TRUE(r.has_value()) << r.error().message();
  EXPECT_EQ(r->rows, 3);
  EXPECT_EQ(r->imported, 3);
  EXPECT_EQ(r->unchanged, 0);
  EXPECT_EQ(r->tasks_opened, 1);
  const auto answers = Answers();
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_EQ(answers[0].customer_id, "loyal");
  EXPECT_EQ(answers[0].external_id, "A1");
  EXPECT_EQ(answers[0].via, "import");
  EXPECT_EQ(answers[1].day, D("2026-11-21"));
  EXPECT_EQ(answers[1].comment, "Zu spät; und\nder Karton war nass");
  EXPECT_EQ(answers[1].sales_channel, "online");  // from the order
  const auto tasks = Tasks();
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].customer_id, "late");
  EXPECT_EQ(tasks[0].kind, "call_back");
  EXPECT_EQ(tasks[0].due, D("2026-11-24"));  // Saturday + 2 working days: Tuesday
}

TEST_F(FeedbackImportTest, ImportingTheSameFileAgainChangesNothing) {
  // With ids and without: both are recognised.
  const auto with_ids = File("answers.csv", kAnswers);
  const auto without_ids = File("plain.csv",
                                "customer_id,score,comment\n"
                                "objector,9,Gern wieder\n"
                                "quiet,5,\n");
  ASSERT_TRUE(Import(with_ids).has_value());
  ASSERT_TRUE(Import(without_ids).has_value());
  auto again = Import(with_ids);
  ASSERT_TRUE(again.has_value()) << again.error().message();
  EXPECT_EQ(again->imported, 0);
  EXPECT_EQ(again->unchanged, 3);
  EXPECT_EQ(again->tasks_opened, 0);
  auto plain = Import(without_ids);
  ASSERT_TRUE(plain.has_value()) << plain.error().message();
  EXPECT_EQ(plain->imported, 0);
  EXPECT_EQ(plain->unchanged, 2);
  EXPECT_EQ(Answers().size(), 5u);
  EXPECT_EQ(Tasks().size(), 2u);  // late (3) and quiet (5)
}

TEST_F(FeedbackImportTest, TheFirstBadRowFailsTheWholeImport) {
  const auto path = File("bad.csv",
                         "customer_id,score,order_id\n"
                         "loyal,9,\n"
                         "late,11,\n");
  auto r = Import(path);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), core::Code::kInvalidArgument);
  EXPECT_EQ(r.error().message(),
            path + ":3:2 (score): must be a whole number from 0 to 10, not '11'");
  EXPECT_TRUE(Answers().empty());

  for (const auto& [row, where] : std::vector<std::pair<std::string, std::string>>{
           {"nobody,5,\n", ":2:1 (customer_id): unknown customer 'nobody'"},
           {"loyal,5,O-1\n", ":2:3 (order_id): customer 'loyal' has no order 'O-1'"},
           {"loyal,,\n", ":2:2 (score): a value is required"}}) {
    const auto bad = File("row.csv", "customer_id,score,order_id\n" + row);
    auto failed = Import(bad);
    ASSERT_FALSE(failed.has_value()) << row;
    EXPECT_EQ(failed.error().message(), bad + where);
  }
  const auto dates = File("dates.csv", "customer_id,score,date\nloyal,5,2026-02-30\n");
  EXPECT_NE(Import(dates).error().message().find(":2:3 (date): '2026-02-30' is not a date"),
            std::string::npos);
  const auto future = File("future.csv", "customer_id,score,date\nloyal,5,2026-11-25\n");
  EXPECT_EQ(Import(future).error().message(),
            future + ":2:3 (date): 2026-11-25 lies in the future");
  EXPECT_TRUE(Answers().empty());
  EXPECT_TRUE(Tasks().empty());

  const auto no_score = File("noscore.csv", "customer_id,comment\nloyal,gut\n");
  EXPECT_NE(Import(no_score).error().message().find("no column 'score'"), std::string::npos);
}

TEST_F(FeedbackImportTest, SkipBadImportsTheGoodRowsAndKeepsTheBadOnesWithTheirReason) {
  const auto path = File("mixed.csv",
                         "customer_id,score,comment\n"
                         "loyal,10,Super\n"
                         "late,11,zu hoch\n"
                         "nobody,4,wer?\n"
                         "late,2,Schlecht\n");
  const auto rejects = (dir_ / "mixed.rejects.csv").string();
  auto r = Import(path, true, rejects);
  ASSERT_TRUE(r.has_value()) << r.error().message();
  EXPECT_EQ(r->rows, 4);
  EXPECT_EQ(r->imported, 2);
  EXPECT_EQ(r->rejected, 2);
  EXPECT_EQ(r->tasks_opened, 1);
  std::ifstream in(rejects);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(),
            "file,line,column,field,reason,record\n"
            "\"" +
                path +
                "\",3,2,\"score\",\"must be a whole number from 0 to 10, not '11'\","
                "\"late,11,zu hoch\"\n"
                "\"" +
                path + "\",4,1,\"customer_id\",\"unknown customer 'nobody'\",\"nobody,4,wer?\"\n");
  // Again: the good rows are known, the bad ones are rejected again.
  auto again = Import(path, true, rejects);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->imported, 0);
  EXPECT_EQ(again->unchanged, 2);
  EXPECT_EQ(again->rejected, 2);
  EXPECT_EQ(Answers().size(), 2u);
}

}  // namespace
}  // namespace retain::app
