// SPDX-License-Identifier: Apache-2.0
#include "model/scan.h"

#include <algorithm>

#include "model/codec_util.h"

namespace sw::model {
namespace {

Status OptInt(ObjectReader& r, std::string_view key, std::optional<int64_t>& out) {
  if (!r.Has(key)) {
    r.Get(key);
    return {};
  }
  int64_t v = 0;
  SW_RETURN_IF_ERROR(r.Int(key, v, kRequired));
  out = v;
  return {};
}

Status OptBool(ObjectReader& r, std::string_view key, std::optional<bool>& out) {
  if (!r.Has(key)) {
    r.Get(key);
    return {};
  }
  bool v = false;
  SW_RETURN_IF_ERROR(r.Bool(key, v, kRequired));
  out = v;
  return {};
}

Status InRange(int64_t v, int64_t lo, int64_t hi, const char* field) {
  if (v < lo || v > hi) {
    return InvalidArgument(std::string(field) + ": must be " + std::to_string(lo) + ".." +
                               std::to_string(hi),
                           field);
  }
  return {};
}

Status RequireName(std::string& name, const char* field, size_t max_chars) {
  name = TrimSpaces(name);
  if (name.empty()) return InvalidArgument(std::string(field) + ": required", field);
  if (Utf8Length(name) > max_chars) {
    return InvalidArgument(std::string(field) + ": at most " + std::to_string(max_chars) + " characters",
                           field);
  }
  return {};
}

}  // namespace

Result<ScanPolicyPatch> ScanPolicyPatchFromJson(const json::value& v) {
  SW_ASSIGN_OR_RETURN(ObjectReader r, ObjectReader::Of(v, ""));
  ScanPolicyPatch p;
  SW_RETURN_IF_ERROR(r.OptString("name", p.name, 400));
  SW_RETURN_IF_ERROR(r.OptString("description", p.description, 4000));
  SW_RETURN_IF_ERROR(r.OptString("ports", p.ports, 2000));
  SW_RETURN_IF_ERROR(OptInt(r, "top_ports", p.top_ports));
  SW_RETURN_IF_ERROR(OptBool(r, "version_detection", p.version_detection));
  SW_RETURN_IF_ERROR(OptInt(r, "intensity", p.intensity));
  SW_RETURN_IF_ERROR(OptBool(r, "tls_audit", p.tls_audit));
  SW_RETURN_IF_ERROR(OptInt(r, "rate", p.rate));
  SW_RETURN_IF_ERROR(OptInt(r, "max_host_in_flight", p.max_host_in_flight));
  SW_RETURN_IF_ERROR(r.Finish());
  return p;
}

Status ApplyScanPolicyPatch(const ScanPolicyPatch& p, bool creating, ScanPolicy& s) {
  if (creating && !p.name) return InvalidArgument("name: required", "name");
  if (p.name) s.name = *p.name;
  if (p.description) s.description = TrimSpaces(*p.description);
  if (p.ports) s.ports = TrimSpaces(*p.ports);
  if (p.top_ports) s.top_ports = *p.top_ports;
  if (p.version_detection) s.version_detection = *p.version_detection;
  if (p.intensity) s.intensity = *p.intensity;
  if (p.tls_audit) s.tls_audit = *p.tls_audit;
  if (p.rate) s.rate = *p.rate;
  if (p.max_host_in_flight) s.max_host_in_flight = *p.max_host_in_flight;
  SW_RETURN_IF_ERROR(RequireName(s.name, "name", 100));
  SW_RETURN_IF_ERROR(InRange(s.top_ports, 1, 65535, "top_ports"));
  SW_RETURN_IF_ERROR(InRange(s.intensity, 0, 9, "intensity"));
  SW_RETURN_IF_ERROR(InRange(s.rate, 1, 20000, "rate"));
  SW_RETURN_IF_ERROR(InRange(s.max_host_in_flight, 1, 1024, "max_host_in_flight"));
  return {};
}

json::object ToJson(const ScanPolicy& p) {
  json::object o;
  o.reserve(12);
  o["id"] = p.id.str();
  o["name"] = p.name;
  o["description"] = p.description;
  o["ports"] = p.ports;
  o["top_ports"] = p.top_ports;
  o["version_detection"] = p.version_detection;
  o["intensity"] = p.intensity;
  o["tls_audit"] = p.tls_audit;
  o["rate"] = p.rate;
  o["max_host_in_flight"] = p.max_host_in_flight;
  o["created_at"] = TimeToJson(p.created_at);
  o["updated_at"] = TimeToJson(p.updated_at);
  return o;
}

Result<ScanPolicy> ScanPolicyFromJson(const json::value& v) {
  SW_ASSIGN_OR_RETURN(ObjectReader r, ObjectReader::Of(v, "policy"));
  ScanPolicy p;
  std::string id;
  SW_RETURN_IF_ERROR(r.String("id", id, kRequired));
  p.id = ScanPolicyId(id);
  SW_RETURN_IF_ERROR(r.String("name", p.name, kRequired));
  SW_RETURN_IF_ERROR(r.String("description", p.description, kOptional));
  SW_RETURN_IF_ERROR(r.String("ports", p.ports, kOptional));
  SW_RETURN_IF_ERROR(r.Int("top_ports", p.top_ports, kOptional));
  SW_RETURN_IF_ERROR(r.Bool("version_detection", p.version_detection, kOptional));
  SW_RETURN_IF_ERROR(r.Int("intensity", p.intensity, kOptional));
  SW_RETURN_IF_ERROR(r.Bool("tls_audit", p.tls_audit, kOptional));
  SW_RETURN_IF_ERROR(r.Int("rate", p.rate, kOptional));
  SW_RETURN_IF_ERROR(r.Int("max_host_in_flight", p.max_host_in_flight, kOptional));
  SW_RETURN_IF_ERROR(ReadTime(r, "created_at", p.created_at, kRequired));
  SW_RETURN_IF_ERROR(ReadTime(r, "updated_at", p.updated_at, kRequired));
  SW_RETURN_IF_ERROR(r.Finish());
  return p;
}

Result<ScanSchedulePatch> ScanSchedulePatchFromJson(const json::value& v) {
  SW_ASSIGN_OR_RETURN(ObjectReader r, ObjectReader::Of(v, ""));
  ScanSchedulePatch p;
  SW_RETURN_IF_ERROR(r.OptString("name", p.name, 400));
  std::optional<std::string> policy;
  SW_RETURN_IF_ERROR(r.OptString("policy_id", policy, 64));
  if (policy) p.policy_id = ScanPolicyId(*policy);
  if (r.Has("asset_ids")) {
    std::vector<std::string> ids;
    SW_RETURN_IF_ERROR(r.StringArray("asset_ids", ids, kRequired, 256, 64));
    std::vector<AssetId> assets;
    for (auto& id : ids) {
      AssetId a(std::move(id));
      if (std::find(assets.begin(), assets.end(), a) == assets.end()) assets.push_back(std::move(a));
    }
    p.asset_ids = std::move(assets);
  } else {
    r.Get("asset_ids");
  }
  SW_RETURN_IF_ERROR(r.OptString("cron", p.cron, 200));
  SW_RETURN_IF_ERROR(r.OptString("window", p.window, 20));
  SW_RETURN_IF_ERROR(OptBool(r, "enabled", p.enabled));
  SW_RETURN_IF_ERROR(r.Finish());
  return p;
}

Status ApplyScanSchedulePatch(const ScanSchedulePatch& p, bool creating, ScanSchedule& s) {
  if (creating && !p.name) return InvalidArgument("name: required", "name");
  if (creating && !p.policy_id) return InvalidArgument("policy_id: required", "policy_id");
  if (creating && (!p.asset_ids || p.asset_ids->empty())) {
    return InvalidArgument("asset_ids: choose at least one asset", "asset_ids");
  }
  if (p.asset_ids && p.asset_ids->empty()) {
    return InvalidArgument("asset_ids: choose at least one asset", "asset_ids");
  }
  if (p.name) s.name = *p.name;
  if (p.policy_id) s.policy_id = *p.policy_id;
  if (p.asset_ids) {
    s.assets.clear();
    for (const auto& id : *p.asset_ids) s.assets.push_back({id, ""});
  }
  if (p.cron) s.cron = TrimSpaces(*p.cron);
  if (p.window) s.window = TrimSpaces(*p.window);
  if (p.enabled) s.enabled = *p.enabled;
  return RequireName(s.name, "name", 100);
}

json::object ToJson(const ScanSchedule& s) {
  json::object o;
  o.reserve(16);
  o["id"] = s.id.str();
  o["tenant_id"] = s.tenant_id.str();
  o["name"] = s.name;
  o["policy_id"] = s.policy_id.str();
  o["policy_name"] = s.policy_name;
  json::array ids, assets;
  for (const auto& a : s.assets) {
    ids.emplace_back(json::string(a.id.str()));
    assets.emplace_back(json::object{{"id", a.id.str()}, {"value", a.value}});
  }
  o["asset_ids"] = std::move(ids);
  o["assets"] = std::move(assets);
  o["cron"] = s.cron;
  o["window"] = s.window;
  o["enabled"] = s.enabled;
  o["next_run_at"] = TimeToJson(s.next_run_at);
  if (s.last_run) {
    o["last_run"] = json::object{{"id", s.last_run->id.str()},
                                 {"status", NameIn(kScanRunStatusNames, s.last_run->status)},
                                 {"finished_at", TimeToJson(s.last_run->finished_at)}};
  } else {
    o["last_run"] = nullptr;
  }
  o["created_by"] = s.created_by;
  o["created_at"] = TimeToJson(s.created_at);
  o["updated_at"] = TimeToJson(s.updated_at);
  return o;
}

json::object ToJson(const ScanRun& r) {
  json::object o;
  o.reserve(20);
  o["id"] = r.id.str();
  o["tenant_id"] = r.tenant_id.str();
  o["schedule_id"] = r.schedule_id.str();
  o["schedule_name"] = r.schedule_name;
  o["trigger"] = r.trigger;
  o["requested_by"] = r.requested_by;
  o["status"] = NameIn(kScanRunStatusNames, r.status);
  o["phase"] = r.progress.phase;
  o["progress"] = json::object{
      {"done", r.progress.done}, {"total", r.progress.total}, {"percent", r.progress.percent}};
  o["targets"] = StringsToJson(r.targets);
  o["policy"] = ToJson(r.policy);
  o["summary"] = json::object{{"hosts", r.summary.hosts},
                              {"hosts_refused", r.summary.hosts_refused},
                              {"open_ports", r.summary.open_ports},
                              {"findings", r.summary.findings},
                              {"changes", r.summary.changes}};
  o["previous_run_id"] = r.previous_run_id ? json::value(json::string(r.previous_run_id->str()))
                                           : json::value(nullptr);
  o["error"] = r.error;
  o["cancel_requested"] = r.cancel_requested;
  o["created_at"] = TimeToJson(r.created_at);
  o["started_at"] = TimeToJson(r.started_at);
  o["finished_at"] = TimeToJson(r.finished_at);
  return o;
}

json::object ToJson(const ScanChange& c) {
  json::object o;
  o.reserve(8);
  o["kind"] = NameIn(kScanChangeKindNames, c.kind);
  o["host"] = c.host;
  o["port"] = c.port;
  o["protocol"] = c.protocol;
  o["before"] = c.before;
  o["after"] = c.after;
  o["check_id"] = c.check_id;
  o["severity"] = c.severity ? json::value(json::string(NameIn(kSeverityNames, *c.severity)))
                             : json::value(nullptr);
  return o;
}

Result<ScanChange> ScanChangeFromJson(const json::value& v) {
  SW_ASSIGN_OR_RETURN(ObjectReader r, ObjectReader::Of(v, "change"));
  ScanChange c;
  SW_RETURN_IF_ERROR(ReadEnum(r, "kind", kScanChangeKindNames, c.kind, kRequired));
  SW_RETURN_IF_ERROR(r.String("host", c.host, kRequired));
  int64_t port = 0;
  SW_RETURN_IF_ERROR(r.Int("port", port, kRequired));
  SW_RETURN_IF_ERROR(InRange(port, 0, 65535, "port"));
  c.port = static_cast<uint16_t>(port);
  SW_RETURN_IF_ERROR(r.String("protocol", c.protocol, kOptional));
  SW_RETURN_IF_ERROR(r.String("before", c.before, kOptional));
  SW_RETURN_IF_ERROR(r.String("after", c.after, kOptional));
  SW_RETURN_IF_ERROR(r.String("check_id", c.check_id, kOptional));
  SW_RETURN_IF_ERROR(ReadOptEnum(r, "severity", kSeverityNames, c.severity));
  SW_RETURN_IF_ERROR(r.Finish());
  return c;
}

}  // namespace sw::model
