// SPDX-License-Identifier: Apache-2.0
//
// DetectEngine: a loaded RuleSet compiled for matching. Rules are grouped
// like Suricata's signature groups: by inspection point (a packet, or a
// transaction of one application protocol) and by the buffer of their fast
// pattern. Each group's fast patterns form one Hyperscan literal database;
// an inspection scans each available buffer once and verifies only the
// rules whose fast pattern occurred (plus the few rules without one), so
// most packets touch few rules. Verification checks the header, flow and
// packet conditions, flowbits, then every option per buffer
// (option_matcher.h); thresholds and detection filters are counted per
// DetectThread.
//
// The engine is immutable and shared; a DetectThread (Hyperscan scratch,
// threshold counters) belongs to one thread.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "detect/alert.h"
#include "detect/inspection.h"
#include "detect/ip_index.h"
#include "detect/rule_loader.h"

struct hs_database;
struct hs_scratch;

namespace sw::detect {

struct EngineStats {
  size_t rules = 0;
  size_t packet_rules = 0;       // inspected on packets
  size_t transaction_rules = 0;  // inspected on application transactions
  size_t prefiltered = 0;        // with a fast pattern in a Hyperscan database
  size_t groups = 0;             // (inspection point, buffer) databases
  size_t ip_keyed = 0;           // packet rules without a fast pattern, found by address
  size_t always = 0;             // rules checked at every inspection of their kind
};

class DetectEngine {
 public:
  // Internal, error when Hyperscan cannot compile a group (it names it).
  static Result<std::unique_ptr<DetectEngine>> Build(RuleSet rules);
  ~DetectEngine();
  DetectEngine(const DetectEngine&) = delete;
  DetectEngine& operator=(const DetectEngine&) = delete;

  const EngineStats& stats() const { return stats_; }
  const RuleSet& rules() const { return rules_; }

  struct Group;  // engine.cc
  struct RuleInfo;

 private:
  DetectEngine() = default;
  friend class DetectThread;
  RuleSet rules_;
  std::vector<RuleInfo> info_;  // parallel to rules_.rules
  std::vector<std::unique_ptr<Group>> groups_;
  IpIndex ip_index_;  // packet rules without a fast pattern, by address
  EngineStats stats_;
};

struct ThresholdState;

class DetectThread {
 public:
  explicit DetectThread(const DetectEngine& engine);
  ~DetectThread();
  DetectThread(const DetectThread&) = delete;
  DetectThread& operator=(const DetectThread&) = delete;

  // Runs every rule that applies to `in`; alerts go to `sink`. Returns the
  // number of alerts.
  int Inspect(const Inspection& in, AlertSink& sink);

  uint64_t rules_checked() const { return rules_checked_; }

 private:
  bool Verify(size_t rule, const Inspection& in);  // no side effects
  void ApplyActions(const Rule& rule, const Inspection& in);  // flowbits
  // A stream match lying wholly in the bytes already inspected with the
  // previous chunk (it was reported then).
  bool InOverlapOnly(size_t rule, const Inspection& in);
  bool Thresholded(size_t rule, const Inspection& in);

  const DetectEngine& engine_;
  hs_scratch* scratch_ = nullptr;
  std::vector<uint32_t> candidates_;
  std::vector<uint32_t> hits_;  // one Hyperscan scan's matches
  std::vector<uint32_t> seen_;  // epoch per rule, to dedup candidates
  uint32_t epoch_ = 0;
  std::unique_ptr<ThresholdState> thresholds_;
  uint64_t rules_checked_ = 0;
};

}  // namespace sw::detect
