#include "retain/messages/objection_notice.h"

namespace retain::messages {

std::string ObjectionNotice(std::string_view variant) {
  if (variant == "de-sie") {
    return "Sie können der Verwendung Ihrer E-Mail-Adresse für Werbung jederzeit widersprechen, "
           "ohne dass hierfür andere als die Übermittlungskosten nach den Basistarifen entstehen. "
           "Eine kurze Nachricht an uns oder ein Klick auf den Abmeldelink genügt.";
  }
  if (variant == "de-du") {
    return "Du kannst der Verwendung deiner E-Mail-Adresse für Werbung jederzeit widersprechen, "
           "ohne dass hierfür andere als die Übermittlungskosten nach den Basistarifen entstehen. "
           "Eine kurze Nachricht an uns oder ein Klick auf den Abmeldelink genügt.";
  }
  return "You may object to the use of your email address for advertising at any time, without "
         "incurring any costs other than the transmission costs at the basic rates. A short "
         "message to us or a click on the unsubscribe link is enough.";
}

}  // namespace retain::messages
