// SPDX-License-Identifier: Apache-2.0
#include "model/alert.h"

#include "model/codec_util.h"

namespace sw::model {
namespace {

Status Need(const json::object& o, std::string_view key, std::string_view path) {
  if (!o.contains(key)) return InvalidArgument(std::string(path) + std::string(key) + ": required", std::string(path) + std::string(key));
  return {};
}

Result<std::string> Text(const json::object& o, std::string_view key, std::string_view path, size_t max = 1024) {
  const std::string field = std::string(path) + std::string(key);
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::string();
  if (!v->is_string()) return InvalidArgument(field + ": must be a string", field);
  if (v->as_string().size() > max) return InvalidArgument(field + ": too long", field);
  return std::string(v->as_string());
}

Result<int64_t> Number(const json::object& o, std::string_view key, std::string_view path, int64_t lo, int64_t hi,
                       int64_t fallback) {
  const std::string field = std::string(path) + std::string(key);
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return fallback;
  int64_t n = 0;
  if (v->is_int64()) {
    n = v->as_int64();
  } else if (v->is_uint64() && v->as_uint64() <= static_cast<uint64_t>(hi)) {
    n = static_cast<int64_t>(v->as_uint64());
  } else {
    return InvalidArgument(field + ": must be an integer", field);
  }
  if (n < lo || n > hi) return InvalidArgument(field + ": out of range", field);
  return n;
}

// Suricata: "2016-07-13T22:42:07.388030+0000".
Result<Timestamp> EveTime(const std::string& s) {
  std::string t = s;
  if (t.size() >= 5 && (t[t.size() - 5] == '+' || t[t.size() - 5] == '-') && t.find(':', t.size() - 5) == std::string::npos) {
    t.insert(t.size() - 2, ":");
  }
  return ParseRfc3339(t);
}

}  // namespace

Result<NetworkAlert> AlertFromEve(const json::value& v) {
  if (!v.is_object()) return InvalidArgument("event: must be an object", "event");
  const auto& e = v.as_object();
  SW_ASSIGN_OR_RETURN(std::string type, Text(e, "event_type", ""));
  if (type != "alert") return InvalidArgument("event_type: must be \"alert\"", "event_type");
  SW_RETURN_IF_ERROR(Need(e, "alert", ""));
  const auto* av = e.if_contains("alert");
  if (!av->is_object()) return InvalidArgument("alert: must be an object", "alert");
  const auto& a = av->as_object();
  NetworkAlert out;
  SW_RETURN_IF_ERROR(Need(e, "timestamp", ""));
  SW_ASSIGN_OR_RETURN(std::string ts, Text(e, "timestamp", ""));
  auto t = EveTime(ts);
  if (!t.ok()) return InvalidArgument("timestamp: " + t.status().message(), "timestamp");
  out.timestamp = *t;
  SW_RETURN_IF_ERROR(Need(a, "signature_id", "alert."));
  SW_ASSIGN_OR_RETURN(int64_t sid, Number(a, "signature_id", "alert.", 1, 0xFFFFFFFF, 0));
  SW_ASSIGN_OR_RETURN(int64_t gid, Number(a, "gid", "alert.", 0, 0xFFFFFFFF, 1));
  SW_ASSIGN_OR_RETURN(int64_t rev, Number(a, "rev", "alert.", 0, 0xFFFFFFFF, 0));
  out.signature_id = static_cast<uint32_t>(sid);
  out.gid = static_cast<uint32_t>(gid);
  out.rev = static_cast<uint32_t>(rev);
  SW_ASSIGN_OR_RETURN(out.signature, Text(a, "signature", "alert.", 4096));
  SW_ASSIGN_OR_RETURN(out.category, Text(a, "category", "alert.", 512));
  SW_ASSIGN_OR_RETURN(out.severity, Number(a, "severity", "alert.", 1, 255, 3));
  SW_ASSIGN_OR_RETURN(out.src_ip, Text(e, "src_ip", "", 64));
  SW_ASSIGN_OR_RETURN(out.dest_ip, Text(e, "dest_ip", "", 64));
  SW_ASSIGN_OR_RETURN(out.src_port, Number(e, "src_port", "", 0, 65535, 0));
  SW_ASSIGN_OR_RETURN(out.dest_port, Number(e, "dest_port", "", 0, 65535, 0));
  SW_ASSIGN_OR_RETURN(out.proto, Text(e, "proto", "", 32));
  SW_ASSIGN_OR_RETURN(out.app_proto, Text(e, "app_proto", "", 32));
  out.event = e;
  return out;
}

json::object ToJson(const NetworkAlert& a) {
  json::object o;
  o.reserve(20);
  o["id"] = a.id.str();
  o["tenant_id"] = a.tenant_id.str();
  o["sensor"] = a.sensor_name;
  o["event_id"] = a.event_id;
  o["timestamp"] = TimeToJson(a.timestamp);
  o["received_at"] = TimeToJson(a.received_at);
  o["gid"] = a.gid;
  o["signature_id"] = a.signature_id;
  o["rev"] = a.rev;
  o["signature"] = a.signature;
  o["category"] = a.category;
  o["severity"] = a.severity;
  o["src_ip"] = a.src_ip;
  o["src_port"] = a.src_port;
  o["dest_ip"] = a.dest_ip;
  o["dest_port"] = a.dest_port;
  o["proto"] = a.proto;
  o["app_proto"] = a.app_proto;
  o["event"] = a.event;
  return o;
}

}  // namespace sw::model
