// SPDX-License-Identifier: Apache-2.0
//
// /intel/...: indicators as the caller's organization may see them (TLP),
// matching values, importing files, exporting for an audience, partners.
#include <algorithm>
#include <sstream>
#include <tuple>

#include "api/responses.h"
#include "api/routes.h"
#include "service/permissions.h"

namespace sw::api {
namespace {

// Who gave an indicator, as this reader may know it: an enterprise is named
// only to itself and the center; others see "enterprise" (a victim's name
// never leaves the center unless it chooses).
std::string OwnerFor(const model::IntelReader& reader, const std::string& owner) {
  if (reader.center || owner == reader.org || owner.rfind("enterprise:", 0) != 0) return owner;
  return "enterprise";
}

json::object IndicatorJson(const model::IntelReader& reader, const model::IndicatorRecord& r) {
  const auto& i = r.indicator;
  const auto opt_time = [](const std::optional<Timestamp>& t) {
    return t ? json::value(FormatRfc3339(*t)) : json::value(nullptr);
  };
  json::array labels, techniques, warnings;
  for (const auto& w : r.warnings) warnings.emplace_back(w);
  for (const auto& l : i.labels) labels.emplace_back(l);
  for (const auto& t : i.attack_techniques) techniques.emplace_back(t);
  return {{"type", model::NameIn(model::kIndicatorTypeNames, i.type)},
          {"value", i.value},
          {"name", i.name},
          {"confidence", i.confidence},
          {"tlp", model::NameIn(model::kTlpNames, i.tlp)},
          {"source", i.source},
          {"owner", OwnerFor(reader, r.owner)},
          {"valid_from", opt_time(i.valid_from)},
          {"valid_until", opt_time(i.valid_until)},
          {"labels", std::move(labels)},
          {"attack_techniques", std::move(techniques)},
          {"stix_id", i.stix_id},
          {"first_seen", FormatRfc3339(r.first_seen)},
          {"last_seen", FormatRfc3339(r.last_seen)},
          {"warning_lists", std::move(warnings)}};
}

sys::HttpResponse ListIndicators(RequestContext& ctx) {
  auto page = ReadPage(ctx);
  if (!page.ok()) return ErrorResponse(page.status());
  store::IndicatorQuery q{.page = *page};
  if (auto it = ctx.query.find("type"); it != ctx.query.end() && !it->second.empty()) {
    q.type = model::ParseIn(model::kIndicatorTypeNames, it->second);
    if (!q.type) return ErrorResponse(InvalidArgument("type: must be " + model::ChoicesIn(model::kIndicatorTypeNames), "type"));
  }
  if (auto it = ctx.query.find("q"); it != ctx.query.end()) q.q = it->second.substr(0, 200);
  auto reader = ctx.platform.intel.ReaderFor(ctx.principal);
  if (!reader.ok()) return ErrorResponse(reader.status());
  return Respond(ctx.platform.intel.ListIndicators(ctx.principal, q), 200, [&](const auto& p) {
    return PageToJson(p, [&](const model::IndicatorRecord& r) { return IndicatorJson(*reader, r); });
  });
}

sys::HttpResponse Match(RequestContext& ctx) {
  std::vector<std::string> values;
  if (auto it = ctx.query.find("values"); it != ctx.query.end()) {
    std::string_view rest = it->second;
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      if (comma != 0) values.emplace_back(rest.substr(0, comma));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  if (values.empty() || values.size() > 100) {
    return ErrorResponse(InvalidArgument("values: 1 to 100 values, separated by commas", "values"));
  }
  auto reader = ctx.platform.intel.ReaderFor(ctx.principal);
  if (!reader.ok()) return ErrorResponse(reader.status());
  return Respond(ctx.platform.intel.Match(ctx.principal, *reader, values), 200, [&](const auto& results) {
    json::array out;
    for (const auto& m : results) {
      json::array matches;
      for (const auto& r : m.matches) matches.emplace_back(IndicatorJson(*reader, r));
      out.emplace_back(json::object{{"input", m.input}, {"checked", m.checked}, {"matches", std::move(matches)}});
    }
    return json::object{{"results", std::move(out)}};
  });
}

sys::HttpResponse Import(RequestContext& ctx) {
  service::IntelImportOptions o;
  if (auto it = ctx.query.find("tlp"); it != ctx.query.end() && !it->second.empty()) {
    auto tlp = model::ParseIn(model::kTlpNames, it->second);
    if (!tlp) return ErrorResponse(InvalidArgument("tlp: must be " + model::ChoicesIn(model::kTlpNames), "tlp"));
    o.default_tlp = *tlp;
  }
  if (auto it = ctx.query.find("tenant_id"); it != ctx.query.end() && !it->second.empty()) {
    if (!IsPlausibleId(it->second)) return ErrorResponse(NotFound("tenant not found"));
    o.tenant = model::TenantId(it->second);
  }
  if (auto it = ctx.query.find("partner_id"); it != ctx.query.end() && !it->second.empty()) {
    if (!IsPlausibleId(it->second)) return ErrorResponse(NotFound("partner not found"));
    o.partner = model::PartnerId(it->second);
  }
  o.origin = "upload";
  if (auto it = ctx.query.find("name"); it != ctx.query.end() && !it->second.empty()) o.origin = it->second.substr(0, 200);
  return Respond(ctx.platform.intel.Import(ctx.principal, ctx.request.body, o), 200,
                 [](const service::IntelImportReport& r) {
                   json::array issues;
                   for (const auto& i : r.issues) issues.emplace_back(i);
                   return json::object{{"origin", r.origin},
                                       {"format", service::IntelFormatName(r.format)},
                                       {"owner", r.owner},
                                       {"read", r.items},
                                       {"indicators_new", r.indicators_new},
                                       {"indicators_merged", r.indicators_merged},
                                       {"objects_stored", r.objects_stored},
                                       {"objects_known", r.objects_known},
                                       {"not_matchable", r.not_matchable},
                                       {"skipped", r.skipped},
                                       {"warned", r.warned},
                                       {"rejected", r.rejected},
                                       {"issues", std::move(issues)}};
                 });
}

sys::HttpResponse Export(RequestContext& ctx) {
  const auto f = ctx.query.find("format");
  const std::string format = f == ctx.query.end() ? "stix" : f->second;
  service::IntelExportFormat ef;
  std::string content_type;
  if (format == "stix") {
    ef = service::IntelExportFormat::kStix;
    content_type = "application/stix+json;version=2.1";
  } else if (format == "misp") {
    ef = service::IntelExportFormat::kMisp;
    content_type = "application/json";
  } else if (format == "csv") {
    ef = service::IntelExportFormat::kCsv;
    content_type = "text/csv; charset=utf-8";
  } else {
    return ErrorResponse(InvalidArgument("format: must be stix, misp or csv", "format"));
  }
  Result<model::IntelReader> reader = InvalidArgument("unset");
  if (auto a = ctx.query.find("audience"); a != ctx.query.end() && !a->second.empty()) {
    reader = ctx.platform.intel.AudienceReader(ctx.principal, a->second);
  } else {
    reader = ctx.platform.intel.ReaderFor(ctx.principal);
  }
  if (!reader.ok()) return ErrorResponse(reader.status());
  std::ostringstream out;
  if (Status s = ctx.platform.intel.Export(ctx.principal, *reader, ef, out); !s.ok()) return ErrorResponse(s);
  sys::HttpResponse r;
  r.status = 200;
  r.body = std::move(out).str();
  r.SetHeader("Content-Type", content_type);
  r.SetHeader("Content-Disposition", "attachment; filename=\"shouwang-intel." +
                                         std::string(format == "csv" ? "csv" : "json") + "\"");
  return r;
}

json::object PartnerJson(const model::Partner& p) {
  json::array clients;
  for (const auto& c : p.clients) clients.emplace_back(c.str());
  return {{"id", p.id.str()}, {"name", p.name}, {"clients", std::move(clients)},
          {"created_at", FormatRfc3339(p.created_at)}};
}

sys::HttpResponse ListPartners(RequestContext& ctx) {
  return Respond(ctx.platform.intel.ListPartners(ctx.principal), 200, [](const auto& list) {
    json::array items;
    for (const auto& p : list) items.emplace_back(PartnerJson(p));
    return json::object{{"items", std::move(items)}};
  });
}

sys::HttpResponse CreatePartner(RequestContext& ctx) {
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return ErrorResponse(body.status());
  const json::object* o = body->if_object();
  if (o == nullptr) return ErrorResponse(InvalidArgument("body: expected an object"));
  const json::value* name = o->if_contains("name");
  if (name == nullptr || !name->is_string()) return ErrorResponse(InvalidArgument("name: expected a string", "name"));
  std::vector<model::TenantId> clients;
  if (const json::value* c = o->if_contains("clients")) {
    if (!c->is_array()) return ErrorResponse(InvalidArgument("clients: expected a list of tenant ids", "clients"));
    for (const auto& id : c->get_array()) {
      if (!id.is_string() || !IsPlausibleId(id.get_string())) {
        return ErrorResponse(InvalidArgument("clients: expected a list of tenant ids", "clients"));
      }
      clients.emplace_back(std::string(id.get_string()));
    }
  }
  return Respond(ctx.platform.intel.AddPartner(ctx.principal, std::string(name->get_string()), clients), 201,
                 PartnerJson);
}

sys::HttpResponse CreatePartnerToken(RequestContext& ctx) {
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return ErrorResponse(body.status());
  std::string name;
  if (const json::object* o = body->if_object()) {
    if (const json::value* n = o->if_contains("name")) {
      if (!n->is_string() || n->get_string().size() > 200) {
        return ErrorResponse(InvalidArgument("name: expected a string of at most 200 characters", "name"));
      }
      name = std::string(n->get_string());
    }
  } else {
    return ErrorResponse(InvalidArgument("body: expected an object"));
  }
  return Respond(ctx.platform.intel.CreatePartnerToken(ctx.principal, model::PartnerId(ctx.params.at("id")), name),
                 201, [](const service::CreatedToken& c) {
                   return json::object{{"token", model::ToJson(c.token)}, {"secret", c.secret}};
                 });
}

json::object RemoteJson(const model::TaxiiRemote& r) {
  return {{"id", r.id},
          {"name", r.name},
          {"api_root", r.api_root},
          {"collection_id", r.collection_id},
          {"owner", r.owner},
          {"default_tlp", model::NameIn(model::kTlpNames, r.default_tlp)},
          {"interval_seconds", r.interval_seconds},
          {"added_after", r.added_after},
          {"failures", r.failures},
          {"last_poll_at", r.last_poll_at ? json::value(FormatRfc3339(*r.last_poll_at)) : json::value(nullptr)},
          {"last_status", r.last_status},
          {"next_poll_at", FormatRfc3339(r.next_poll_at)},
          {"created_at", FormatRfc3339(r.created_at)}};
}

sys::HttpResponse ListRemotes(RequestContext& ctx) {
  return Respond(ctx.platform.intel.ListRemotes(ctx.principal), 200, [](const auto& list) {
    json::array items;
    for (const auto& r : list) items.emplace_back(RemoteJson(r));
    return json::object{{"items", std::move(items)}};
  });
}

sys::HttpResponse CreateRemote(RequestContext& ctx) {
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return ErrorResponse(body.status());
  auto reader = ObjectReader::Of(*body, "");
  if (!reader.ok()) return ErrorResponse(reader.status());
  service::IntelService::RemoteInput in;
  std::string token, partner, tlp = "amber";
  int64_t interval = 3600;
  for (auto [key, out, required] : {std::tuple{"name", &in.name, true}, {"api_root", &in.api_root, true},
                                    {"collection_id", &in.collection_id, true}, {"token", &token, false},
                                    {"partner_id", &partner, false}, {"default_tlp", &tlp, false}}) {
    if (Status s = reader->String(key, *out, required ? kRequired : kOptional, 2000); !s.ok()) return ErrorResponse(s);
  }
  if (Status s = reader->Int("interval_seconds", interval, kOptional); !s.ok()) return ErrorResponse(s);
  auto level = model::ParseIn(model::kTlpNames, tlp);
  if (!level) return ErrorResponse(InvalidArgument("default_tlp: must be " + model::ChoicesIn(model::kTlpNames), "default_tlp"));
  in.default_tlp = *level;
  in.interval_seconds = static_cast<int>(std::clamp<int64_t>(interval, 0, 1 << 30));
  if (!token.empty()) in.authorization = "Bearer " + token;
  if (!partner.empty()) in.partner = model::PartnerId(partner);
  return Respond(ctx.platform.intel.AddRemote(ctx.principal, in), 201, RemoteJson);
}

sys::HttpResponse PollRemote(RequestContext& ctx) {
  // Only those who may add remotes poll them on demand.
  if (Status s = service::Require(ctx.principal, service::Permission::kIntelPartnerWrite); !s.ok()) {
    return ErrorResponse(s);
  }
  auto r = ctx.platform.taxii.PollNow(ctx.params.at("id"));
  if (!r.ok() && r.status().code() == StatusCode::kNotFound) return ErrorResponse(r.status());
  auto list = ctx.platform.intel.ListRemotes(ctx.principal);
  if (!list.ok()) return ErrorResponse(list.status());
  for (const auto& remote : *list) {
    if (remote.id == ctx.params.at("id") || remote.name == ctx.params.at("id")) {
      return JsonResponse(200, RemoteJson(remote));
    }
  }
  return ErrorResponse(NotFound("remote not found"));
}

}  // namespace

void AddIntelRoutes(Router& r) {
  r.Add({.method = "GET", .path = "/api/v1/intel/indicators",
         .summary = "Indicators the caller's organization may see (TLP), newest first", .tag = "intel",
         .response_schema = "IndicatorPage",
         .query = {{"type", "ipv4, ipv6, cidr, domain, url, email, md5, sha1, sha256 or ja3"},
                   {"q", "substring of the value or the name"},
                   {"limit", "page size, 1-500 (default 50)"},
                   {"cursor", "next_cursor of the previous page"}}},
        ListIndicators);
  r.Add({.method = "GET", .path = "/api/v1/intel/match",
         .summary = "The indicators each value matches (networks, parent domains, URL hosts)", .tag = "intel",
         .response_schema = "IntelMatchResults", .query = {{"values", "1 to 100 values, separated by commas"}}},
        Match);
  r.Add({.method = "POST", .path = "/api/v1/intel/imports",
         .summary = "Import a STIX 2.1 bundle, a MISP event or a list (the request body); a report per object",
         .tag = "intel", .response_schema = "IntelImportReport",
         .query = {{"tlp", "the marking of what comes without one (default amber)"},
                   {"tenant_id", "owner: this enterprise (center only)"},
                   {"partner_id", "owner: this partner (center only)"},
                   {"name", "the file name, shown in the report"}}},
        Import);
  r.Add({.method = "GET", .path = "/api/v1/intel/export",
         .summary = "Everything the audience may see, as a STIX 2.1 bundle, a MISP event or CSV", .tag = "intel",
         .query = {{"format", "stix (default), misp or csv"},
                   {"audience", "center only: center, anonymous, enterprise:<id> or partner:<id>"}}},
        Export);
  r.Add({.method = "GET", .path = "/api/v1/intel/partners", .summary = "Partner organizations", .tag = "intel",
         .response_schema = "PartnerList"},
        ListPartners);
  r.Add({.method = "POST", .path = "/api/v1/intel/partners",
         .summary = "Add a partner organization and the enterprises it serves", .tag = "intel",
         .request_schema = "PartnerCreate", .response_schema = "Partner"},
        CreatePartner);
  r.Add({.method = "POST", .path = "/api/v1/intel/partners/{id}/tokens",
         .summary = "An intel_exchange API token acting for the partner (TAXII); the secret is returned only this once",
         .tag = "intel", .request_schema = "PartnerTokenCreate", .response_schema = "CreatedToken"},
        CreatePartnerToken);
  r.Add({.method = "GET", .path = "/api/v1/intel/remotes",
         .summary = "Remote TAXII collections the platform polls, with the outcome of the last poll (center)",
         .tag = "intel", .response_schema = "TaxiiRemoteList"},
        ListRemotes);
  r.Add({.method = "POST", .path = "/api/v1/intel/remotes",
         .summary = "Add a remote TAXII collection to poll (center admins)", .tag = "intel",
         .request_schema = "TaxiiRemoteCreate", .response_schema = "TaxiiRemote"},
        CreateRemote);
  r.Add({.method = "POST", .path = "/api/v1/intel/remotes/{id}/poll",
         .summary = "Poll a remote TAXII collection now; the remote with the outcome", .tag = "intel",
         .response_schema = "TaxiiRemote"},
        PollRemote);
}

}  // namespace sw::api
