// SPDX-License-Identifier: Apache-2.0
//
// ScanService: the use cases of scheduled scanning. Policies are the
// center's (every enterprise's schedules may use them; only a center admin
// writes them). Schedules belong to an enterprise; every asset on one must
// have an approved authorization in force when it is saved (and each host is
// admitted again when the run starts, see ScanWorker). A run is queued by
// "scan now" or by the cron, executed by a ScanWorker, and may be cancelled.
// Every change is audited. Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "model/finding.h"
#include "model/observation.h"
#include "model/page.h"
#include "model/scan.h"
#include "service/context.h"
#include "service/principal.h"
#include "store/store.h"

namespace sw::service {

class ScanService {
 public:
  explicit ScanService(ServiceContext& ctx) : ctx_(ctx) {}

  Result<model::Page<model::ScanPolicy>> ListPolicies(const Principal& who, const model::PageRequest& page);
  Result<model::ScanPolicy> GetPolicy(const Principal& who, const model::ScanPolicyId& id);
  Result<model::ScanPolicy> CreatePolicy(const Principal& who, const model::ScanPolicyPatch& patch);
  Result<model::ScanPolicy> UpdatePolicy(const Principal& who, const model::ScanPolicyId& id,
                                         const model::ScanPolicyPatch& patch);
  Status DeletePolicy(const Principal& who, const model::ScanPolicyId& id);
  // The two policies every installation starts with; idempotent.
  Status EnsureDefaultPolicies();

  Result<model::Page<model::ScanSchedule>> ListSchedules(const Principal& who, const model::TenantId& tenant,
                                                         const model::PageRequest& page);
  Result<model::ScanSchedule> GetSchedule(const Principal& who, const model::ScanScheduleId& id);
  Result<model::ScanSchedule> CreateSchedule(const Principal& who, const model::TenantId& tenant,
                                             const model::ScanSchedulePatch& patch);
  Result<model::ScanSchedule> UpdateSchedule(const Principal& who, const model::ScanScheduleId& id,
                                             const model::ScanSchedulePatch& patch);
  Status DeleteSchedule(const Principal& who, const model::ScanScheduleId& id);

  // "Scan now": FailedPrecondition when a run of the schedule is queued or
  // running, or outside its maintenance window.
  Result<model::ScanRun> RunNow(const Principal& who, const model::ScanScheduleId& id);
  Result<model::Page<model::ScanRun>> ListRuns(const Principal& who, const store::ScanRunQuery& q);
  Result<model::ScanRun> GetRun(const Principal& who, const model::ScanRunId& id);
  // A queued run ends at once; a running one is flagged and its worker stops.
  Result<model::ScanRun> CancelRun(const Principal& who, const model::ScanRunId& id);
  Result<std::vector<model::Observation>> Observations(const Principal& who, const model::ScanRunId& id);
  Result<std::vector<model::Finding>> Findings(const Principal& who, const model::ScanRunId& id);
  Result<std::vector<model::ScanChange>> Changes(const Principal& who, const model::ScanRunId& id);

  // The scheduler's step: queues a run for every schedule due at `now` and
  // moves its next_run_at on. Returns how many runs were queued.
  Result<int> QueueDueRuns();

  // Called with each newly queued run (the worker wakes up at once).
  void OnQueued(std::function<void()> f) { on_queued_ = std::move(f); }

 private:
  Result<model::ScanRun> Queue(store::Transaction& tx, const Principal& who, const model::ScanSchedule& s,
                               const std::string& trigger, Timestamp now);
  Status CheckAssets(store::Transaction& tx, const store::TenantScope& scope, model::ScanSchedule& s,
                     Timestamp now);
  Status ComputeNextRun(model::ScanSchedule& s, Timestamp now) const;
  ServiceContext& ctx_;
  std::function<void()> on_queued_;
};

}  // namespace sw::service
