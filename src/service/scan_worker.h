// SPDX-License-Identifier: Apache-2.0
//
// ScanWorker: executes queued scan runs inside the platform process. Its
// threads lease the oldest queued run (so several processes can share one
// database), run it through scan::RunScanJob with a PlatformScanScope (every
// host is admitted again against the tenant's authorizations at run time;
// refusals are audited), and store the open ports, findings and the diff
// against the schedule's previous successful run. While a run goes, a
// heartbeat writes its progress, renews its lease and picks up a cancel
// request, about once a second. The first thread also queues due schedules
// and fails runs whose lease ran out (their process died): a run is never
// left "running" forever. Stop() puts runs in progress back in the queue, so
// a graceful restart resumes them from the start. Thread-safe.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "model/scan.h"
#include "scan/service_probes.h"
#include "scan/service_table.h"
#include "service/context.h"
#include "service/scan_gate.h"
#include "service/scan_service.h"

namespace sw::service {

class ScanWorker {
 public:
  ScanWorker(ServiceContext& ctx, ScanService& scans, ScanGate& gate);
  ~ScanWorker();  // Stop()
  ScanWorker(const ScanWorker&) = delete;
  ScanWorker& operator=(const ScanWorker&) = delete;

  void Start();
  void Stop();
  // Wakes an idle thread (a run was just queued).
  void Wake();

  // One pass of housekeeping: fail runs whose lease expired, queue due
  // schedules. Public for tests.
  Status Housekeeping();
  // Leases and executes one queued run, if any; false when none was queued.
  // Public for tests, which drive the worker without threads.
  Result<bool> RunOne();

  class Execution;  // one run in progress (scan_worker.cc)

 private:
  void Loop(size_t index);
  Result<const scan::ServiceProbes*> Probes();
  Result<const scan::ServiceTable*> Services();

  ServiceContext& ctx_;
  ScanService& scans_;
  ScanGate& gate_;
  const std::string worker_id_;
  std::mutex mu_;  // guards stopping_, woken_, running_
  std::condition_variable wake_;
  bool stopping_ = false;
  bool woken_ = false;
  std::vector<Execution*> running_;
  std::vector<std::thread> threads_;
  // Nmap's data, loaded once on first use (the probe file takes a moment).
  std::mutex data_mu_;
  std::unique_ptr<scan::ServiceProbes> probes_;
  std::unique_ptr<scan::ServiceTable> services_;
};

}  // namespace sw::service
