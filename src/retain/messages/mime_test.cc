#include "retain/messages/mime.h"

#include <gtest/gtest.h>

#include "retain/messages/messages_testing.h"
#include "retain/messages/mime_encoding.h"

namespace retain::messages {
namespace {

using testing::BodyOf;
using testing::DecodeHeaderText;
using testing::DecodeQuotedPrintable;
using testing::HeaderValue;

Email Sample() {
  Email e;
  e.from = {"news@schuhhaus-becker.example", "Schuhhaus Becker"};
  e.to = {"anna@example.com", "Anna Müller"};
  e.subject = "Alles Gute zum Geburtstag, Anna! 🎉 Ihr Geschenk: 10 € für Schuhe, Größe 38½";
  e.body = "Guten Tag Frau Müller,\n\nä ö ü ß € – Grüße!\n";
  e.message_id = "c17.birthday.2026@schuhhaus-becker.example";
  e.date = "Tue, 03 Mar 2026 09:30:00 +0100";
  e.list_unsubscribe = "https://schuhhaus-becker.example/abmelden/Zk3q";
  e.language = "de";
  return e;
}

std::string Compose(const Email& e) {
  auto text = ComposeEmail(e);
  EXPECT_TRUE(text.has_value()) << text.error().message();
  return text.value_or("");
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  for (size_t end; (end = text.find("\r\n", pos)) != std::string::npos; pos = end + 2) {
    lines.push_back(text.substr(pos, end - pos));
  }
  EXPECT_EQ(pos, text.size()) << "text after the last CRLF";
  return lines;
}

TEST(Mime, HeadersOfAPlainTextEmail) {
  const std::string text = Compose(Sample());
  EXPECT_TRUE(text.starts_with("Date: Tue, 03 Mar 2026 09:30:00 +0100\r\n"));
  EXPECT_EQ(HeaderValue(text, "From"), "Schuhhaus Becker <news@schuhhaus-becker.example>");
  EXPECT_EQ(DecodeHeaderText(HeaderValue(text, "To")), "Anna Müller <anna@example.com>");
  EXPECT_TRUE(HeaderValue(text, "To").starts_with("=?UTF-8?B?"));
  EXPECT_EQ(HeaderValue(text, "Message-ID"), "<c17.birthday.2026@schuhhaus-becker.example>");
  EXPECT_EQ(HeaderValue(text, "MIME-Version"), "1.0");
  EXPECT_EQ(HeaderValue(text, "Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(HeaderValue(text, "Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_EQ(HeaderValue(text, "Content-Language"), "de");
  EXPECT_EQ(HeaderValue(text, "List-Unsubscribe"),
            "<https://schuhhaus-becker.example/abmelden/Zk3q>");
  EXPECT_EQ(HeaderValue(text, "List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
}

TEST(Mime, SubjectIsEncodedAndFolded) {
  const Email e = Sample();
  const std::string text = Compose(e);
  const std::string subject = HeaderValue(text, "Subject");
  EXPECT_TRUE(subject.starts_with("=?UTF-8?B?"));
  EXPECT_EQ(DecodeHeaderText(subject), e.subject);
  for (const auto& line : Lines(text)) EXPECT_LE(line.size(), 76u) << line;
  EXPECT_NE(text.find("\r\n =?UTF-8?B?"), std::string::npos) << "folded into several words";
}

TEST(Mime, AsciiSubjectStaysReadableAndFoldsAtSpaces) {
  Email e = Sample();
  e.subject =
      "A long subject line that goes on and on about shoes, socks and all the "
      "other things a running shop sells";
  const std::string text = Compose(e);
  EXPECT_EQ(HeaderValue(text, "Subject"), e.subject);
  for (const auto& line : Lines(text)) EXPECT_LE(line.size(), 76u) << line;
  e.subject = "Looks like =?UTF-8?B?eA==?= but is not";
  EXPECT_EQ(DecodeHeaderText(HeaderValue(Compose(e), "Subject")), e.subject);
}

TEST(Mime, BodyIsQuotedPrintableWithCrlf) {
  Email e = Sample();
  const std::string long_line(100, 'x');
  e.body = "Grüße aus Köln: ä ö ü Ä Ö Ü ß € – 100% = gut\n" + long_line + "\n" +
           "Zeile mit Leerzeichen am Ende   \r\nÜberall Umlaute: " + std::string(40, 'a') +
           "äöüäöüäöüäöüäöüäöü\n\nEnde";
  const std::string text = Compose(e);
  const std::string body = BodyOf(text);
  for (const auto& line : Lines(text)) EXPECT_LE(line.size(), 76u) << line;
  EXPECT_EQ(text.find('\n'), text.find("\r\n") + 1);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      ASSERT_EQ(text[i - 1], '\r') << "bare LF at " << i;
    }
    if (text[i] == '\r') {
      ASSERT_EQ(text[i + 1], '\n') << "bare CR at " << i;
    }
    ASSERT_LT(static_cast<unsigned char>(text[i]), 0x80) << "8-bit byte at " << i;
  }
  EXPECT_NE(body.find("=C3=A4 =C3=B6 =C3=BC"), std::string::npos);  // ä ö ü
  EXPECT_NE(body.find("=E2=82=AC"), std::string::npos);             // €
  EXPECT_NE(body.find("100% =3D gut"), std::string::npos);          // '=' itself is encoded
  EXPECT_NE(body.find("Ende  =20\r\n"), std::string::npos);         // trailing space made visible
  EXPECT_EQ(DecodeQuotedPrintable(body),
            "Grüße aus Köln: ä ö ü Ä Ö Ü ß € – 100% = gut\r\n" + long_line +
                "\r\nZeile mit Leerzeichen am Ende   \r\nÜberall Umlaute: " + std::string(40, 'a') +
                "äöüäöüäöüäöüäöüäöü\r\n\r\nEnde\r\n");
}

TEST(Mime, QuotedPrintableLineLimits) {
  const std::string exactly76(76, 'a');
  EXPECT_EQ(QuotedPrintable(exactly76), exactly76 + "\r\n");
  const std::string qp = QuotedPrintable(std::string(77, 'a'));
  EXPECT_EQ(qp, std::string(75, 'a') + "=\r\naa\r\n");
  // An encoded byte is never split by a soft break.
  const std::string umlauts = QuotedPrintable(std::string(74, 'a') + "ä");
  EXPECT_EQ(umlauts, std::string(74, 'a') + "=\r\n=C3=A4\r\n");
  EXPECT_EQ(testing::DecodeQuotedPrintable(umlauts), std::string(74, 'a') + "ä\r\n");
}

TEST(Mime, DisplayNamesAreQuotedOrEncoded) {
  Email e = Sample();
  e.to = {"k@example.com", "Becker, Julia \"Jule\""};
  EXPECT_EQ(HeaderValue(Compose(e), "To"), "\"Becker, Julia \\\"Jule\\\"\" <k@example.com>");
  e.to = {"k@example.com", ""};
  EXPECT_EQ(HeaderValue(Compose(e), "To"), "k@example.com");
}

TEST(Mime, OptionalHeadersAreLeftOut) {
  Email e = Sample();
  e.message_id = "";
  e.list_unsubscribe = "";
  e.language = "";
  e.extra_headers = {{"X-Retain-Contact", "c17 birthday – ä"}};
  const std::string text = Compose(e);
  EXPECT_EQ(text.find("Message-ID"), std::string::npos);
  EXPECT_EQ(text.find("List-Unsubscribe"), std::string::npos);
  EXPECT_EQ(text.find("Content-Language"), std::string::npos);
  EXPECT_EQ(DecodeHeaderText(HeaderValue(text, "X-Retain-Contact")), "c17 birthday – ä");
}

void ExpectRefused(const Email& e, const std::string& field) {
  auto text = ComposeEmail(e);
  ASSERT_FALSE(text.has_value()) << field;
  EXPECT_EQ(text.error().code(), core::Code::kInvalidArgument);
  EXPECT_TRUE(text.error().message().starts_with(field)) << text.error().message();
}

TEST(Mime, HeaderInjectionIsRefused) {
  Email e = Sample();
  e.subject = "Hallo\r\nBcc: everyone@example.com";
  ExpectRefused(e, "subject");
  e = Sample();
  e.subject = "Hallo\nBcc: everyone@example.com";
  ExpectRefused(e, "subject");
  e = Sample();
  e.to.name = "Anna\r\nBcc: x@example.com";
  ExpectRefused(e, "to.name");
  e = Sample();
  e.from.address = "news@example.com\r\nBcc: x@example.com";
  ExpectRefused(e, "from.address");
  e = Sample();
  e.date = "today\n";
  ExpectRefused(e, "date");
  e = Sample();
  e.message_id = "a@b\r\nX: y";
  ExpectRefused(e, "message_id");
  e = Sample();
  e.list_unsubscribe = "https://x.example/\r\nBcc: y@example.com";
  ExpectRefused(e, "list_unsubscribe");
  e = Sample();
  e.extra_headers = {{"X-Campaign", "spring\r\nBcc: y@example.com"}};
  ExpectRefused(e, "extra header X-Campaign");
  e = Sample();
  e.subject = std::string("tab\tok but nul \0 is not", 23);
  ExpectRefused(e, "subject");
}

TEST(Mime, MalformedFieldsAreRefused) {
  Email e = Sample();
  e.to.address = "anna at example.com";
  ExpectRefused(e, "to.address");
  e.to.address = "anna@ex@ample.com";
  ExpectRefused(e, "to.address");
  e.to.address = "anna müller@example.com";
  ExpectRefused(e, "to.address");
  e = Sample();
  e.date = "";
  ExpectRefused(e, "date");
  e = Sample();
  e.list_unsubscribe = "mailto:u@example.com";
  ExpectRefused(e, "list_unsubscribe");
  e = Sample();
  e.language = "de DE";
  ExpectRefused(e, "language");
  e = Sample();
  e.extra_headers = {{"subject", "again"}};
  ExpectRefused(e, "extra header subject");
  e.extra_headers = {{"X Bad", "v"}};
  ExpectRefused(e, "extra header X Bad");
  e = Sample();
  e.body =
      "Gr\xFC\xDF"
      "e";
  ExpectRefused(e, "body");
}

TEST(Mime, EncodedWordsSplitBetweenCharacters) {
  const std::string text = "€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€";  // 40 × 3 bytes
  const std::string words = EncodedWords(text, 9);
  EXPECT_EQ(DecodeHeaderText(words), text);
  size_t start = 0;
  for (size_t end; start <= words.size(); start = end + 2) {
    end = words.find("\r\n", start);
    if (end == std::string::npos) end = words.size();
    const std::string line = words.substr(start, end - start);
    EXPECT_LE(line.size() + (start == 0 ? 9 : 0), 76u) << line;
    // A continuation line starts with the folding space, which is not part
    // of the encoded word.
    ASSERT_EQ(line.starts_with(' '), start != 0) << line;
    const std::string decoded = DecodeHeaderText(std::string_view(line).substr(start == 0 ? 0 : 1));
    EXPECT_EQ(decoded.size() % 3, 0u) << "a character was split: " << line;
    if (end == words.size()) break;
  }
}

}  // namespace
}  // namespace retain::messages
