#include "retain/model/customer.h"

namespace retain::model {

const char* KindName(CustomerKind k) { return k == CustomerKind::kB2B ? "b2b" : "b2c"; }

const char* ConsentName(ConsentState s) {
  switch (s) {
    case ConsentState::kGranted:
      return "granted";
    case ConsentState::kDenied:
      return "denied";
    default:
      return "";
  }
}

}  // namespace retain::model
