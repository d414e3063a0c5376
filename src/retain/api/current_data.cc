#include "retain/api/current_data.h"

#include "retain/app/segments.h"

namespace retain::api {

std::expected<CurrentData, Reply> LoadCurrentData(Call& call) {
  auto store = call.Store();
  if (!store) return std::unexpected(Fail(store.error()));
  auto view = call.services().views.Current(**store);
  if (!view) return std::unexpected(Fail(view.error()));
  return CurrentData{*store, std::move(*view)};
}

std::expected<CurrentTable, Reply> LoadCurrentTable(Call& call) {
  auto data = LoadCurrentData(call);
  if (!data) return std::unexpected(std::move(data.error()));
  auto table = app::LoadCustomerTable(*data->store, data->view->snapshot, std::nullopt);
  if (!table) return std::unexpected(Fail(table.error()));
  return CurrentTable{std::move(*data), std::move(*table)};
}

}  // namespace retain::api
