// SPDX-License-Identifier: Apache-2.0
#include "intel/stix_import.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <unordered_map>
#include <utility>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "core/json.h"
#include "core/time.h"
#include "intel/stix_pattern.h"

namespace sw::intel {
namespace {

using model::Tlp;

// The standard marking-definition ids: TLP 2.0 (STIX 2.1 TLP 2.0 extension)
// and TLP 1.0 (STIX 2.1 section 7.2.1.4).
constexpr std::pair<std::string_view, Tlp> kTlpIds[] = {
    {"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", Tlp::kClear},
    {"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", Tlp::kGreen},
    {"marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", Tlp::kAmber},
    {"marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", Tlp::kAmberStrict},
    {"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", Tlp::kRed},
    {"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", Tlp::kClear},  // TLP 1.0 white
    {"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", Tlp::kGreen},
    {"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", Tlp::kAmber},
    {"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", Tlp::kRed},
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "white", "TLP:AMBER+STRICT", "tlp:clear" -> the level.
std::optional<Tlp> TlpFromName(std::string_view name) {
  std::string n = Lower(name);
  if (n.rfind("tlp:", 0) == 0) n = n.substr(4);
  if (n == "white" || n == "clear") return Tlp::kClear;
  if (n == "green") return Tlp::kGreen;
  if (n == "amber") return Tlp::kAmber;
  if (n == "amber+strict") return Tlp::kAmberStrict;
  if (n == "red") return Tlp::kRed;
  return std::nullopt;
}

const json::string* StringField(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v ? v->if_string() : nullptr;
}

std::string_view StringOr(const json::object& o, std::string_view key,
                          std::string_view fallback = {}) {
  const json::string* s = StringField(o, key);
  return s ? std::string_view(*s) : fallback;
}

bool IsHexRun(std::string_view s, size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c));
         });
}

// "<type>--<uuid>" where the uuid is 8-4-4-4-12 hex digits.
bool ValidId(std::string_view id, std::string_view type) {
  if (id.size() != type.size() + 2 + 36 || id.substr(0, type.size()) != type ||
      id.substr(type.size(), 2) != "--") {
    return false;
  }
  const std::string_view u = id.substr(type.size() + 2);
  return IsHexRun(u.substr(0, 8), 8) && u[8] == '-' && IsHexRun(u.substr(9, 4), 4) &&
         u[13] == '-' && IsHexRun(u.substr(14, 4), 4) && u[18] == '-' &&
         IsHexRun(u.substr(19, 4), 4) && u[23] == '-' && IsHexRun(u.substr(24), 12);
}

// The ATT&CK technique id of an external reference, or "".
std::string TechniqueOf(const json::value& ref) {
  const json::object* r = ref.if_object();
  if (r == nullptr) return {};
  const std::string_view source = StringOr(*r, "source_name");
  const std::string_view id = StringOr(*r, "external_id");
  if (source.rfind("mitre", 0) != 0 || id.size() < 5 || id[0] != 'T') return {};
  return std::string(id);
}

void AddUnique(std::vector<std::string>& v, std::string s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

// What the first pass learns about the bundle.
struct Context {
  std::unordered_map<std::string, std::string> identity_names;
  std::unordered_map<std::string, Tlp> marking_tlp;
  std::unordered_map<std::string, std::vector<std::string>> attack_pattern_techniques;
  std::unordered_map<std::string, std::vector<std::string>>
      indicates;  // indicator id -> target ids
};

void Learn(const json::object& o, Context& ctx) {
  const std::string_view type = StringOr(o, "type");
  const std::string id(StringOr(o, "id"));
  if (id.empty()) return;
  if (type == "identity") {
    if (const auto* name = StringField(o, "name")) ctx.identity_names[id] = std::string(*name);
  } else if (type == "marking-definition") {
    std::optional<Tlp> tlp;
    if (StringOr(o, "definition_type") == "tlp") {
      if (const auto* def = o.if_contains("definition"); def && def->is_object()) {
        tlp = TlpFromName(StringOr(def->get_object(), "tlp"));
      }
    }
    if (!tlp) tlp = TlpFromName(StringOr(o, "name"));
    if (tlp) ctx.marking_tlp[id] = *tlp;
  } else if (type == "attack-pattern") {
    if (const auto* refs = o.if_contains("external_references"); refs && refs->is_array()) {
      for (const auto& r : refs->get_array())
        AddUnique(ctx.attack_pattern_techniques[id], TechniqueOf(r));
    }
  } else if (type == "relationship" && StringOr(o, "relationship_type") == "indicates") {
    const std::string src(StringOr(o, "source_ref"));
    const std::string dst(StringOr(o, "target_ref"));
    if (!src.empty() && !dst.empty()) ctx.indicates[src].push_back(dst);
  }
}

Status Reject(std::string reason) { return InvalidArgument(std::move(reason)); }

Result<std::optional<Timestamp>> OptTime(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<Timestamp>();
  if (!v->is_string()) return Reject(std::string(key) + ": expected a timestamp string");
  auto t = ParseRfc3339(v->get_string());
  if (!t.ok()) return Reject(std::string(key) + ": " + t.status().message());
  return std::optional<Timestamp>(*t);
}

Status StringList(const json::object& o, std::string_view key, std::vector<std::string>& out) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return {};
  if (!v->is_array()) return Reject(std::string(key) + ": expected a list of strings");
  for (const auto& e : v->get_array()) {
    if (!e.is_string()) return Reject(std::string(key) + ": expected a list of strings");
    AddUnique(out, std::string(e.get_string()));
  }
  return {};
}

// Imports one indicator object into `r`; the status is the object's
// rejection reason.
// The object's TLP from its object_marking_refs (the most restrictive one),
// or nothing when it has no TLP marking.
Result<std::optional<Tlp>> ObjectTlp(const json::object& o, const Context& ctx) {
  std::vector<std::string> markings;
  SW_RETURN_IF_ERROR(StringList(o, "object_marking_refs", markings));
  std::optional<Tlp> tlp;
  for (const auto& m : markings) {
    std::optional<Tlp> level;
    for (const auto& [mid, t] : kTlpIds) {
      if (m == mid) level = t;
    }
    if (!level) {
      if (auto it = ctx.marking_tlp.find(m); it != ctx.marking_tlp.end()) level = it->second;
    }
    if (level && (!tlp || *level > *tlp)) tlp = level;
  }
  return tlp;
}

Status ImportIndicator(const json::object& o, const std::string& id, const Context& ctx,
                       const StixImportOptions& options, StixImportResult& r,
                       StixObjectReport& report) {
  const json::string* pattern = StringField(o, "pattern");
  if (pattern == nullptr)
    return Reject(o.contains("pattern") ? "pattern: expected a string" : "pattern: missing");
  model::Indicator base;
  base.stix_id = id;
  if (const auto* name = o.if_contains("name")) {
    if (!name->is_string()) return Reject("name: expected a string");
    base.name = std::string(name->get_string());
  }
  if (const auto* conf = o.if_contains("confidence"); conf && !conf->is_null()) {
    if (!conf->is_int64() || conf->get_int64() < 0 || conf->get_int64() > 100) {
      return Reject("confidence: expected an integer from 0 to 100");
    }
    base.confidence = static_cast<int>(conf->get_int64());
  }
  SW_ASSIGN_OR_RETURN(base.valid_from, OptTime(o, "valid_from"));
  SW_ASSIGN_OR_RETURN(base.valid_until, OptTime(o, "valid_until"));
  if (base.valid_from && base.valid_until && *base.valid_until <= *base.valid_from) {
    return Reject("valid_until: not after valid_from");
  }
  SW_RETURN_IF_ERROR(StringList(o, "indicator_types", base.labels));
  SW_RETURN_IF_ERROR(StringList(o, "labels", base.labels));
  if (const auto* phases = o.if_contains("kill_chain_phases"); phases && !phases->is_null()) {
    if (!phases->is_array()) return Reject("kill_chain_phases: expected a list");
    for (const auto& p : phases->get_array()) {
      const json::object* po = p.if_object();
      if (po == nullptr || !StringField(*po, "kill_chain_name") ||
          !StringField(*po, "phase_name")) {
        return Reject("kill_chain_phases: expected {kill_chain_name, phase_name} objects");
      }
      AddUnique(base.labels, std::string(StringOr(*po, "kill_chain_name")) + ":" +
                                 std::string(StringOr(*po, "phase_name")));
    }
  }
  if (const auto* refs = o.if_contains("external_references"); refs && refs->is_array()) {
    for (const auto& ref : refs->get_array()) AddUnique(base.attack_techniques, TechniqueOf(ref));
  }
  if (auto it = ctx.indicates.find(id); it != ctx.indicates.end()) {
    for (const auto& target : it->second) {
      if (auto ap = ctx.attack_pattern_techniques.find(target);
          ap != ctx.attack_pattern_techniques.end()) {
        for (const auto& t : ap->second) AddUnique(base.attack_techniques, t);
      }
    }
  }
  SW_ASSIGN_OR_RETURN(std::optional<Tlp> tlp, ObjectTlp(o, ctx));
  base.tlp = tlp.value_or(options.default_tlp);
  base.source = options.default_source;
  if (const auto* by = StringField(o, "created_by_ref")) {
    if (auto it = ctx.identity_names.find(std::string(*by)); it != ctx.identity_names.end())
      base.source = it->second;
  }

  const std::string_view pattern_type = StringOr(o, "pattern_type", "stix");
  if (pattern_type != "stix") {
    report.status = StixObjectStatus::kNotMatchable;
    report.reason = "pattern_type '" + std::string(pattern_type) + "' is not a STIX pattern";
    r.not_matchable.push_back({id, base.name, std::string(*pattern), report.reason});
    return {};
  }
  auto parsed = ParseStixPattern(*pattern);
  if (!parsed.ok()) return Reject("pattern: " + parsed.status().message());
  PatternMapping mapping = MapPatternToIndicators(*parsed);
  if (!mapping.matchable) {
    report.status = StixObjectStatus::kNotMatchable;
    report.reason = mapping.reason;
    r.not_matchable.push_back({id, base.name, std::string(*pattern), mapping.reason});
    return {};
  }
  report.status = StixObjectStatus::kImported;
  report.indicators = mapping.values.size();
  for (const auto& rejected : mapping.rejected_values) {
    if (!report.reason.empty()) report.reason += "; ";
    report.reason += "left out " + rejected;
  }
  for (auto& v : mapping.values) {
    model::Indicator ind = base;
    ind.type = v.type;
    ind.value = std::move(v.value);
    r.indicators.push_back(std::move(ind));
  }
  return {};
}

void ImportObject(const json::value& v, size_t index, const Context& ctx,
                  const StixImportOptions& options, StixImportResult& r) {
  StixObjectReport report;
  report.index = index;
  const auto done = [&](Status s) {
    if (!s.ok()) {
      report.status = StixObjectStatus::kRejected;
      report.reason = s.message();
      report.indicators = 0;
      report.json.clear();
      report.version.clear();
    }
    r.objects.push_back(std::move(report));
  };
  const json::object* o = v.if_object();
  if (o == nullptr) return done(Reject("not a JSON object"));
  if (const auto* id = StringField(*o, "id")) report.id = std::string(*id);
  if (const auto* type = StringField(*o, "type")) report.type = std::string(*type);
  const size_t bytes = json::serialize(v).size();
  if (bytes > options.max_object_bytes) {
    return done(Reject("object is " + std::to_string(bytes) + " bytes, over the limit of " +
                       std::to_string(options.max_object_bytes)));
  }
  if (report.type.empty())
    return done(Reject(o->contains("type") ? "type: expected a string" : "type: missing"));
  if (report.id.empty())
    return done(Reject(o->contains("id") ? "id: expected a string" : "id: missing"));
  if (!ValidId(report.id, report.type)) {
    return done(
        Reject("id: '" + report.id.substr(0, 100) + "' is not '" + report.type + "--<uuid>'"));
  }
  auto tlp = ObjectTlp(*o, ctx);
  if (!tlp.ok()) return done(tlp.status());
  // Marking definitions must reach whoever gets the objects they mark.
  report.tlp = report.type == "marking-definition" ? Tlp::kClear : tlp->value_or(options.default_tlp);
  report.version = std::string(StringOr(*o, "modified", StringOr(*o, "created")));
  report.json = json::serialize(v);
  if (report.type != "indicator") {
    report.status = StixObjectStatus::kIgnoredType;
    return done({});
  }
  if (const auto* revoked = o->if_contains("revoked");
      revoked && revoked->is_bool() && revoked->get_bool()) {
    report.status = StixObjectStatus::kRevoked;
    report.reason = "revoked";
    return done({});
  }
  const size_t before = r.indicators.size();
  Status s = ImportIndicator(*o, report.id, ctx, options, r, report);
  if (!s.ok()) r.indicators.resize(before);
  done(std::move(s));
}

}  // namespace

std::string_view StixObjectStatusName(StixObjectStatus s) {
  switch (s) {
    case StixObjectStatus::kImported:
      return "imported";
    case StixObjectStatus::kNotMatchable:
      return "not matchable";
    case StixObjectStatus::kRevoked:
      return "revoked";
    case StixObjectStatus::kIgnoredType:
      return "ignored type";
    case StixObjectStatus::kRejected:
      return "rejected";
  }
  return "unknown";
}

size_t StixImportResult::Count(StixObjectStatus s) const {
  return static_cast<size_t>(std::count_if(
      objects.begin(), objects.end(), [&](const StixObjectReport& o) { return o.status == s; }));
}

Result<StixImportResult> ImportStixBundle(std::string_view text, const StixImportOptions& options) {
  auto doc = ParseJson(text, {.max_bytes = options.max_bundle_bytes, .max_depth = 64});
  if (!doc.ok()) {
    std::string m = doc.status().message();
    if (m.rfind("body: ", 0) == 0) m = m.substr(6);
    return InvalidArgument("stix bundle: " + m);
  }
  const json::array* objects = nullptr;
  json::array single;
  if (doc->is_array()) {
    objects = &doc->get_array();
  } else if (const json::object* top = doc->if_object()) {
    const std::string_view type = StringOr(*top, "type");
    if (type == "bundle") {
      const auto* list = top->if_contains("objects");
      if (list == nullptr) {
        single.clear();  // an empty bundle
        objects = &single;
      } else if (!list->is_array()) {
        return InvalidArgument("stix bundle: objects: expected a list");
      } else {
        objects = &list->get_array();
      }
    } else if (!type.empty()) {
      single.push_back(*doc);
      objects = &single;
    }
  }
  if (objects == nullptr)
    return InvalidArgument("stix bundle: not a STIX bundle, object or list of objects");
  if (objects->size() > options.max_objects) {
    return ResourceExhausted("stix bundle: " + std::to_string(objects->size()) +
                             " objects, over the limit of " + std::to_string(options.max_objects));
  }
  Context ctx;
  for (const auto& v : *objects) {
    if (const json::object* o = v.if_object()) Learn(*o, ctx);
  }
  StixImportResult r;
  r.objects.reserve(objects->size());
  for (size_t i = 0; i < objects->size(); ++i) ImportObject((*objects)[i], i, ctx, options, r);
  return r;
}

std::string FormatStixImportReport(const StixImportResult& r) {
  std::string out = std::to_string(r.objects.size()) +
                    " objects: " + std::to_string(r.Count(StixObjectStatus::kImported)) +
                    " imported (" + std::to_string(r.indicators.size()) + " indicators), " +
                    std::to_string(r.Count(StixObjectStatus::kNotMatchable)) + " not matchable, " +
                    std::to_string(r.Count(StixObjectStatus::kRevoked)) + " revoked, " +
                    std::to_string(r.Count(StixObjectStatus::kIgnoredType)) + " ignored, " +
                    std::to_string(r.Count(StixObjectStatus::kRejected)) + " rejected\n";
  for (const auto& o : r.objects) {
    if (o.status != StixObjectStatus::kRejected && o.status != StixObjectStatus::kNotMatchable)
      continue;
    out += "  #" + std::to_string(o.index) + " " + (o.id.empty() ? "(no id)" : o.id) + ": " +
           std::string(StixObjectStatusName(o.status)) + ": " + o.reason + "\n";
  }
  return out;
}

}  // namespace sw::intel
