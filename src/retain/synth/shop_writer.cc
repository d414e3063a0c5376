#include "retain/synth/shop_writer.h"

#include "retain/synth/places.h"

namespace retain::synth {
namespace {

constexpr std::string_view kCustomersHeader =
    "customer_id,first_name,last_name,email,phone,street,postal_code,city,country,birth_date,"
    "gender,language,type,company,tags,consent_email,consent_sms,consent_phone,consent_letter,"
    "referral_source,created_at\n";
constexpr std::string_view kProductsHeader = "sku,name,category,brand,price\n";
constexpr std::string_view kOrdersHeader =
    "order_id,customer_id,ordered_at,channel,store_id,currency,total,status\n";
constexpr std::string_view kLinesHeader =
    "order_id,line_no,sku,name,category,brand,size,quantity,unit_price,discount\n";
constexpr std::string_view kReturnsHeader =
    "return_id,order_id,customer_id,returned_at,amount,sku,quantity,reason\n";

constexpr int kOrderIdDigits = 10;
constexpr int kReturnIdDigits = 9;

}  // namespace

core::Status ShopWriter::Open(const std::string& dir) {
  struct FileSpec {
    CsvFile* file;
    const char* name;
    std::string_view header;
  };
  const FileSpec specs[] = {{&products_, "products.csv", kProductsHeader},
                            {&customers_, "customers.csv", kCustomersHeader},
                            {&orders_, "orders.csv", kOrdersHeader},
                            {&lines_, "order_lines.csv", kLinesHeader},
                            {&returns_, "returns.csv", kReturnsHeader}};
  for (const FileSpec& spec : specs) {
    core::Status s = spec.file->Open(dir + "/" + spec.name);
    if (!s.ok()) return s;
    spec.file->buffer().append(spec.header);
  }
  std::string& b = products_.buffer();
  for (const CatalogProduct& p : catalog_.products()) {
    b += p.csv_fields;
    b += ',';
    AppendMinor(b, p.product.price_minor);
    b += '\n';
    ++counts_.products;
  }
  return products_.Close();
}

core::Status ShopWriter::WriteCustomer(const model::Customer& c) {
  std::string& b = customers_.buffer();
  AppendCsvField(b, c.external_id);
  for (const std::string* field : {&c.first_name, &c.last_name, &c.email, &c.phone, &c.street,
                                   &c.postal_code, &c.city, &c.country}) {
    b += ',';
    AppendCsvField(b, *field);
  }
  b += ',';
  if (c.birth_date) AppendDay(b, *c.birth_date);
  b += ',';
  AppendCsvField(b, c.gender);
  b += ',';
  AppendCsvField(b, c.language);
  b += ',';
  b += model::KindName(c.kind);
  b += ',';
  AppendCsvField(b, c.company);
  b += ',';
  std::string tags;
  for (size_t i = 0; i < c.tags.size(); ++i) {
    if (i > 0) tags += '|';
    tags += c.tags[i];
  }
  AppendCsvField(b, tags);
  for (model::ConsentState s :
       {c.consents.email, c.consents.sms, c.consents.phone, c.consents.letter}) {
    b += ',';
    b += model::ConsentName(s);
  }
  b += ',';
  AppendCsvField(b, c.referral_source);
  b += ',';
  if (c.created) AppendDay(b, *c.created);
  b += '\n';
  ++counts_.customers;
  return customers_.MaybeFlush();
}

core::Status ShopWriter::WriteHistory(const std::string& customer_id,
                                      const CustomerHistory& history) {
  std::string& ob = orders_.buffer();
  std::string& lb = lines_.buffer();
  const int64_t first_order_number = counts_.orders + 1;
  for (const SimOrder& o : history.orders) {
    order_id_.clear();
    order_id_ += 'O';
    AppendPadded(order_id_, static_cast<uint64_t>(++counts_.orders), kOrderIdDigits);
    ob += order_id_;
    ob += ',';
    ob += customer_id;
    ob += ',';
    AppendTimestamp(ob, o.day, o.seconds, o.offset_minutes);
    if (o.online) {
      ob += ",online,,EUR,";
    } else {
      ob += ",store,";
      ob += Stores()[o.store].id;
      ob += ",EUR,";
    }
    AppendMinor(ob, o.total_minor);
    ob += ",completed\n";

    for (int i = 0; i < o.line_count; ++i) {
      const SimLine& line = history.lines[o.first_line + i];
      lb += order_id_;
      lb += ',';
      AppendInt(lb, i + 1);
      lb += ',';
      lb += catalog_.products()[line.product].csv_fields;
      lb += ',';
      lb += line.size;
      lb += ',';
      AppendInt(lb, line.quantity);
      lb += ',';
      AppendMinor(lb, line.unit_price_minor);
      lb += ',';
      AppendMinor(lb, line.discount_minor);
      lb += '\n';
    }
    counts_.order_lines += o.line_count;
  }

  std::string& rb = returns_.buffer();
  for (const SimReturn& r : history.returns) {
    const SimLine& line = history.lines[r.line];
    rb += 'R';
    AppendPadded(rb, static_cast<uint64_t>(++counts_.returns), kReturnIdDigits);
    rb += ",O";
    AppendPadded(rb, static_cast<uint64_t>(first_order_number + r.order), kOrderIdDigits);
    rb += ',';
    rb += customer_id;
    rb += ',';
    AppendTimestamp(rb, r.day, r.seconds, r.offset_minutes);
    rb += ',';
    AppendMinor(rb, line.Value());
    rb += ',';
    rb += catalog_.products()[line.product].product.sku;
    rb += ',';
    AppendInt(rb, line.quantity);
    rb += ',';
    AppendCsvField(rb, r.reason);
    rb += '\n';
  }

  for (CsvFile* f : {&orders_, &lines_, &returns_}) {
    core::Status s = f->MaybeFlush();
    if (!s.ok()) return s;
  }
  return core::Status::Ok();
}

core::Status ShopWriter::Close() {
  core::Status first;
  for (CsvFile* f : {&products_, &customers_, &orders_, &lines_, &returns_}) {
    core::Status s = f->Close();
    if (first.ok() && !s.ok()) first = s;
  }
  return first;
}

}  // namespace retain::synth
