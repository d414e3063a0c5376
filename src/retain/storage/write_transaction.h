// Running a piece of work in one write transaction.
//
//   auto s = InWriteTransaction(store, [&]() -> core::Status { ...writes...; return {}; });
#pragma once

#include <functional>

#include "retain/storage/store.h"

namespace retain::storage {

// Begins a write transaction, runs `work`, commits when it returns ok and
// rolls back otherwise. The error is work's, or the store's (begin, commit).
inline core::Status InWriteTransaction(Store& store, const std::function<core::Status()>& work) {
  if (auto s = store.BeginWrite(); !s.ok()) return s;
  if (auto s = work(); !s.ok()) {
    store.Rollback();
    return s;
  }
  return store.Commit();
}

}  // namespace retain::storage
