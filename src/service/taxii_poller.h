// SPDX-License-Identifier: Apache-2.0
//
// TaxiiPoller: the platform as a TAXII 2.1 client. It pulls the objects of
// remote collections (model::TaxiiRemote) page by page, asking only for what
// was added after the checkpoint it keeps, and stores them through
// IntelService as intelligence of the remote's owner. The checkpoint moves
// after every page that was stored, so an interrupted poll resumes where it
// stopped; objects seen twice are recognized and not stored again. A failed
// poll is retried with exponential backoff (30 s, 1 min, 2 min, ... up to
// the remote's interval); the outcome of the last poll is kept for the
// console. Thread-safe; Start() runs PollDue() on a background thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "service/context.h"
#include "service/intel_service.h"

namespace sw::service {

struct TaxiiPollResult {
  size_t pages = 0;
  size_t objects = 0;
  IntelImportReport report;  // summed over the pages
  std::string checkpoint;    // added_after for the next poll
};

class TaxiiPoller {
 public:
  TaxiiPoller(ServiceContext& ctx, IntelService& intel) : ctx_(ctx), intel_(intel) {}
  ~TaxiiPoller() { Stop(); }
  TaxiiPoller(const TaxiiPoller&) = delete;
  TaxiiPoller& operator=(const TaxiiPoller&) = delete;

  // Polls one remote (by id or name) now and records the outcome.
  Result<TaxiiPollResult> PollNow(const std::string& remote);
  // Polls every remote that is due; failures are recorded, not returned.
  Status PollDue();

  void Start(std::chrono::milliseconds period);
  void Stop();

 private:
  Result<TaxiiPollResult> Pull(model::TaxiiRemote& remote);
  Status Record(model::TaxiiRemote& remote, const Result<TaxiiPollResult>& outcome);

  ServiceContext& ctx_;
  IntelService& intel_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace sw::service
