// SPDX-License-Identifier: Apache-2.0
#include "scan/run_diff.h"

#include <gtest/gtest.h>

namespace sw::scan {
namespace {

model::Observation Open(uint16_t port, std::string service, std::string product = "",
                        std::string version = "") {
  model::Observation o;
  o.host = "192.0.2.7";
  o.port = port;
  o.service = std::move(service);
  o.product = std::move(product);
  o.version = std::move(version);
  return o;
}

model::Finding Problem(std::string check, uint16_t port) {
  model::Finding f;
  f.check_id = std::move(check);
  f.host = "192.0.2.7";
  f.port = port;
  f.severity = model::Severity::kHigh;
  f.title_zh = "证书已过期";
  return f;
}

std::string Line(const model::ScanChange& c) {
  return std::string(model::NameIn(model::kScanChangeKindNames, c.kind)) + " " + c.host + ":" +
         std::to_string(c.port) + " [" + c.before + "] -> [" + c.after + "]" +
         (c.check_id.empty() ? "" : " " + c.check_id);
}

TEST(RunDiff, ReportsOpenedClosedChangedAndFindings) {
  const std::vector<model::Observation> before = {Open(22, "ssh", "OpenSSH", "9.2p1"), Open(80, "http", "nginx", "1.22.1"),
                                                  Open(6379, "redis")};
  const std::vector<model::Observation> after = {Open(22, "ssh", "OpenSSH", "9.2p1"), Open(80, "http", "nginx", "1.24.0"),
                                                 Open(443, "https")};
  const auto changes = DiffScanResults(before, {Problem("tls.cert_expired", 443), Problem("tls.weak_protocol", 443)},
                                       after, {Problem("tls.cert_expired", 443), Problem("tls.self_signed", 443)});
  std::vector<std::string> lines;
  for (const auto& c : changes) lines.push_back(Line(c));
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "service_changed 192.0.2.7:80 [http nginx 1.22.1] -> [http nginx 1.24.0]",
                       "port_opened 192.0.2.7:443 [] -> [https]",
                       "finding_new 192.0.2.7:443 [] -> [证书已过期] tls.self_signed",
                       "finding_gone 192.0.2.7:443 [证书已过期] -> [] tls.weak_protocol",
                       "port_closed 192.0.2.7:6379 [redis] -> []",
                   }));
}

TEST(RunDiff, SameResultsNoChanges) {
  const std::vector<model::Observation> same = {Open(22, "ssh", "OpenSSH", "9.2p1")};
  EXPECT_TRUE(DiffScanResults(same, {}, same, {}).empty());
}

TEST(RunDiff, BannerAloneIsNotAChange) {
  auto a = Open(25, "smtp", "Postfix smtpd");
  auto b = a;
  b.banner = "220 mail ESMTP (a different greeting each time)";
  EXPECT_TRUE(DiffScanResults({a}, {}, {b}, {}).empty());
}

}  // namespace
}  // namespace sw::scan
