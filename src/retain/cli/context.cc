#include "retain/cli/context.h"

#include <cstdlib>

namespace retain::cli {

int ExitCodeFor(const core::Status& s) {
  switch (s.code()) {
    case core::Code::kOk:
      return 0;
    case core::Code::kInvalidArgument:
      return 2;
    case core::Code::kNotFound:
      return 3;
    case core::Code::kFailedPrecondition:
    case core::Code::kAlreadyExists:
      return 4;
    default:
      return 1;
  }
}

void Context::Fail(const core::Status& s) {
  std::cerr << "retain: " << s.message() << "\n";
  exit_code = ExitCodeFor(s);
}

std::unique_ptr<storage::Store> Context::OpenStore(storage::OpenMode mode, std::string* path) {
  auto store = storage::OpenStore(db, mode, path);
  if (!store) {
    Fail(store.error());
    return nullptr;
  }
  return std::move(*store);
}

void ResolveDefaults(Context& ctx) {
  ctx.db_given = !ctx.db.empty();
  if (ctx.db.empty()) {
    const char* env = std::getenv("RETAIN_DB");
    ctx.db = env && *env ? env : "retain.db";
  }
  std::string lang = ctx.lang_option;
  if (lang.empty()) {
    for (const char* var : {"RETAIN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"}) {
      const char* v = std::getenv(var);
      if (v && *v) {
        lang = v;
        break;
      }
    }
  }
  ctx.lang = lang.rfind("de", 0) == 0 ? Lang::kDe : Lang::kEn;
}

}  // namespace retain::cli
