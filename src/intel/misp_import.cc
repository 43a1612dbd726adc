// SPDX-License-Identifier: Apache-2.0
#include "intel/misp_import.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>

#include <boost/json/value.hpp>

#include "core/file.h"
#include "core/json.h"
#include "intel/normalize.h"

namespace sw::intel {
namespace {

using model::IndicatorType;
using model::Tlp;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Str(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return {};
  return v->get_string();
}

// to_ids / deleted: JSON booleans, or "1"/"0"/"true"/"false" strings, or numbers.
bool Flag(const json::object& o, std::string_view key, bool fallback) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return fallback;
  if (v->is_bool()) return v->get_bool();
  if (v->is_int64()) return v->get_int64() != 0;
  if (v->is_string()) {
    const std::string s = Lower(v->get_string());
    return s == "1" || s == "true";
  }
  return fallback;
}

// Which part of the value holds the indicator, and as what.
enum class Part { kWhole, kBeforeBar, kAfterBar };
struct TypeRule {
  std::string_view misp_type;
  std::optional<IndicatorType> type;  // nullopt: an address, typed by the value
  Part part;
};
constexpr TypeRule kTypes[] = {
    {"ip-src", std::nullopt, Part::kWhole},
    {"ip-dst", std::nullopt, Part::kWhole},
    {"ip-src|port", std::nullopt, Part::kBeforeBar},
    {"ip-dst|port", std::nullopt, Part::kBeforeBar},
    {"domain", IndicatorType::kDomain, Part::kWhole},
    {"hostname", IndicatorType::kDomain, Part::kWhole},
    {"domain|ip", IndicatorType::kDomain, Part::kBeforeBar},
    {"url", IndicatorType::kUrl, Part::kWhole},
    {"email", IndicatorType::kEmail, Part::kWhole},
    {"email-src", IndicatorType::kEmail, Part::kWhole},
    {"email-dst", IndicatorType::kEmail, Part::kWhole},
    {"md5", IndicatorType::kMd5, Part::kWhole},
    {"sha1", IndicatorType::kSha1, Part::kWhole},
    {"sha256", IndicatorType::kSha256, Part::kWhole},
    {"filename|md5", IndicatorType::kMd5, Part::kAfterBar},
    {"filename|sha1", IndicatorType::kSha1, Part::kAfterBar},
    {"filename|sha256", IndicatorType::kSha256, Part::kAfterBar},
    {"ja3-fingerprint-md5", IndicatorType::kJa3, Part::kWhole},
};

const TypeRule* RuleFor(std::string_view type) {
  for (const auto& r : kTypes) {
    if (r.misp_type == type) return &r;
  }
  return nullptr;
}

// The quoted value of a machine tag: misp:confidence-level="fairly-confident".
std::string TagValue(std::string_view tag) {
  const size_t eq = tag.find('=');
  if (eq == std::string_view::npos) return {};
  std::string_view v = tag.substr(eq + 1);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  return Lower(v);
}

std::optional<int> ConfidenceFromTag(std::string_view tag) {
  const std::string t = Lower(tag);
  const std::string v = TagValue(tag);
  const auto number = [&]() -> std::optional<int> {
    if (v.empty() || v.size() > 3 || !std::all_of(v.begin(), v.end(), ::isdigit))
      return std::nullopt;
    const int n = std::stoi(v);
    return n <= 100 ? std::optional(n) : std::nullopt;
  };
  if (t.rfind("misp:confidence-level=", 0) == 0) {
    if (v == "completely-confident") return 100;
    if (v == "usually-confident") return 75;
    if (v == "fairly-confident") return 50;
    if (v == "rarely-confident") return 25;
    if (v == "unconfident") return 0;
    return number();
  }
  if (t.rfind("osint:certainty=", 0) == 0) return number();
  if (t.rfind("estimative-language:confidence-in-analytic-judgment=", 0) == 0) {
    if (v == "high") return 80;
    if (v == "moderate") return 50;
    if (v == "low") return 20;
  }
  if (t.rfind("admiralty-scale:information-credibility=", 0) == 0) {
    if (v.size() == 1 && v[0] >= '1' && v[0] <= '5') return 100 - (v[0] - '1') * 20;
  }
  return std::nullopt;
}

std::optional<Tlp> TlpFromTag(std::string_view tag) {
  const std::string t = Lower(tag);
  if (t.rfind("tlp:", 0) != 0) return std::nullopt;
  const std::string_view level = std::string_view(t).substr(4);
  if (level == "white" || level == "clear") return Tlp::kClear;
  if (level == "green") return Tlp::kGreen;
  if (level == "amber") return Tlp::kAmber;
  if (level == "amber+strict") return Tlp::kAmberStrict;
  if (level == "red") return Tlp::kRed;
  return std::nullopt;
}

// "T1566.001" at the end of "misp-galaxy:mitre-attack-pattern=\"... - T1566.001\"".
std::string TechniqueFromTag(std::string_view tag) {
  if (tag.find("mitre-attack-pattern") == std::string_view::npos) return {};
  std::string v(tag);
  if (!v.empty() && v.back() == '"') v.pop_back();
  const size_t t = v.rfind('T');
  if (t == std::string::npos || t + 5 > v.size()) return {};
  const std::string id = v.substr(t);
  const bool ok = std::all_of(id.begin() + 1, id.begin() + 5, ::isdigit) &&
                  (id.size() == 5 || (id.size() == 9 && id[5] == '.' &&
                                      std::all_of(id.begin() + 6, id.end(), ::isdigit)));
  return ok ? id : std::string();
}

void AddUnique(std::vector<std::string>& v, std::string s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

// Applies a Tag list to `ind`. Returns whether a TLP tag was found.
bool ApplyTags(const json::object& holder, model::Indicator& ind) {
  const auto* tags = holder.if_contains("Tag");
  if (tags == nullptr || !tags->is_array()) return false;
  bool tlp_found = false;
  for (const auto& t : tags->get_array()) {
    if (!t.is_object()) continue;
    const std::string_view name = Str(t.get_object(), "name");
    if (name.empty()) continue;
    if (auto tlp = TlpFromTag(name)) {
      ind.tlp = *tlp;
      tlp_found = true;
      continue;
    }
    if (auto c = ConfidenceFromTag(name)) {
      ind.confidence = *c;
      continue;
    }
    AddUnique(ind.attack_techniques, TechniqueFromTag(name));
    AddUnique(ind.labels, std::string(name));
  }
  return tlp_found;
}

void ImportAttribute(const json::value& v, const model::Indicator& base,
                     const std::string& event_uuid, size_t index, std::string_view object,
                     MispImportResult& r) {
  MispAttributeReport rep;
  rep.event_uuid = event_uuid;
  rep.index = index;
  rep.object = std::string(object);
  const auto finish = [&](MispAttributeStatus s, std::string reason = {}) {
    rep.status = s;
    rep.reason = std::move(reason);
    r.attributes.push_back(std::move(rep));
  };
  const json::object* a = v.if_object();
  if (a == nullptr) return finish(MispAttributeStatus::kRejected, "not a JSON object");
  rep.uuid = std::string(Str(*a, "uuid"));
  rep.type = std::string(Str(*a, "type"));
  if (rep.type.empty()) return finish(MispAttributeStatus::kRejected, "type: missing");
  const TypeRule* rule = RuleFor(rep.type);
  if (rule == nullptr) return finish(MispAttributeStatus::kIgnoredType);
  if (Flag(*a, "deleted", false)) return finish(MispAttributeStatus::kDeleted, "deleted");
  if (!Flag(*a, "to_ids", true)) return finish(MispAttributeStatus::kNotForIds, "to_ids is false");
  const auto* value = a->if_contains("value");
  if (value == nullptr || !value->is_string())
    return finish(MispAttributeStatus::kRejected, "value: expected a string");
  std::string_view text = value->get_string();
  if (rule->part != Part::kWhole) {
    const size_t bar = text.find('|');
    if (bar == std::string_view::npos) {
      return finish(MispAttributeStatus::kRejected,
                    "value: '" + std::string(text.substr(0, 100)) + "' has no '|'");
    }
    text = rule->part == Part::kBeforeBar ? text.substr(0, bar) : text.substr(bar + 1);
  }
  IndicatorType type = IndicatorType::kIpv4;
  if (rule->type) {
    type = *rule->type;
  } else if (text.find('/') != std::string_view::npos) {
    type = IndicatorType::kCidr;
  } else if (text.find(':') != std::string_view::npos) {
    type = IndicatorType::kIpv6;
  }
  // MISP feeds carry many URLs without a scheme ("198.51.100.7/gate.php");
  // MISP itself takes them as web addresses, and so does this import.
  std::string with_scheme;
  if (type == IndicatorType::kUrl && text.find("://") == std::string_view::npos) {
    with_scheme = "http://" + std::string(text);
    text = with_scheme;
  }
  auto norm = NormalizeIndicator(type, text);
  if (!norm.ok()) return finish(MispAttributeStatus::kRejected, norm.status().message());
  model::Indicator ind = base;
  ind.type = type;
  ind.value = std::move(norm).value();
  AddUnique(ind.labels, std::string(Str(*a, "category")));
  ApplyTags(*a, ind);
  r.indicators.push_back(std::move(ind));
  finish(MispAttributeStatus::kImported);
}

Status ImportEventValue(const json::value& doc, const MispImportOptions& options,
                        MispImportResult& r) {
  const json::object* top = doc.if_object();
  if (top == nullptr) return InvalidArgument("misp event: not a JSON object");
  const json::object* ev = top;
  if (const auto* wrapped = top->if_contains("Event")) {
    if (!wrapped->is_object()) return InvalidArgument("misp event: Event: expected an object");
    ev = &wrapped->get_object();
  } else if (!top->empty() && !top->contains("Attribute") && !top->contains("Object") &&
             !top->contains("info") && !top->contains("Orgc")) {
    return InvalidArgument(
        "misp event: neither {\"Event\": ...} nor an event (no Attribute, Object, info or Orgc)");
  }
  ++r.events;
  const std::string uuid(Str(*ev, "uuid"));
  model::Indicator base;
  base.confidence = options.default_confidence;
  base.tlp = options.default_tlp;
  base.name = std::string(Str(*ev, "info"));
  if (const auto* orgc = ev->if_contains("Orgc"); orgc && orgc->is_object()) {
    base.source = std::string(Str(orgc->get_object(), "name"));
  }
  ApplyTags(*ev, base);
  size_t index = 0;
  if (const auto* attrs = ev->if_contains("Attribute"); attrs && attrs->is_array()) {
    for (const auto& a : attrs->get_array()) ImportAttribute(a, base, uuid, index++, "", r);
  }
  if (const auto* objects = ev->if_contains("Object"); objects && objects->is_array()) {
    for (const auto& o : objects->get_array()) {
      if (!o.is_object()) continue;
      const std::string_view name = Str(o.get_object(), "name");
      if (Flag(o.get_object(), "deleted", false)) continue;
      const auto* attrs = o.get_object().if_contains("Attribute");
      if (attrs == nullptr || !attrs->is_array()) continue;
      for (const auto& a : attrs->get_array()) ImportAttribute(a, base, uuid, index++, name, r);
    }
  }
  return {};
}

Result<json::value> Parse(std::string_view text, const MispImportOptions& options,
                          std::string_view what) {
  auto doc = ParseJson(text, {.max_bytes = options.max_event_bytes, .max_depth = 64});
  if (!doc.ok()) {
    std::string m = doc.status().message();
    if (m.rfind("body: ", 0) == 0) m = m.substr(6);
    return InvalidArgument(std::string(what) + ": " + m);
  }
  return doc;
}

}  // namespace

std::string_view MispAttributeStatusName(MispAttributeStatus s) {
  switch (s) {
    case MispAttributeStatus::kImported:
      return "imported";
    case MispAttributeStatus::kNotForIds:
      return "not for IDS";
    case MispAttributeStatus::kDeleted:
      return "deleted";
    case MispAttributeStatus::kIgnoredType:
      return "ignored type";
    case MispAttributeStatus::kRejected:
      return "rejected";
  }
  return "unknown";
}

size_t MispImportResult::Count(MispAttributeStatus s) const {
  return static_cast<size_t>(
      std::count_if(attributes.begin(), attributes.end(),
                    [&](const MispAttributeReport& a) { return a.status == s; }));
}

Result<MispImportResult> ImportMispEvent(std::string_view text, const MispImportOptions& options) {
  SW_ASSIGN_OR_RETURN(json::value doc, Parse(text, options, "misp event"));
  MispImportResult r;
  SW_RETURN_IF_ERROR(ImportEventValue(doc, options, r));
  return r;
}

Result<MispImportResult> ImportMispFeed(const std::string& dir, const MispImportOptions& options) {
  SW_ASSIGN_OR_RETURN(std::string manifest_text,
                      ReadFileToString(dir + "/manifest.json", options.max_event_bytes));
  SW_ASSIGN_OR_RETURN(json::value manifest, Parse(manifest_text, options, "manifest.json"));
  if (!manifest.is_object())
    return InvalidArgument("manifest.json: expected an object of event uuids");
  MispImportResult r;
  for (const auto& entry : manifest.get_object()) {
    const std::string uuid(entry.key());
    // The uuid names a file: only [0-9a-f-] may reach the path.
    if (uuid.empty() || !std::all_of(uuid.begin(), uuid.end(), [](char c) {
          return std::isxdigit(static_cast<unsigned char>(c)) || c == '-';
        })) {
      r.event_errors.push_back(uuid.substr(0, 100) + ": not a uuid");
      continue;
    }
    auto text = ReadFileToString(dir + "/" + uuid + ".json", options.max_event_bytes);
    if (!text.ok()) {
      r.event_errors.push_back(uuid + ": " + text.status().message());
      continue;
    }
    auto doc = Parse(*text, options, uuid + ".json");
    Status s = doc.ok() ? ImportEventValue(*doc, options, r) : doc.status();
    if (!s.ok()) r.event_errors.push_back(uuid + ": " + s.message());
  }
  return r;
}

}  // namespace sw::intel
