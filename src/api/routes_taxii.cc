// SPDX-License-Identifier: Apache-2.0
//
// /api/taxii2/...: the TAXII 2.1 server (OASIS TAXII Version 2.1, 2021).
// Discovery at /api/taxii2/, one API root "shared" at /api/taxii2/shared/,
// its collections, objects, manifests, versions and status resources. The
// collections and objects are the intelligence store's, read and written
// through IntelService, so TLP and the collection's reader and writer lists
// apply exactly as they do to exports. Every URL ends with "/", as the
// specification writes them.
//
// Media types: requests must accept application/taxii+json (version 2.1 or
// no version) or get 406; a POST must send it or get 415; every response,
// errors included, is application/taxii+json;version=2.1 and every error is
// a TAXII error message. Paging: "next" is the storage sequence number of
// the last object looked at, as a string; pages follow storage order, which
// is date_added order, so objects added while a client pages come after it
// and nothing is skipped or repeated. See docs/api.md ("TAXII 2.1").
#include <algorithm>
#include <charconv>

#include "api/responses.h"
#include "api/routes.h"
#include "sys/https_server.h"

namespace sw::api {
namespace {

constexpr std::string_view kTaxiiMediaType = "application/taxii+json;version=2.1";
constexpr std::string_view kStixMediaType = "application/stix+json;version=2.1";
constexpr std::string_view kDiscoveryPath = "/api/taxii2/";
constexpr std::string_view kApiRootPath = "/api/taxii2/shared/";
constexpr int kDefaultLimit = 100;
constexpr int kMaxLimit = 1000;  // larger limits are lowered to this, as the spec allows
// A page stops growing past this many bytes of objects (it always holds at
// least one), so a page of large objects stays a reasonable response.
constexpr size_t kMaxPageBytes = size_t{8} << 20;
// At most this many values per match[...] filter.
constexpr size_t kMaxMatchValues = 100;

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return status >= 500 ? "Internal Server Error" : "Error";
  }
}

sys::HttpResponse TaxiiJson(int status, std::string body) {
  sys::HttpResponse r;
  r.status = status;
  r.SetHeader("Content-Type", std::string(kTaxiiMediaType));
  r.body = std::move(body);
  return r;
}

sys::HttpResponse TaxiiJson(int status, const json::value& body) {
  return TaxiiJson(status, ToJson(body));
}

// A TAXII error message: title, description, http_status (a string in 2.1).
sys::HttpResponse TaxiiError(int status, std::string_view description) {
  auto r = TaxiiJson(status, json::object{{"title", ReasonPhrase(status)},
                                          {"description", description},
                                          {"http_status", std::to_string(status)}});
  if (status == 401) r.SetHeader("WWW-Authenticate", "Bearer realm=\"shouwang\"");
  return r;
}

sys::HttpResponse TaxiiError(const Status& s) {
  const int status = HttpStatusFor(s.code());
  // As ErrorResponse: internal detail stays in the server log.
  if (status >= 500) {
    return TaxiiError(status, s.code() == StatusCode::kUnavailable
                                  ? "service temporarily unavailable"
                                  : "internal error");
  }
  return TaxiiError(status, s.message());
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (true) {
    const size_t at = s.find(sep);
    out.push_back(s.substr(0, at));
    if (at == std::string_view::npos) break;
    s.remove_prefix(at + 1);
  }
  return out;
}

// True when one media range of `header` (an Accept or Content-Type value)
// is application/taxii+json with version 2.1 or no version. With `ranges`
// (Accept) the value is a list and q=0 excludes a range.
bool NamesTaxii21(std::string_view header, bool ranges) {
  for (std::string_view range :
       ranges ? SplitOn(header, ',') : std::vector<std::string_view>{header}) {
    std::vector<std::string_view> parts = SplitOn(range, ';');
    if (Lower(Trim(parts[0])) != "application/taxii+json") continue;
    bool ok = true;
    for (size_t i = 1; i < parts.size(); ++i) {
      const std::string_view p = Trim(parts[i]);
      const size_t eq = p.find('=');
      const std::string name = Lower(Trim(p.substr(0, eq)));
      std::string_view value = eq == std::string_view::npos ? "" : Trim(p.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
      if (name == "version" && value != "2.1") ok = false;
      if (ranges && name == "q" &&
          (value == "0" || value == "0.0" || value == "0.00" || value == "0.000"))
        ok = false;
    }
    if (ok) return true;
  }
  return false;
}

// RFC 3339 with milliseconds always, as date_added is written.
std::string TaxiiTime(Timestamp t) {
  std::string s = FormatRfc3339(t);
  if (s.size() == 20 && s.back() == 'Z') s.insert(19, ".000");
  return s;
}

// The filters of a GET, read from the query string.
struct Filters {
  store::IntelObjectQuery q;
  int limit = kDefaultLimit;
  std::vector<std::string> spec_versions;  // empty: any
};

Result<std::vector<std::string>> ListParam(const RequestContext& ctx, const std::string& name) {
  std::vector<std::string> out;
  auto it = ctx.query.find(name);
  if (it == ctx.query.end()) return out;
  for (std::string_view v : SplitOn(it->second, ',')) {
    v = Trim(v);
    if (v.empty()) continue;
    if (v.size() > 256)
      return InvalidArgument(name + ": a value is longer than 256 characters", name);
    out.emplace_back(v);
  }
  if (out.size() > kMaxMatchValues) {
    return InvalidArgument(name + ": at most " + std::to_string(kMaxMatchValues) + " values", name);
  }
  return out;
}

// The match[...] filters an endpoint does not take are ignored.
Result<Filters> ReadFilters(const RequestContext& ctx, bool id_and_type, bool version) {
  Filters f;
  if (auto it = ctx.query.find("added_after"); it != ctx.query.end()) {
    auto t = ParseRfc3339(it->second);
    if (!t.ok()) return InvalidArgument("added_after: not an RFC 3339 timestamp", "added_after");
    f.q.added_after = *t;
  }
  if (auto it = ctx.query.find("limit"); it != ctx.query.end()) {
    int64_t v = 0;
    auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
    if (ec == std::errc::result_out_of_range && !it->second.starts_with('-')) {
      v = kMaxLimit;
    } else if (ec != std::errc() || end != it->second.data() + it->second.size() || v < 1) {
      return InvalidArgument("limit: must be a positive integer", "limit");
    }
    f.limit = static_cast<int>(std::min<int64_t>(v, kMaxLimit));
  }
  if (auto it = ctx.query.find("next"); it != ctx.query.end() && !it->second.empty()) {
    int64_t v = 0;
    auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
    if (ec != std::errc() || end != it->second.data() + it->second.size() || v < 1) {
      return InvalidArgument("next: not a value this server gave out", "next");
    }
    f.q.after_seq = v;
  }
  if (id_and_type) {
    SW_ASSIGN_OR_RETURN(f.q.ids, ListParam(ctx, "match[id]"));
    SW_ASSIGN_OR_RETURN(f.q.types, ListParam(ctx, "match[type]"));
  }
  if (version) {
    SW_ASSIGN_OR_RETURN(f.q.versions, ListParam(ctx, "match[version]"));
    for (const auto& v : f.q.versions) {
      if (v != "first" && v != "last" && v != "all" && !ParseRfc3339(v).ok()) {
        return InvalidArgument("match[version]: '" + v + "' is not first, last, all or a timestamp",
                               "match[version]");
      }
    }
  }
  SW_ASSIGN_OR_RETURN(f.spec_versions, ListParam(ctx, "match[spec_version]"));
  return f;
}

// The STIX version of a stored object: its spec_version, or 2.0 when it has
// none (the property is new in STIX 2.1).
bool SpecVersionMatches(const model::IntelObject& o, const std::vector<std::string>& wanted) {
  if (wanted.empty()) return true;
  std::string have = "2.0";
  if (auto v = ParseJson(o.json, {.max_bytes = o.json.size() + 1, .max_depth = 128});
      v.ok() && v->is_object()) {
    if (const json::value* sv = v->as_object().if_contains("spec_version");
        sv != nullptr && sv->is_string()) {
      have = std::string(sv->get_string());
    }
  }
  return std::find(wanted.begin(), wanted.end(), have) != wanted.end();
}

struct ObjectPage {
  std::vector<model::IntelObject> items;
  bool more = false;
  int64_t next = 0;  // the seq of the last object looked at
};

// One page of a collection's objects under `f`. Rows the store returns but
// match[spec_version] leaves out still move the cursor.
Result<ObjectPage> ReadObjects(RequestContext& ctx, const std::string& collection, Filters f) {
  ObjectPage page;
  page.next = f.q.after_seq;
  size_t bytes = 0;
  for (int round = 0; round < 8; ++round) {
    f.q.after_seq = page.next;
    f.q.limit = f.limit - static_cast<int>(page.items.size());
    SW_ASSIGN_OR_RETURN(auto rows,
                        ctx.platform.intel.CollectionObjects(ctx.principal, collection, f.q));
    const bool more_rows = rows.size() > static_cast<size_t>(f.q.limit);
    if (more_rows) rows.resize(static_cast<size_t>(f.q.limit));
    for (auto& o : rows) {
      if (!page.items.empty() && bytes + o.json.size() > kMaxPageBytes) {
        page.more = true;
        return page;
      }
      page.next = o.seq;
      if (!SpecVersionMatches(o, f.spec_versions)) continue;
      bytes += o.json.size();
      page.items.push_back(std::move(o));
    }
    if (!more_rows) return page;
    if (page.items.size() >= static_cast<size_t>(f.limit)) {
      page.more = true;
      return page;
    }
  }
  page.more = true;  // filtered out a lot: the client asks again from `next`
  return page;
}

// "more", and "next" when there is more.
void PagingJson(const ObjectPage& page, std::string& out) {
  out += page.more ? R"("more":true,"next":")" + std::to_string(page.next) + "\","
                   : R"("more":false,)";
}

void DateAddedHeaders(const ObjectPage& page, sys::HttpResponse& r) {
  if (page.items.empty()) return;
  r.SetHeader("X-TAXII-Date-Added-First", TaxiiTime(page.items.front().added_at));
  r.SetHeader("X-TAXII-Date-Added-Last", TaxiiTime(page.items.back().added_at));
}

// The envelope: the stored objects byte for byte.
sys::HttpResponse Envelope(const ObjectPage& page) {
  std::string body = "{";
  PagingJson(page, body);
  body += R"("objects":[)";
  for (size_t i = 0; i < page.items.size(); ++i) {
    if (i > 0) body += ',';
    body += page.items[i].json;
  }
  body += "]}";
  auto r = TaxiiJson(200, std::move(body));
  DateAddedHeaders(page, r);
  return r;
}

// The version TAXII names an object version by: modified, else created,
// else (SCOs) the date it was added.
std::string VersionOf(const model::IntelObject& o) {
  return o.version.empty() ? TaxiiTime(o.added_at) : o.version;
}

json::object CollectionJson(const service::TaxiiCollectionView& v) {
  json::object o{{"id", v.collection.id}, {"title", v.collection.title}};
  if (!v.collection.description.empty()) o["description"] = v.collection.description;
  o["can_read"] = v.can_read;
  o["can_write"] = v.can_write;
  o["media_types"] = json::array{json::string(kStixMediaType)};
  return o;
}

sys::HttpResponse Discovery(RequestContext&) {
  return TaxiiJson(
      200, json::object{{"title", "守望 Shouwang TAXII 2.1"},
                        {"description",
                         "Threat intelligence shared through the Shouwang SME security service "
                         "center; TLP 2.0 applies to every read."},
                        {"default", kApiRootPath},
                        {"api_roots", json::array{json::string(kApiRootPath)}}});
}

sys::HttpResponse ApiRoot(RequestContext&) {
  return TaxiiJson(200,
                   json::object{{"title", "shared"},
                                {"description", "The platform's intelligence collections."},
                                {"versions", json::array{json::string(kTaxiiMediaType)}},
                                {"max_content_length", sys::HttpsServerOptions{}.max_body_bytes}});
}

sys::HttpResponse ListCollections(RequestContext& ctx) {
  auto list = ctx.platform.intel.Collections(ctx.principal);
  if (!list.ok()) return TaxiiError(list.status());
  json::object out;
  if (!list->empty()) {  // the spec's empty answer is {}
    json::array items;
    for (const auto& v : *list) items.emplace_back(CollectionJson(v));
    out["collections"] = std::move(items);
  }
  return TaxiiJson(200, out);
}

sys::HttpResponse GetCollection(RequestContext& ctx) {
  auto v = ctx.platform.intel.Collection(ctx.principal, ctx.params.at("collection_id"));
  if (!v.ok()) return TaxiiError(v.status());
  return TaxiiJson(200, CollectionJson(*v));
}

sys::HttpResponse GetObjects(RequestContext& ctx) {
  auto f = ReadFilters(ctx, true, true);
  if (!f.ok()) return TaxiiError(f.status());
  auto page = ReadObjects(ctx, ctx.params.at("collection_id"), std::move(*f));
  if (!page.ok()) return TaxiiError(page.status());
  return Envelope(*page);
}

sys::HttpResponse AddObjects(RequestContext& ctx) {
  if (!NamesTaxii21(ctx.request.header("Content-Type"), false)) {
    return TaxiiError(415, "Content-Type must be application/taxii+json;version=2.1");
  }
  const std::string& collection = ctx.params.at("collection_id");
  // Visibility first (404), then the body (400), then permission (403).
  if (auto c = ctx.platform.intel.Collection(ctx.principal, collection); !c.ok())
    return TaxiiError(c.status());
  auto body =
      ParseJson(ctx.request.body,
                {.max_bytes = std::max(ctx.request.body.size(), size_t{1}), .max_depth = 128});
  if (!body.ok()) return TaxiiError(400, "body: " + body.status().message());
  const json::value* objects =
      body->is_object() ? body->as_object().if_contains("objects") : nullptr;
  if (objects == nullptr || !objects->is_array()) {
    return TaxiiError(400, "body: expected an envelope, {\"objects\": [...]}");
  }
  auto status = ctx.platform.intel.AddObjects(ctx.principal, collection, objects->as_array());
  if (!status.ok()) return TaxiiError(status.status());
  return TaxiiJson(202, *status);
}

sys::HttpResponse GetObject(RequestContext& ctx) {
  auto f = ReadFilters(ctx, false, true);
  if (!f.ok()) return TaxiiError(f.status());
  const std::string& collection = ctx.params.at("collection_id");
  const std::string& object_id = ctx.params.at("object_id");
  f->q.ids = {object_id};
  const bool first_page = f->q.after_seq == 0;
  auto page = ReadObjects(ctx, collection, *f);
  if (!page.ok()) return TaxiiError(page.status());
  if (page->items.empty() && first_page) {
    // No such object, or no version of it passes the filters.
    Filters any;
    any.q.ids = {object_id};
    any.q.versions = {"all"};
    any.limit = 1;
    auto exists = ReadObjects(ctx, collection, std::move(any));
    if (!exists.ok()) return TaxiiError(exists.status());
    if (exists->items.empty())
      return TaxiiError(404, "object " + object_id + " not found in this collection");
  }
  return Envelope(*page);
}

sys::HttpResponse GetVersions(RequestContext& ctx) {
  auto f = ReadFilters(ctx, false, false);
  if (!f.ok()) return TaxiiError(f.status());
  const std::string& object_id = ctx.params.at("object_id");
  f->q.ids = {object_id};
  f->q.versions = {"all"};
  const bool first_page = f->q.after_seq == 0;
  const bool filtered = f->q.added_after.has_value() || !f->spec_versions.empty();
  auto page = ReadObjects(ctx, ctx.params.at("collection_id"), std::move(*f));
  if (!page.ok()) return TaxiiError(page.status());
  if (page->items.empty() && first_page && !filtered) {
    return TaxiiError(404, "object " + object_id + " not found in this collection");
  }
  std::string body = "{";
  PagingJson(*page, body);
  json::array versions;
  for (const auto& o : page->items) versions.emplace_back(VersionOf(o));
  body += R"("versions":)" + ToJson(versions) + "}";
  auto r = TaxiiJson(200, std::move(body));
  DateAddedHeaders(*page, r);
  return r;
}

sys::HttpResponse GetManifest(RequestContext& ctx) {
  auto f = ReadFilters(ctx, true, true);
  if (!f.ok()) return TaxiiError(f.status());
  auto page = ReadObjects(ctx, ctx.params.at("collection_id"), std::move(*f));
  if (!page.ok()) return TaxiiError(page.status());
  std::string body = "{";
  PagingJson(*page, body);
  json::array records;
  for (const auto& o : page->items) {
    records.emplace_back(json::object{{"id", o.id},
                                      {"date_added", TaxiiTime(o.added_at)},
                                      {"version", VersionOf(o)},
                                      {"media_type", kStixMediaType}});
  }
  body += R"("objects":)" + ToJson(records) + "}";
  auto r = TaxiiJson(200, std::move(body));
  DateAddedHeaders(*page, r);
  return r;
}

sys::HttpResponse GetStatus(RequestContext& ctx) {
  auto s = ctx.platform.intel.TaxiiStatus(ctx.principal, ctx.params.at("status_id"));
  if (!s.ok()) return TaxiiError(s.status());
  return TaxiiJson(200, *s);
}

// Every TAXII handler first checks that the client accepts TAXII 2.1.
Handler Taxii(sys::HttpResponse (*handler)(RequestContext&)) {
  return [handler](RequestContext& ctx) {
    if (!NamesTaxii21(ctx.request.header("Accept"), true)) {
      return TaxiiError(406, "Accept must include application/taxii+json;version=2.1");
    }
    return handler(ctx);
  };
}

}  // namespace

bool IsTaxiiPath(std::string_view path) {
  return path == "/api/taxii2" || path.starts_with(kDiscoveryPath);
}

void ToTaxiiError(sys::HttpResponse& r) {
  if (r.status < 400 || !r.header("Content-Type").starts_with("application/json")) return;
  std::string description(ReasonPhrase(r.status));
  if (auto v = ParseJson(r.body); v.ok() && v->is_object()) {
    const json::value* e = v->as_object().if_contains("error");
    if (e != nullptr && e->is_object()) {
      if (const json::value* m = e->as_object().if_contains("message");
          m != nullptr && m->is_string()) {
        description = std::string(m->get_string());
      }
    }
  }
  sys::HttpResponse t = TaxiiError(r.status, description);
  for (auto& [name, value] : r.headers) {
    if (Lower(name) != "content-type") t.SetHeader(name, value);
  }
  t.close = r.close;
  r = std::move(t);
}

void AddTaxiiRoutes(Router& r) {
  const std::vector<QueryParam> paging = {
      {"added_after", "only objects added after this RFC 3339 time"},
      {"limit", "page size, 1-1000 (default 100; larger values are lowered to 1000)"},
      {"next", "the next of the previous page"},
      {"match[spec_version]", "2.1 (objects without spec_version count as 2.0)"}};
  auto with = [&](std::vector<QueryParam> extra) {
    extra.insert(extra.begin(), paging.begin(), paging.end());
    return extra;
  };
  const QueryParam id{"match[id]", "object ids, separated by commas"};
  const QueryParam type{"match[type]", "object types, separated by commas"};
  const QueryParam version{"match[version]",
                           "last (default), first, all or versions, separated by commas"};

  r.Add({.method = "GET", .path = "/api/taxii2/", .summary = "TAXII 2.1 discovery", .tag = "taxii"},
        Taxii(Discovery));
  r.Add({.method = "GET",
         .path = "/api/taxii2/shared/",
         .summary = "TAXII 2.1 API root information",
         .tag = "taxii"},
        Taxii(ApiRoot));
  r.Add({.method = "GET",
         .path = "/api/taxii2/shared/collections/",
         .summary = "TAXII collections the caller may read or add to",
         .tag = "taxii"},
        Taxii(ListCollections));
  r.Add({.method = "GET",
         .path = "/api/taxii2/shared/collections/{collection_id}/",
         .summary = "One TAXII collection",
         .tag = "taxii"},
        Taxii(GetCollection));
  r.Add(
      {.method = "GET",
       .path = "/api/taxii2/shared/collections/{collection_id}/objects/",
       .summary = "STIX objects of a collection as TLP lets the caller see them (a TAXII envelope)",
       .tag = "taxii",
       .query = with({id, type, version})},
      Taxii(GetObjects));
  r.Add({.method = "POST",
         .path = "/api/taxii2/shared/collections/{collection_id}/objects/",
         .summary =
             "Add STIX objects (a TAXII envelope) as the caller's organization; 202 with a status",
         .tag = "taxii",
         .success_status = 202},
        Taxii(AddObjects));
  r.Add({.method = "GET",
         .path = "/api/taxii2/shared/collections/{collection_id}/objects/{object_id}/",
         .summary = "The versions of one object selected by match[version] (a TAXII envelope)",
         .tag = "taxii",
         .query = with({version})},
        Taxii(GetObject));
  r.Add({.method = "GET",
         .path = "/api/taxii2/shared/collections/{collection_id}/objects/{object_id}/versions/",
         .summary = "The versions of one object",
         .tag = "taxii",
         .query = paging},
        Taxii(GetVersions));
  r.Add({.method = "GET",
         .path = "/api/taxii2/shared/collections/{collection_id}/manifest/",
         .summary =
             "Manifest records (id, date_added, version, media_type) of a collection's objects",
         .tag = "taxii",
         .query = with({id, type, version})},
        Taxii(GetManifest));
  r.Add({.method = "GET",
         .path = "/api/taxii2/shared/status/{status_id}/",
         .summary = "The status of an earlier POST by the caller's organization",
         .tag = "taxii"},
        Taxii(GetStatus));
}

}  // namespace sw::api
