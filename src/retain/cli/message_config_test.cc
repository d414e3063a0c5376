// The message settings from a configuration file, as `retain send` and
// `retain serve` read them, and the settings page made from them: the mail
// server's password is read but never shown.
#include "retain/cli/message_config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "retain/app/settings_view.h"
#include "retain/cli/contact_config.h"

namespace retain::cli {
namespace {

class MessageConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    unsetenv("RETAIN_SMTP_PASSWORD");
    path_ = (std::filesystem::temp_directory_path() /
             ("retain_message_config_" + std::to_string(::getpid()) + ".toml"))
                .string();
    std::ofstream(path_) << R"(
[contact]
informal = true
[contact.shop]
name = "Schuhhaus Becker"
email = "service@schuhhaus-becker.de"
[contact.smtp]
host = "smtp.example.com"
port = 465
tls = "tls"
user = "service@schuhhaus-becker.de"
password = "Pa55-Wort-im-Klartext"
[contact.messages]
public_url = "https://club.schuhhaus-becker.de/"
work_list_dir = "/var/lib/retain/listen"
per_second = 2.5
)";
  }
  void TearDown() override {
    unsetenv("RETAIN_SMTP_PASSWORD");
    std::filesystem::remove(path_);
  }
  std::string path_;
};

TEST_F(MessageConfigTest, TheSettingsPageNeverShowsThePassword) {
  auto config = LoadMessageConfig(path_);
  ASSERT_TRUE(config.has_value()) << config.error().message();
  EXPECT_EQ(config->smtp.password, "Pa55-Wort-im-Klartext");
  EXPECT_EQ(config->work_list_dir, "/var/lib/retain/listen");
  EXPECT_EQ(config->send.from_address, "service@schuhhaus-becker.de");
  auto plan = LoadPlanSettings(path_);
  ASSERT_TRUE(plan.has_value()) << plan.error().message();
  app::SettingsSources sources;
  sources.contact = &*plan;
  sources.messages = &*config;
  sources.work_list_dir = config->work_list_dir;
  const std::string page = app::SettingsJson(sources).dump();
  EXPECT_EQ(page.find("Pa55-Wort-im-Klartext"), std::string::npos) << page;
  const auto j = nlohmann::json::parse(page);
  EXPECT_EQ(j["smtp"]["password_set"], true);
  EXPECT_EQ(j["smtp"]["port"], 465);
  EXPECT_EQ(j["smtp"]["tls"], "tls");
  EXPECT_EQ(j["messages"]["public_url"], "https://club.schuhhaus-becker.de");
  EXPECT_EQ(j["messages"]["per_second"], 2.5);
  EXPECT_EQ(j["messages"]["work_list_dir"], "/var/lib/retain/listen");
  EXPECT_EQ(j["contact"]["informal"], true);

  // The password from the environment wins, and is not shown either.
  setenv("RETAIN_SMTP_PASSWORD", "aus-der-Umgebung-42", 1);
  config = LoadMessageConfig(path_);
  ASSERT_TRUE(config.has_value());
  EXPECT_EQ(config->smtp.password, "aus-der-Umgebung-42");
  sources.messages = &*config;
  EXPECT_EQ(app::SettingsJson(sources).dump().find("aus-der-Umgebung-42"), std::string::npos);
}

TEST_F(MessageConfigTest, AnUnknownSettingIsNamed) {
  std::ofstream(path_) << "[contact.messages]\nwork_list_directory = \"x\"\n";
  auto config = LoadMessageConfig(path_);
  ASSERT_FALSE(config.has_value());
  EXPECT_NE(config.error().message().find("work_list_directory"), std::string::npos)
      << config.error().message();
  EXPECT_NE(config.error().message().find("work_list_dir"), std::string::npos);
}

}  // namespace
}  // namespace retain::cli
