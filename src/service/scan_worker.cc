// SPDX-License-Identifier: Apache-2.0
#include "service/scan_worker.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>

#include "core/ids.h"
#include <spdlog/spdlog.h>
#include "scan/port_spec.h"
#include "scan/run_diff.h"
#include "scan/scan_job.h"
#include "scan/system_resolver.h"
#include "service/audit_log.h"
#include "service/permissions.h"
#include "service/platform_scan_scope.h"

namespace sw::service {
namespace {

std::string MakeWorkerId() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + NewUlid(SystemClock::Instance().Now()).substr(20);
}

Principal ScannerPrincipal() {
  Principal p = Principal::System();
  p.name = "system:scanner";
  return p;
}

// Where each phase sits in the run's 0..100 percent.
struct Span {
  int64_t lo, hi;
};

Span SpanOf(scan::ScanPhase phase, const model::ScanPolicy& p) {
  const int64_t end = 98;
  const int64_t tls_from = p.tls_audit ? 90 : end;
  const int64_t services_from = p.version_detection ? 70 : tls_from;
  switch (phase) {
    case scan::ScanPhase::kResolving: return {0, 2};
    case scan::ScanPhase::kPorts: return {2, services_from};
    case scan::ScanPhase::kServices: return {services_from, tls_from};
    case scan::ScanPhase::kTls: return {tls_from, end};
  }
  return {0, end};
}

}  // namespace

// One run in progress: the ScanControl the engine reports to, and the
// heartbeat that carries its progress to the store and cancel requests back.
class ScanWorker::Execution final : public scan::ScanControl {
 public:
  Execution(ServiceContext& ctx, model::ScanRun run) : ctx_(ctx), run_(std::move(run)) {}

  bool Cancelled() const override { return cancelled_.load() || shutdown_.load(); }
  void Progress(scan::ScanPhase phase, uint64_t done, uint64_t total) override {
    phase_.store(static_cast<int>(phase));
    done_.store(done);
    total_.store(total);
  }
  void Shutdown() {
    shutdown_.store(true);
    beat_cv_.notify_all();
  }
  bool shutting_down() const { return shutdown_.load(); }

  void StartHeartbeat() {
    heartbeat_ = std::thread([this] {
      std::unique_lock lock(beat_mu_);
      while (!finished_) {
        beat_cv_.wait_for(lock, std::min<std::chrono::milliseconds>(ctx_.scan.lease / 3, std::chrono::milliseconds(1000)));
        if (finished_) break;
        lock.unlock();
        Beat();
        lock.lock();
      }
    });
  }
  void StopHeartbeat() {
    {
      std::lock_guard lock(beat_mu_);
      finished_ = true;
    }
    beat_cv_.notify_all();
    if (heartbeat_.joinable()) heartbeat_.join();
  }

  const model::ScanRun& run() const { return run_; }

  // Writes progress and the lease; reads the cancel flag.
  void Beat() {
    const Timestamp now = ctx_.clock.Now();
    const auto scope = ScopeIssuer::ForTenant(run_.tenant_id);
    Status s = InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Status {
      SW_ASSIGN_OR_RETURN(model::ScanRun r, tx.scans().GetRun(scope, run_.id));
      if (r.cancel_requested) cancelled_.store(true);
      if (r.worker != run_.worker || r.status != model::ScanRunStatus::kRunning) {
        // Someone else decided about this run (its lease was taken as
        // expired): stop working on it.
        cancelled_.store(true);
        return {};
      }
      r.progress = Snapshot();
      r.lease_until = now + ctx_.scan.lease;
      return tx.scans().UpdateRun(scope, r);
    });
    if (!s.ok()) spdlog::warn("scan run {}: heartbeat failed: {}", run_.id.str(), s.message());
  }

  model::ScanProgress Snapshot() const {
    const auto phase = static_cast<scan::ScanPhase>(phase_.load());
    const uint64_t done = done_.load(), total = total_.load();
    const Span span = SpanOf(phase, run_.policy);
    model::ScanProgress p;
    p.phase = std::string(scan::ScanPhaseName(phase));
    p.done = static_cast<int64_t>(done);
    p.total = static_cast<int64_t>(total);
    p.percent = span.lo + (total == 0 ? 0 : (span.hi - span.lo) * static_cast<int64_t>(std::min(done, total)) /
                                                static_cast<int64_t>(total));
    return p;
  }

 private:
  ServiceContext& ctx_;
  const model::ScanRun run_;
  std::atomic<bool> cancelled_{false};
  std::atomic<bool> shutdown_{false};
  std::atomic<int> phase_{static_cast<int>(scan::ScanPhase::kResolving)};
  std::atomic<uint64_t> done_{0}, total_{0};
  std::mutex beat_mu_;
  std::condition_variable beat_cv_;
  bool finished_ = false;
  std::thread heartbeat_;
};

ScanWorker::ScanWorker(ServiceContext& ctx, ScanService& scans, ScanGate& gate)
    : ctx_(ctx), scans_(scans), gate_(gate), worker_id_(MakeWorkerId()) {}

ScanWorker::~ScanWorker() { Stop(); }

void ScanWorker::Start() {
  std::lock_guard lock(mu_);
  if (!threads_.empty()) return;
  stopping_ = false;
  const size_t n = static_cast<size_t>(std::max(1, ctx_.scan.workers));
  for (size_t i = 0; i < n; ++i) threads_.emplace_back([this, i] { Loop(i); });
}

void ScanWorker::Stop() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    for (Execution* e : running_) e->Shutdown();
    threads.swap(threads_);
  }
  wake_.notify_all();
  for (auto& t : threads) t.join();
}

void ScanWorker::Wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  wake_.notify_one();
}

void ScanWorker::Loop(size_t index) {
  while (true) {
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
    }
    if (index == 0) {
      if (Status s = Housekeeping(); !s.ok()) spdlog::warn("scan housekeeping: {}", s.message());
    }
    auto ran = RunOne();
    if (!ran.ok()) spdlog::warn("scan worker: {}", ran.status().message());
    if (ran.ok() && *ran) continue;
    std::unique_lock lock(mu_);
    wake_.wait_for(lock, ctx_.scan.poll, [this] { return stopping_ || woken_; });
    woken_ = false;
  }
}

Status ScanWorker::Housekeeping() {
  const Timestamp now = ctx_.clock.Now();
  SW_RETURN_IF_ERROR(InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Status {
    SW_ASSIGN_OR_RETURN(auto expired, tx.scans().ExpiredRuns(now));
    for (auto& r : expired) {
      r.status = model::ScanRunStatus::kFailed;
      r.error = "interrupted: the scanning process stopped (restart or crash) before the run finished";
      r.progress.phase = "done";
      r.finished_at = now;
      r.lease_until.reset();
      SW_RETURN_IF_ERROR(tx.scans().UpdateRun(ScopeIssuer::ForTenant(r.tenant_id), r));
      spdlog::warn("scan run {} failed: its lease expired", r.id.str());
    }
    return {};
  }));
  return scans_.QueueDueRuns().status();
}

Result<const scan::ServiceProbes*> ScanWorker::Probes() {
  std::lock_guard lock(data_mu_);
  if (!probes_) {
    auto db = scan::ServiceProbes::Load(ctx_.scan.probes_file);
    if (!db.ok()) {
      return FailedPrecondition("version detection needs Nmap's probe database: " + db.status().message() +
                                " (install the Debian package nmap-common)");
    }
    probes_ = std::make_unique<scan::ServiceProbes>(std::move(*db));
  }
  return probes_.get();
}

Result<const scan::ServiceTable*> ScanWorker::Services() {
  std::lock_guard lock(data_mu_);
  if (!services_) {
    auto t = scan::ServiceTable::Load(ctx_.scan.services_file);
    if (!t.ok()) {
      return FailedPrecondition("Nmap's service table is missing: " + t.status().message() +
                                " (install the Debian package nmap-common)");
    }
    services_ = std::make_unique<scan::ServiceTable>(std::move(*t));
  }
  return services_.get();
}

Result<bool> ScanWorker::RunOne() {
  const Timestamp leased_at = ctx_.clock.Now();
  SW_ASSIGN_OR_RETURN(auto leased, InWriteTransaction(ctx_.store, [&](store::Transaction& tx) {
                        return tx.scans().LeaseNextRun(worker_id_, leased_at, leased_at + ctx_.scan.lease);
                      }));
  if (!leased) return false;
  model::ScanRun run = std::move(*leased);
  const auto scope = ScopeIssuer::ForTenant(run.tenant_id);
  spdlog::info("scan run {} of {} started ({} targets)", run.id.str(), run.tenant_id.str(), run.targets.size());

  // The job as the run's policy describes it.
  scan::ScanJobSpec spec;
  spec.targets = run.targets;
  spec.tcp.packets_per_second = static_cast<double>(run.policy.rate);
  spec.tcp.max_in_flight_per_host = static_cast<size_t>(run.policy.max_host_in_flight);
  spec.tcp.max_in_flight = std::max<size_t>(spec.tcp.max_in_flight_per_host, 256);
  spec.detect_versions = run.policy.version_detection;
  spec.detection.intensity = static_cast<int>(run.policy.intensity);
  spec.audit_tls = run.policy.tls_audit;
  Status prepared;
  auto services = Services();
  const scan::ServiceTable* table = services.ok() ? *services : nullptr;
  if (!run.policy.ports.empty()) {
    auto ports = scan::ParsePortSpec(run.policy.ports);
    if (ports.ok()) spec.tcp.ports = std::move(*ports);
    else prepared = ports.status();
  } else if (table != nullptr) {
    spec.tcp.ports = table->TopTcpPorts(static_cast<size_t>(run.policy.top_ports));
  } else {
    prepared = services.status();
  }
  const scan::ServiceProbes* probes = nullptr;
  if (prepared.ok() && spec.detect_versions) {
    auto p = Probes();
    if (p.ok()) probes = *p;
    else prepared = p.status();
  }

  Execution exec(ctx_, run);
  {
    std::lock_guard lock(mu_);
    running_.push_back(&exec);
    if (stopping_) exec.Shutdown();
  }
  Result<scan::ScanJobResult> job = prepared;
  if (prepared.ok()) {
    exec.StartHeartbeat();
    scan::SystemResolver resolver;
    PlatformScanScope platform_scope(gate_, ScannerPrincipal(), run.tenant_id);
    job = scan::RunScanJob(spec, platform_scope, {probes, table, &resolver}, &exec, ctx_.clock.Now());
    exec.StopHeartbeat();
  }
  {
    std::lock_guard lock(mu_);
    running_.erase(std::find(running_.begin(), running_.end(), &exec));
  }

  // The outcome, with the results and the diff, in one transaction.
  const Timestamp now = ctx_.clock.Now();
  Status saved = InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Status {
    SW_ASSIGN_OR_RETURN(model::ScanRun r, tx.scans().GetRun(scope, run.id));
    if (r.worker != run.worker || r.status != model::ScanRunStatus::kRunning) return {};  // decided elsewhere
    r.lease_until.reset();
    r.progress = exec.Snapshot();
    if (job.ok() && job->cancelled && exec.shutting_down() && !r.cancel_requested) {
      // A graceful stop: back in the queue, to start over after the restart.
      r.status = model::ScanRunStatus::kQueued;
      r.progress = {};
      r.worker.clear();
      r.started_at.reset();
      return tx.scans().UpdateRun(scope, r);
    }
    r.finished_at = now;
    r.progress.phase = "done";
    if (!job.ok()) {
      r.status = model::ScanRunStatus::kFailed;
      r.error = job.status().message();
      return tx.scans().UpdateRun(scope, r);
    }
    if (job->cancelled) {
      r.status = model::ScanRunStatus::kCancelled;
      return tx.scans().UpdateRun(scope, r);
    }
    r.summary.hosts = static_cast<int64_t>(job->hosts.size());
    for (const auto& h : job->hosts) r.summary.hosts_refused += h.admission.ok() ? 0 : 1;
    if (r.summary.hosts > 0 && r.summary.hosts_refused == r.summary.hosts) {
      r.status = model::ScanRunStatus::kFailed;
      r.error = "no target may be scanned any more: " + job->hosts.front().admission.message();
      return tx.scans().UpdateRun(scope, r);
    }
    std::vector<model::ScanChange> changes;
    SW_ASSIGN_OR_RETURN(auto previous, tx.scans().PreviousSucceededRun(scope, r.schedule_id, r.id));
    if (previous) {
      SW_ASSIGN_OR_RETURN(auto before_open, tx.scans().ListObservations(scope, previous->id));
      SW_ASSIGN_OR_RETURN(auto before_findings, tx.scans().ListFindings(scope, previous->id));
      changes = scan::DiffScanResults(before_open, before_findings, job->open, job->findings);
      r.previous_run_id = previous->id;
    }
    SW_RETURN_IF_ERROR(tx.scans().InsertResults(scope, r.id, job->open, job->findings, changes));
    r.summary.open_ports = static_cast<int64_t>(job->open.size());
    r.summary.findings = static_cast<int64_t>(job->findings.size());
    r.summary.changes = static_cast<int64_t>(changes.size());
    r.status = model::ScanRunStatus::kSucceeded;
    r.progress.percent = 100;
    return tx.scans().UpdateRun(scope, r);
  });
  if (!saved.ok()) {
    spdlog::error("scan run {}: could not store the outcome: {}", run.id.str(), saved.message());
    return saved;
  }
  spdlog::info("scan run {} ended", run.id.str());
  return true;
}

}  // namespace sw::service
