#include "retain/ingest/csv_reader.h"

#include <zlib.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "retain/ingest/testing_sink.h"

namespace retain::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::WriteFile;

// All records of `content`, or the error's message as the only field.
std::vector<CsvRecord> ReadAll(const std::string& content, CsvOptions options = {},
                               std::string* error = nullptr, char* delimiter = nullptr) {
  auto reader = CsvReader::Open(WriteFile("in.csv", content), options);
  std::vector<CsvRecord> out;
  if (!reader) {
    if (error) *error = reader.error().message();
    return out;
  }
  if (delimiter) *delimiter = (*reader)->delimiter();
  for (;;) {
    CsvRecord rec;
    auto more = (*reader)->Next(rec);
    if (!more) {
      if (error) *error = more.error().message();
      break;
    }
    if (!*more) break;
    out.push_back(rec);
  }
  return out;
}

TEST(CsvReaderTest, BomAndCrlfAndLastLineWithoutNewline) {
  auto recs = ReadAll("\xEF\xBB\xBFid,name\r\n1,Anna\r\n2,\"Jörg\"\r\n3,Ede");
  ASSERT_EQ(recs.size(), 4u);
  EXPECT_THAT(recs[0].fields, ElementsAre("id", "name"));
  EXPECT_THAT(recs[2].fields, ElementsAre("2", "Jörg"));
  EXPECT_THAT(recs[3].fields, ElementsAre("3", "Ede"));
  EXPECT_EQ(recs[3].line, 4);
  EXPECT_EQ(recs[1].raw, "1,Anna");
}

TEST(CsvReaderTest, Windows1252IsConverted) {
  auto recs = ReadAll("name;city\nM\xFCller;K\xF6ln\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_THAT(recs[1].fields, ElementsAre("Müller", "Köln"));
}

TEST(CsvReaderTest, DetectsDelimiter) {
  char d = 0;
  ReadAll("a;b;c\n1;2;3\n", {}, nullptr, &d);
  EXPECT_EQ(d, ';');
  ReadAll("\r\n\na;b;c\n1;2;3\n", {}, nullptr, &d);
  EXPECT_EQ(d, ';');
  ReadAll("a\tb\tc\n", {}, nullptr, &d);
  EXPECT_EQ(d, '\t');
  ReadAll("\"x;y;z\",b\n", {}, nullptr, &d);
  EXPECT_EQ(d, ',');
}

TEST(CsvReaderTest, QuotedNewlineAndEscapedQuote) {
  auto recs = ReadAll("id,note\n1,\"two\nlines, \"\"quoted\"\"\"\n2,x\n");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_THAT(recs[1].fields, ElementsAre("1", "two\nlines, \"quoted\""));
  EXPECT_EQ(recs[1].line, 2);
  EXPECT_EQ(recs[2].line, 4);
}

TEST(CsvReaderTest, ReadsGzip) {
  const std::string path = (testing::TestDir() / "data.csv.gz").string();
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  const std::string text = "a,b\n1,M\xC3\xBCller\n";
  gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
  gzclose(f);
  auto reader = CsvReader::Open(path, {});
  ASSERT_TRUE(reader.has_value());
  CsvRecord rec;
  ASSERT_TRUE((*reader)->Next(rec).value());
  ASSERT_TRUE((*reader)->Next(rec).value());
  EXPECT_THAT(rec.fields, ElementsAre("1", "Müller"));
  EXPECT_FALSE((*reader)->Next(rec).value());
}

TEST(CsvReaderTest, WhitespaceSeparated) {
  CsvOptions o;
  o.whitespace_separated = true;
  auto recs = ReadAll(" 00001 19970101  1   11.77\r\n\n\t00002\t19970102 2 3.00\n", o);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_THAT(recs[0].fields, ElementsAre("00001", "19970101", "1", "11.77"));
  EXPECT_EQ(recs[1].line, 3);
}

TEST(CsvReaderTest, Errors) {
  std::string error;
  ReadAll("", {}, &error);
  EXPECT_THAT(error, HasSubstr("empty"));
  error.clear();
  ReadAll("\xEF\xBB\xBF\r\n\n  \n", {}, &error);
  EXPECT_THAT(error, HasSubstr("in.csv: the file is empty"));
  ReadAll("a,b\n1,M\x81ller\n", {}, &error);
  EXPECT_THAT(error, HasSubstr("in.csv:2:4: byte 0x81 is not a character in Windows-1252"));
  ReadAll("a,b\n1,\"open\n", {}, &error);
  EXPECT_THAT(error, HasSubstr("in.csv:2:1: a quoted field is never closed"));
  CsvOptions utf8;
  utf8.encoding = Encoding::kUtf8;
  ReadAll("a,b\n1,M\xFCller\n", utf8, &error);
  EXPECT_THAT(error, HasSubstr("in.csv:2:4: invalid UTF-8"));
  auto missing = CsvReader::Open("/nonexistent/x.csv", {});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), core::Code::kNotFound);
}

}  // namespace
}  // namespace retain::ingest
