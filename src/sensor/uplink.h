// SPDX-License-Identifier: Apache-2.0
//
// Uplink: delivers the sensor's alert events to the platform, at least once
// and in order, whatever the network or the server does. Every event is
// first appended to an on-disk spool (one JSON line, with an id unique to
// this spool: "<spool id>-<sequence>"); a sender thread posts batches to
// POST /api/v1/ingest/events with the sensor's API token and advances a
// committed offset only after the server answered 200. A server that is
// down or failing is retried with exponential backoff; what is not sent
// when the sensor stops stays in the spool and goes first next time. The
// server stores each (sensor, id) once, so a batch re-sent after a lost
// answer does no harm. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/json.h"
#include "core/status.h"

namespace sw::sensor {

struct UplinkOptions {
  std::string url;        // "https://center.example:8443"
  std::string token;      // a sensor API token
  std::string ca_file;    // extra trusted CA (the server's self-signed certificate)
  std::string spool_dir;  // created if missing
  size_t batch = 500;
  std::chrono::milliseconds retry_min{200};
  std::chrono::milliseconds retry_max{10000};
  uint64_t max_spool_bytes = uint64_t{1} << 30;  // past this, new events are dropped (counted)
};

struct UplinkStats {
  uint64_t spooled = 0;     // appended this run
  uint64_t sent = 0;        // accepted by the server (new or duplicate)
  uint64_t duplicates = 0;  // the server had them already
  uint64_t rejected = 0;    // refused as invalid (logged)
  uint64_t dropped = 0;     // the spool was full
  uint64_t failures = 0;    // attempts that failed (then retried)
  uint64_t pending = 0;     // waiting in the spool
  std::string last_error;
};

class Uplink {
 public:
  static Result<std::unique_ptr<Uplink>> Open(UplinkOptions options);
  ~Uplink();  // Stop()

  // Appends one EVE event (only alerts are sent; others are ignored here).
  void Append(const json::object& event);
  void Start();
  // Waits until the spool is empty or `timeout` passes; true when empty.
  bool Drain(std::chrono::milliseconds timeout);
  void Stop();
  UplinkStats stats() const;

 private:
  explicit Uplink(UplinkOptions options) : options_(std::move(options)) {}
  Status Init();
  void Loop();
  // Sends the next batch; OK and `sent_any` when progress was made.
  Status SendBatch(bool& sent_any);
  Status WriteOffset(uint64_t offset);

  const UplinkOptions options_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  FILE* spool_ = nullptr;       // append handle
  std::string spool_path_, offset_path_;
  std::string spool_id_;
  uint64_t next_seq_ = 0;
  uint64_t size_ = 0;           // bytes in the spool file
  uint64_t offset_ = 0;         // bytes already delivered
  bool stopping_ = false;
  std::thread thread_;
  UplinkStats stats_;
};

}  // namespace sw::sensor
