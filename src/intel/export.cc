// SPDX-License-Identifier: Apache-2.0
#include "intel/export.h"

#include "core/ids.h"

namespace sw::intel {
namespace {

namespace json = boost::json;
using model::IndicatorType;

// A STIX string literal: quotes and backslashes escaped.
std::string StixLiteral(std::string_view v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

std::string Join(const std::vector<std::string>& v, char sep) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out.push_back(sep);
    out += s;
  }
  return out;
}

// MISP's attribute type and category for an indicator.
std::pair<std::string_view, std::string_view> MispType(IndicatorType t) {
  switch (t) {
    case IndicatorType::kIpv4:
    case IndicatorType::kIpv6:
    case IndicatorType::kCidr:
      return {"ip-dst", "Network activity"};
    case IndicatorType::kDomain:
      return {"domain", "Network activity"};
    case IndicatorType::kUrl:
      return {"url", "Network activity"};
    case IndicatorType::kEmail:
      return {"email", "Payload delivery"};
    case IndicatorType::kMd5:
      return {"md5", "Payload delivery"};
    case IndicatorType::kSha1:
      return {"sha1", "Payload delivery"};
    case IndicatorType::kSha256:
      return {"sha256", "Payload delivery"};
    case IndicatorType::kJa3:
      return {"ja3-fingerprint-md5", "Network activity"};
  }
  return {"text", "Other"};
}

// Namespace of the MISP attribute uuids this exporter derives (uuid5 of
// type and value), so the same value keeps its uuid from export to export.
constexpr std::string_view kMispAttributeNamespace = "6f1c1f4e-2d57-4a40-9a3c-5d0b4e0c7a11";

std::string CsvCell(std::string_view v);

// Free text a spreadsheet would run as a formula gets a leading quote.
std::string CsvText(std::string_view v) {
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) return CsvCell("'" + std::string(v));
  return CsvCell(v);
}

std::string CsvCell(std::string_view v) {
  const std::string_view cell = v;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return std::string(cell);
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace

std::string StixPatternFor(IndicatorType type, std::string_view value) {
  const std::string lit = StixLiteral(value);
  switch (type) {
    case IndicatorType::kIpv4:
      return "[ipv4-addr:value = " + lit + "]";
    case IndicatorType::kIpv6:
      return "[ipv6-addr:value = " + lit + "]";
    case IndicatorType::kCidr:
      return std::string(value.find(':') == std::string_view::npos ? "[ipv4-addr" : "[ipv6-addr") +
             ":value = " + lit + "]";
    case IndicatorType::kDomain:
      return "[domain-name:value = " + lit + "]";
    case IndicatorType::kUrl:
      return "[url:value = " + lit + "]";
    case IndicatorType::kEmail:
      return "[email-addr:value = " + lit + "]";
    case IndicatorType::kMd5:
      return "[file:hashes.MD5 = " + lit + "]";
    case IndicatorType::kSha1:
      return "[file:hashes.'SHA-1' = " + lit + "]";
    case IndicatorType::kSha256:
      return "[file:hashes.'SHA-256' = " + lit + "]";
    case IndicatorType::kJa3:
      return "[x-ja3:hash = " + lit + "]";
  }
  return {};
}

std::string_view TlpMarkingId(model::Tlp tlp) {
  switch (tlp) {
    case model::Tlp::kClear:
      return "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";
    case model::Tlp::kGreen:
      return "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
    case model::Tlp::kAmber:
      return "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
    case model::Tlp::kAmberStrict:
      return "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003";
    case model::Tlp::kRed:
      return "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
  }
  return {};
}

json::object MakeStixIndicator(const model::Indicator& ind, std::string_view id, Timestamp created) {
  json::object o;
  o["type"] = "indicator";
  o["spec_version"] = "2.1";
  o["id"] = id;
  const std::string at = FormatRfc3339(created);
  o["created"] = at;
  o["modified"] = at;
  o["name"] = ind.name.empty() ? std::string(model::NameIn(model::kIndicatorTypeNames, ind.type)) + " " + ind.value
                               : ind.name;
  o["pattern"] = StixPatternFor(ind.type, ind.value);
  o["pattern_type"] = "stix";
  o["valid_from"] = ind.valid_from ? FormatRfc3339(*ind.valid_from) : at;
  if (ind.valid_until) o["valid_until"] = FormatRfc3339(*ind.valid_until);
  o["confidence"] = ind.confidence;
  if (!ind.labels.empty()) {
    json::array labels;
    for (const auto& l : ind.labels) labels.emplace_back(l);
    o["labels"] = std::move(labels);
  }
  if (!ind.attack_techniques.empty()) {
    json::array refs;
    for (const auto& t : ind.attack_techniques) {
      refs.emplace_back(json::object{{"source_name", "mitre-attack"}, {"external_id", t}});
    }
    o["external_references"] = std::move(refs);
  }
  o["object_marking_refs"] = json::array{json::value(TlpMarkingId(ind.tlp))};
  return o;
}

StixBundleWriter::StixBundleWriter(std::ostream& out) : out_(out) {
  out_ << R"({"type":"bundle","id":"bundle--)" << NewUuid4() << R"(","objects":[)";
}

void StixBundleWriter::Add(std::string_view object_json) {
  if (count_++ > 0) out_ << ",\n";
  out_ << object_json;
}

void StixBundleWriter::Finish() { out_ << "]}\n"; }

MispEventWriter::MispEventWriter(std::ostream& out, std::string_view info, std::string_view org, Timestamp now)
    : out_(out) {
  const std::string day = FormatRfc3339(now).substr(0, 10);
  json::object head{{"uuid", NewUuid4()},
                    {"info", info},
                    {"date", day},
                    {"timestamp", std::to_string(ToUnixMillis(now) / 1000)},
                    {"threat_level_id", "4"},
                    {"analysis", "2"},
                    {"distribution", "0"},
                    {"Orgc", json::object{{"name", org}}}};
  std::string text = ToJson(head);
  text.pop_back();  // reopen the object to stream the attributes into it
  out_ << R"({"Event":)" << text << R"(,"Attribute":[)";
}

void MispEventWriter::Add(const model::Indicator& ind) {
  const auto [type, category] = MispType(ind.type);
  json::array tags{json::object{{"name", "tlp:" + std::string(model::NameIn(model::kTlpNames, ind.tlp))}}};
  for (const auto& t : ind.attack_techniques) {
    tags.emplace_back(json::object{{"name", "misp-galaxy:mitre-attack-pattern=\"" + t + "\""}});
  }
  json::object a{{"uuid", Uuid5(kMispAttributeNamespace, std::string(type) + "|" + ind.value)},
                 {"type", type},
                 {"category", category},
                 {"value", ind.value},
                 {"to_ids", true},
                 {"comment", ind.name},
                 {"Tag", std::move(tags)}};
  if (count_++ > 0) out_ << ",\n";
  out_ << ToJson(a);
}

void MispEventWriter::Finish() { out_ << "]}}\n"; }

CsvWriter::CsvWriter(std::ostream& out) : out_(out) {
  out_ << "type,value,confidence,tlp,source,name,valid_until,labels,attack_techniques,stix_id\r\n";
}

void CsvWriter::Add(const model::Indicator& ind) {
  ++count_;
  out_ << model::NameIn(model::kIndicatorTypeNames, ind.type) << ',' << CsvCell(ind.value) << ','
       << ind.confidence << ',' << model::NameIn(model::kTlpNames, ind.tlp) << ',' << CsvText(ind.source) << ','
       << CsvText(ind.name) << ',' << (ind.valid_until ? FormatRfc3339(*ind.valid_until) : std::string()) << ','
       << CsvText(Join(ind.labels, ';')) << ',' << CsvCell(Join(ind.attack_techniques, ';')) << ','
       << CsvCell(ind.stix_id) << "\r\n";
}

}  // namespace sw::intel
