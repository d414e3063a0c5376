// /api/v1/imports: a CSV file uploaded as the body is imported in the
// background, all or nothing, like `retain import` (the same presets and
// options); its job tells how far it got and, at the end, the counts or
// where the file is wrong. Jobs live in memory: a restart forgets them.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <expected>
#include <fstream>

#include "retain/api/call.h"
#include "retain/api/routes.h"
#include "retain/app/import_jobs.h"

namespace retain::api {
namespace {

std::string JobPath(const std::string& id) { return "/api/v1/imports/" + id; }

nlohmann::ordered_json OrNull(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
}

// The failure as a problem with where in the file it is.
nlohmann::ordered_json FailureJson(const app::ImportFailure& f) {
  nlohmann::ordered_json j = ProblemJson(ProblemFor(f.status));
  if (f.line > 0) {
    j["file"] = f.file;
    j["line"] = f.line;
    j["column"] = f.column;
    j["field"] = OrNull(f.field);
  }
  return j;
}

nlohmann::ordered_json JobJson(const app::ImportJob& j) {
  const double percent = j.bytes_total ? std::min(100.0, 100.0 * static_cast<double>(j.bytes_read) /
                                                             static_cast<double>(j.bytes_total))
                                       : (j.state == app::ImportState::kSucceeded ? 100.0 : 0.0);
  return {{"id", j.id},
          {"status", app::ImportStateName(j.state)},
          {"preset", j.preset},
          {"file", j.file_name},
          {"skip_bad", j.skip_bad},
          {"created_at", j.created_at},
          {"started_at", OrNull(j.started_at)},
          {"finished_at", OrNull(j.finished_at)},
          {"progress",
           {{"rows_read", j.rows_read},
            {"bytes_read", j.bytes_read},
            {"bytes_total", j.bytes_total},
            {"percent", std::round(percent * 10) / 10}}},
          {"counts", j.counts ? app::ImportCountsJson(*j.counts) : nullptr},
          {"error", j.failure ? FailureJson(*j.failure) : nullptr},
          {"rejects", j.rejects_path.empty() ? nlohmann::ordered_json(nullptr)
                                             : nlohmann::ordered_json(JobPath(j.id) + "/rejects")}};
}

// Reads the preset, kind and format options of `retain import` from the query.
std::expected<std::pair<app::ImportRequest, std::string>, Reply> ImportOptions(const Call& call) {
  app::ImportRequest req;
  req.preset = call.Query("preset").value_or("generic");
  auto name = app::UploadFileName(req.preset, call.Query("kind").value_or(""));
  if (!name) {
    const std::string& m = name.error().message();
    return std::unexpected(FailField(m.substr(0, m.find(':')), name.error()));
  }
  app::ImportFormat format{call.Query("encoding").value_or(""),
                           call.Query("delimiter").value_or(""),
                           call.Query("decimal").value_or("")};
  if (auto s = app::ApplyImportFormat(format, req.settings); !s.ok()) {
    const std::string& m = s.message();
    return std::unexpected(Fail(InvalidField(m.substr(0, m.find(' ')), m.substr(m.find(' ') + 1))));
  }
  if (auto currency = call.Query("currency")) {
    if (currency->size() != 3 || !std::all_of(currency->begin(), currency->end(), ::isupper)) {
      return std::unexpected(Fail(InvalidField("currency", "must be a code like EUR")));
    }
    req.settings.default_currency = *currency;
  }
  auto skip_bad = BoolQuery(call, "skip_bad");
  if (!skip_bad) return std::unexpected(FailField("skip_bad", skip_bad.error()));
  req.skip_bad = skip_bad->value_or(false);
  return std::pair{std::move(req), std::move(*name)};
}

Reply StartImport(Call& call) {
  auto options = ImportOptions(call);
  if (!options) return options.error();
  auto& jobs = *call.services().imports;
  auto upload = jobs.NewUpload(options->second);
  if (!upload) return Fail(upload.error());
  std::ofstream out(upload->path, std::ios::binary | std::ios::trunc);
  uint64_t bytes = 0;
  const BodyEnd end = call.ReadBody([&](std::string_view piece) {
    out.write(piece.data(), static_cast<std::streamsize>(piece.size()));
    bytes += piece.size();
    return static_cast<bool>(out);
  });
  out.close();
  if (end != BodyEnd::kComplete || !out || bytes == 0) {
    jobs.Discard(*upload);
    if (end == BodyEnd::kTooLarge) {
      return Fail(PayloadTooLarge(call.services().max_import_bytes, "max_import_bytes"));
    }
    if (end == BodyEnd::kBroken) {
      return Fail(Problem{400, "bad-request", "Bad request", "the upload could not be read"});
    }
    if (end == BodyEnd::kComplete && bytes == 0) {
      return Fail(core::InvalidArgument("the body is empty: send the CSV file as the body"));
    }
    return Fail(core::IoError("cannot store the upload in " + upload->path));
  }
  auto job = jobs.Start(*upload, std::move(options->first));
  if (!job) return Fail(job.error());
  Reply r = Json(JobJson(*job), 202);
  r.headers.emplace_back("Location", JobPath(job->id));
  return r;
}

std::expected<app::ImportJob, Reply> FindJob(Call& call) {
  auto job = call.services().imports->Find(call.Param("id"));
  if (!job) {
    return std::unexpected(Fail(core::NotFound(
        "no import job '" + call.Param("id") +
        "' (jobs are kept in memory: the latest 50 finished ones, until the server restarts)")));
  }
  return *job;
}

Reply GetImport(Call& call) {
  auto job = FindJob(call);
  if (!job) return job.error();
  return Json(JobJson(*job));
}

Reply GetRejects(Call& call) {
  auto job = FindJob(call);
  if (!job) return job.error();
  if (job->rejects_path.empty()) {
    return Fail(core::NotFound("import job '" + job->id + "' rejected no rows"));
  }
  Reply r;
  r.file = job->rejects_path;
  r.content_type = "text/csv; charset=utf-8";
  return r;
}

}  // namespace

void AddImportRoutes(Router& router) {
  router.AddUpload("POST", "/api/v1/imports", Access::ShopWrite(), StartImport);
  router.AddQuick("GET", "/api/v1/imports/{id}", Access::ShopWrite(), GetImport);
  router.Add("GET", "/api/v1/imports/{id}/rejects", Access::ShopWrite(), GetRejects);
}

}  // namespace retain::api
