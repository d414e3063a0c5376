// What every command shares: global options, the store, output language, exit codes.
#pragma once

#include <iostream>
#include <memory>
#include <string>

#include "retain/core/status.h"
#include "retain/storage/open_store.h"

namespace retain::cli {

enum class Lang { kEn, kDe };

struct Context {
  std::string db;           // --db, else RETAIN_DB, else "retain.db"
  bool db_given = false;    // --db was on the command line
  std::string lang_option;  // --lang (de|en); empty = from RETAIN_LANG / LANG
  Lang lang = Lang::kEn;
  int exit_code = 0;

  // Opens the database given by --db; prints the error and sets exit_code on failure.
  std::unique_ptr<storage::Store> OpenStore(storage::OpenMode mode, std::string* path = nullptr);
  // Prints "retain: <message>" to stderr and sets the exit code for `s`.
  void Fail(const core::Status& s);
  // Picks `de` or `en` text by the output language.
  const char* T(const char* en, const char* de) const { return lang == Lang::kDe ? de : en; }
};

// Exit code for a status: 0 ok, 1 I/O or internal, 2 invalid input, 3 not
// found, 4 wrong state (e.g. database newer than the program). Commands may
// add their own: 5 = a model fit did not converge.
int ExitCodeFor(const core::Status& s);

// Resolves the database path and language from flags and environment.
void ResolveDefaults(Context& ctx);

}  // namespace retain::cli
