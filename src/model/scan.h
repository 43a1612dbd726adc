// SPDX-License-Identifier: Apache-2.0
//
// The platform's scanning objects. A ScanPolicy says how to scan (ports,
// version detection, TLS audit, pace); the center keeps them for everyone.
// A ScanSchedule is an enterprise's standing order: these assets, this
// policy, at these cron times, inside this maintenance window. A ScanRun is
// one execution, with its progress and outcome; a ScanChange is one line of
// the diff between a run and the schedule's previous successful run.
// Plain values with JSON codecs; thread-safe to copy.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/json.h"
#include "core/status.h"
#include "core/time.h"
#include "model/asset.h"
#include "model/enum_names.h"
#include "model/finding.h"
#include "model/tenant.h"

namespace sw::model {

using ScanPolicyId = StrongId<struct ScanPolicyIdTag>;
using ScanScheduleId = StrongId<struct ScanScheduleIdTag>;
using ScanRunId = StrongId<struct ScanRunIdTag>;

struct ScanPolicy {
  ScanPolicyId id;
  std::string name;
  std::string description;
  std::string ports;      // Nmap's syntax; empty: the top_ports most common
  int64_t top_ports = 1000;
  bool version_detection = true;
  int64_t intensity = 7;  // 0..9
  bool tls_audit = true;
  int64_t rate = 300;     // connection attempts per second
  int64_t max_host_in_flight = 64;
  Timestamp created_at;
  Timestamp updated_at;
};

struct ScanPolicyPatch {
  std::optional<std::string> name, description, ports;
  std::optional<int64_t> top_ports, intensity, rate, max_host_in_flight;
  std::optional<bool> version_detection, tls_audit;
};

Result<ScanPolicyPatch> ScanPolicyPatchFromJson(const json::value& v);
// Validates every field after applying (ports in Nmap's syntax, ranges).
Status ApplyScanPolicyPatch(const ScanPolicyPatch& p, bool creating, ScanPolicy& policy);
json::object ToJson(const ScanPolicy& p);
Result<ScanPolicy> ScanPolicyFromJson(const json::value& v);

enum class ScanRunStatus { kQueued, kRunning, kSucceeded, kFailed, kCancelled };
inline constexpr EnumTable<ScanRunStatus, 5> kScanRunStatusNames{{{ScanRunStatus::kQueued, "queued"},
                                                                  {ScanRunStatus::kRunning, "running"},
                                                                  {ScanRunStatus::kSucceeded, "succeeded"},
                                                                  {ScanRunStatus::kFailed, "failed"},
                                                                  {ScanRunStatus::kCancelled, "cancelled"}}};
inline bool IsEnded(ScanRunStatus s) {
  return s != ScanRunStatus::kQueued && s != ScanRunStatus::kRunning;
}

struct AssetRef {
  AssetId id;
  std::string value;
};

struct RunRef {
  ScanRunId id;
  ScanRunStatus status = ScanRunStatus::kQueued;
  std::optional<Timestamp> finished_at;
};

struct ScanSchedule {
  ScanScheduleId id;
  TenantId tenant_id;
  std::string name;
  ScanPolicyId policy_id;
  std::string policy_name;       // derived, filled by reads
  std::vector<AssetRef> assets;  // values filled by reads
  std::string cron;              // empty: manual only
  std::string window;            // empty: any time
  bool enabled = true;
  std::optional<Timestamp> next_run_at;
  std::optional<RunRef> last_run;  // derived, filled by reads
  std::string created_by;
  Timestamp created_at;
  Timestamp updated_at;
};

struct ScanSchedulePatch {
  std::optional<std::string> name, cron, window;
  std::optional<ScanPolicyId> policy_id;
  std::optional<std::vector<AssetId>> asset_ids;
  std::optional<bool> enabled;
};

Result<ScanSchedulePatch> ScanSchedulePatchFromJson(const json::value& v);
// Checks name, cron and window syntax; assets and policy are the service's.
Status ApplyScanSchedulePatch(const ScanSchedulePatch& p, bool creating, ScanSchedule& s);
json::object ToJson(const ScanSchedule& s);

struct ScanProgress {
  std::string phase = "queued";  // queued resolving ports services tls saving done
  int64_t done = 0;
  int64_t total = 0;
  int64_t percent = 0;  // whole run, 0..100
};

struct ScanSummary {
  int64_t hosts = 0;
  int64_t hosts_refused = 0;
  int64_t open_ports = 0;
  int64_t findings = 0;
  int64_t changes = 0;
};

struct ScanRun {
  ScanRunId id;
  TenantId tenant_id;
  ScanScheduleId schedule_id;
  std::string schedule_name;  // as when queued
  std::string trigger = "manual";  // manual | schedule
  std::string requested_by;
  ScanRunStatus status = ScanRunStatus::kQueued;
  ScanProgress progress;
  std::vector<std::string> targets;  // hosts as given to the scanner
  ScanPolicy policy;                 // a copy: later edits do not rewrite history
  ScanSummary summary;
  std::optional<ScanRunId> previous_run_id;
  std::string error;
  bool cancel_requested = false;
  std::string worker;                  // who holds the lease
  std::optional<Timestamp> lease_until;
  Timestamp created_at;
  std::optional<Timestamp> started_at;
  std::optional<Timestamp> finished_at;
};

json::object ToJson(const ScanRun& r);

enum class ScanChangeKind { kPortOpened, kPortClosed, kServiceChanged, kFindingNew, kFindingGone };
inline constexpr EnumTable<ScanChangeKind, 5> kScanChangeKindNames{
    {{ScanChangeKind::kPortOpened, "port_opened"},
     {ScanChangeKind::kPortClosed, "port_closed"},
     {ScanChangeKind::kServiceChanged, "service_changed"},
     {ScanChangeKind::kFindingNew, "finding_new"},
     {ScanChangeKind::kFindingGone, "finding_gone"}}};

struct ScanChange {
  ScanChangeKind kind = ScanChangeKind::kPortOpened;
  std::string host;
  uint16_t port = 0;
  std::string protocol = "tcp";
  std::string before;  // readable summary; empty when there is no side
  std::string after;
  std::string check_id;  // findings only
  std::optional<Severity> severity;
};

json::object ToJson(const ScanChange& c);
Result<ScanChange> ScanChangeFromJson(const json::value& v);

}  // namespace sw::model
