#include "retain/model/order.h"

namespace retain::model {

const char* ChannelName(Channel c) { return c == Channel::kStore ? "store" : "online"; }

}  // namespace retain::model
