#include "retain/messages/templates.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "retain/core/text.h"
#include "retain/messages/shipped_templates.h"
#include "retain/messages/template_file.h"

namespace retain::messages {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kExtension = ".mustache";

// The index of `variant` in kVariants, or kVariants.size() when unknown.
size_t VariantIndex(std::string_view variant) {
  return static_cast<size_t>(std::find(kVariants.begin(), kVariants.end(), variant) -
                             kVariants.begin());
}

bool Hidden(const fs::path& p) { return p.filename().string().starts_with("."); }

// The entries of a folder, sorted by name (so the first problem reported
// does not depend on the file system's order).
core::Result<std::vector<fs::directory_entry>> SortedEntries(const fs::path& dir) {
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!Hidden(it->path())) entries.push_back(*it);
  }
  if (ec) return core::Err(core::IoError(dir.string() + ": " + ec.message()));
  std::sort(entries.begin(), entries.end());
  return entries;
}

core::Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (!(in && text << in.rdbuf())) {
    return core::Err(core::IoError(path.string() + ": cannot be read"));
  }
  return text.str();
}

}  // namespace

std::string VariantFor(std::string_view language, bool informal) {
  const std::string lower = core::AsciiLower(language);
  const bool german = lower == "de" || lower.starts_with("de-") || lower.starts_with("de_");
  if (!german) return "en";
  return informal ? "de-du" : "de-sie";
}

core::Result<TemplateSet> TemplateSet::Load(const std::string& override_dir) {
  TemplateSet set;
  RETAIN_RETURN_IF_ERROR(set.LoadShipped());
  if (!override_dir.empty()) RETAIN_RETURN_IF_ERROR(set.LoadOverrides(override_dir));
  return set;
}

core::Status TemplateSet::Put(std::string_view origin, std::string_view text,
                              contact::Trigger trigger, size_t variant) {
  auto t = ParseTemplateFile(origin, text, trigger, std::string(kVariants[variant]));
  if (!t) return t.error();
  templates_[static_cast<size_t>(trigger)][variant] = std::move(*t);
  return core::Status::Ok();
}

core::Status TemplateSet::LoadShipped() {
  for (const auto& shipped : ShippedTemplates()) {
    const std::string origin = "templates/" + std::string(shipped.variant) + "/" +
                               std::string(shipped.trigger) + std::string(kExtension);
    const auto trigger = contact::ParseTrigger(shipped.trigger);
    const size_t variant = VariantIndex(shipped.variant);
    if (!trigger || variant == kVariants.size()) {
      return core::Internal(origin + ": shipped for no known trigger and variant");
    }
    if (auto s = Put(origin, shipped.text, *trigger, variant); !s.ok()) return s;
  }
  for (size_t t = 0; t < templates_.size(); ++t) {
    for (size_t v = 0; v < kVariants.size(); ++v) {
      if (templates_[t][v].variant.empty()) {
        return core::Internal("no shipped template " + std::string(kVariants[v]) + "/" +
                              contact::TriggerName(static_cast<contact::Trigger>(t)) +
                              std::string(kExtension));
      }
    }
  }
  return core::Status::Ok();
}

core::Status TemplateSet::LoadOverrides(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return core::NotFound(dir + ": no such template folder");
  auto folders = SortedEntries(dir);
  if (!folders) return folders.error();
  for (const auto& folder : *folders) {
    if (!folder.is_directory(ec)) continue;  // a README beside the folders
    const std::string name = folder.path().filename().string();
    const size_t variant = VariantIndex(name);
    if (variant == kVariants.size()) {
      return core::InvalidArgument(folder.path().string() + ": unknown language variant \"" + name +
                                   "\" (the folders are de-sie, de-du and en)");
    }
    auto files = SortedEntries(folder.path());
    if (!files) return files.error();
    for (const auto& file : *files) {
      const std::string path = file.path().string();
      const std::string file_name = file.path().filename().string();
      const auto trigger = file_name.ends_with(kExtension)
                               ? contact::ParseTrigger(std::string_view(file_name).substr(
                                     0, file_name.size() - kExtension.size()))
                               : std::nullopt;
      if (!trigger || !file.is_regular_file(ec)) {
        return core::InvalidArgument(
            path +
            ": not a template file; the files are named after a trigger, such as "
            "birthday.mustache (templates/README.md lists them)");
      }
      auto text = ReadFile(file.path());
      if (!text) return text.error();
      if (auto s = Put(path, *text, *trigger, variant); !s.ok()) return s;
    }
  }
  return core::Status::Ok();
}

const MessageTemplate& TemplateSet::Find(contact::Trigger trigger, std::string_view variant) const {
  size_t v = VariantIndex(variant);
  if (v == kVariants.size()) v = VariantIndex("en");
  return templates_[static_cast<size_t>(trigger)][v];
}

}  // namespace retain::messages
