// SPDX-License-Identifier: Apache-2.0
//
// A whole scan job on loopback: the open ports become observations named by
// the service table's absence (no table: no name), progress reaches the
// total, a cancel stops the job early, and bad input is refused before any
// connection.
#include "scan/scan_job.h"

#include <gtest/gtest.h>

#include <mutex>

#include "scan/system_resolver.h"
#include "scan/testing/listener.h"

namespace sw::scan {
namespace {

using testing::ClosedPort;
using testing::Listener;

class RecordingControl final : public ScanControl {
 public:
  explicit RecordingControl(uint64_t cancel_after = 0) : cancel_after_(cancel_after) {}
  bool Cancelled() const override {
    std::lock_guard lock(mu_);
    return cancel_after_ != 0 && port_updates_ >= cancel_after_;
  }
  void Progress(ScanPhase phase, uint64_t done, uint64_t total) override {
    std::lock_guard lock(mu_);
    if (phase == ScanPhase::kPorts) {
      ++port_updates_;
      last_done_ = done;
      last_total_ = total;
    }
  }
  uint64_t last_done() const { return last_done_; }
  uint64_t last_total() const { return last_total_; }

 private:
  mutable std::mutex mu_;
  const uint64_t cancel_after_;
  uint64_t port_updates_ = 0, last_done_ = 0, last_total_ = 0;
};

TEST(ScanJob, OpenPortsBecomeObservationsWithProgress) {
  Listener a, b;
  const uint16_t closed = ClosedPort();
  auto scope = CidrScope::Parse({"127.0.0.1"});
  ScanJobSpec spec;
  spec.targets = {"127.0.0.1"};
  spec.tcp.ports = {closed, b.port(), a.port()};
  SystemResolver resolver;
  RecordingControl control;
  auto job = RunScanJob(spec, *scope, {nullptr, nullptr, &resolver}, &control, Timestamp{});
  ASSERT_TRUE(job.ok()) << job.status().message();
  ASSERT_EQ(job->open.size(), 2u);
  const auto [lo, hi] = std::minmax(a.port(), b.port());
  EXPECT_EQ(job->open[0].host, "127.0.0.1");
  EXPECT_EQ(job->open[0].port, lo);
  EXPECT_EQ(job->open[1].port, hi);
  EXPECT_EQ(job->open[0].state, model::PortState::kOpen);
  EXPECT_EQ(control.last_done(), 3u);
  EXPECT_EQ(control.last_total(), 3u);
  EXPECT_FALSE(job->cancelled);
}

TEST(ScanJob, CancelStopsEarly) {
  // 400 closed ports at 100 attempts/s would take 4 s; cancel after 5.
  auto scope = CidrScope::Parse({"127.0.0.1"});
  ScanJobSpec spec;
  spec.targets = {"127.0.0.1"};
  for (uint16_t p = 1; p <= 400; ++p) spec.tcp.ports.push_back(p);
  spec.tcp.packets_per_second = 100;
  SystemResolver resolver;
  RecordingControl control(/*cancel_after=*/5);
  auto job = RunScanJob(spec, *scope, {nullptr, nullptr, &resolver}, &control, Timestamp{});
  ASSERT_TRUE(job.ok());
  EXPECT_TRUE(job->cancelled);
  ASSERT_EQ(job->hosts.size(), 1u);
  EXPECT_LT(job->hosts[0].ports.size(), 400u);
  EXPECT_GE(job->hosts[0].ports.size(), 5u);
}

TEST(ScanJob, BadInputIsRefusedBeforeAnyConnection) {
  auto scope = CidrScope::Parse({"127.0.0.1"});
  SystemResolver resolver;
  ScanJobSpec spec;
  spec.targets = {"127.0.0.1/33"};
  spec.tcp.ports = {22};
  auto bad = RunScanJob(spec, *scope, {nullptr, nullptr, &resolver}, nullptr, Timestamp{});
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("127.0.0.1/33"), std::string::npos) << bad.status().message();
  spec.targets = {"127.0.0.1"};
  spec.detect_versions = true;
  auto no_db = RunScanJob(spec, *scope, {nullptr, nullptr, &resolver}, nullptr, Timestamp{});
  EXPECT_EQ(no_db.status().code(), StatusCode::kFailedPrecondition);
}

TEST(ScanJob, HostDiscoverySkipsHostsThatAnswerNothing) {
  // The discovery port is filtered on 127.0.0.1 (a full accept queue) and
  // closed on 127.0.0.3 (a reset is an answer): only .3 is up and scanned.
  testing::FullListener silent("127.0.0.1");
  auto scope = CidrScope::Parse({"127.0.0.0/8"});
  ScanJobSpec spec;
  spec.targets = {"127.0.0.1", "127.0.0.3"};
  spec.discovery_ports = {silent.port()};
  spec.tcp.ports = {ClosedPort()};
  spec.tcp.initial_timeout = std::chrono::milliseconds(150);
  SystemResolver resolver;
  auto job = RunScanJob(spec, *scope, {nullptr, nullptr, &resolver}, nullptr, Timestamp{});
  ASSERT_TRUE(job.ok());
  ASSERT_EQ(job->hosts.size(), 2u);
  EXPECT_FALSE(job->hosts[0].up);
  EXPECT_TRUE(job->hosts[0].ports.empty());
  EXPECT_TRUE(job->hosts[1].up);
  EXPECT_EQ(job->hosts[1].ports.size(), 1u);
  EXPECT_EQ(job->hosts_down, 1u);
  // Without discovery (Nmap's -Pn) both are scanned.
  spec.discover = false;
  auto all = RunScanJob(spec, *scope, {nullptr, nullptr, &resolver}, nullptr, Timestamp{});
  EXPECT_TRUE(all->hosts[0].up);
  EXPECT_EQ(all->hosts[0].ports.size(), 1u);
}

TEST(ScanJob, RefusedHostIsReportedNotScanned) {
  Listener a;
  auto scope = CidrScope::Parse({"127.0.0.2"});
  ScanJobSpec spec;
  spec.targets = {"127.0.0.1"};
  spec.tcp.ports = {a.port()};
  SystemResolver resolver;
  auto job = RunScanJob(spec, *scope, {nullptr, nullptr, &resolver}, nullptr, Timestamp{});
  ASSERT_TRUE(job.ok());
  ASSERT_EQ(job->hosts.size(), 1u);
  EXPECT_FALSE(job->hosts[0].admission.ok());
  EXPECT_TRUE(job->open.empty());
  EXPECT_EQ(a.Drain(), 0);
}

}  // namespace
}  // namespace sw::scan
