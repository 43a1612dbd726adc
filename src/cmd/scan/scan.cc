// SPDX-License-Identifier: Apache-2.0
#include "cmd/scan/scan.h"

#include <signal.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>

#include "cmd/common/platform_config.h"
#include "core/crypto.h"
#include "core/log.h"
#include "service/platform.h"
#include "service/platform_scan_scope.h"
#include "scan/port_spec.h"
#include "scan/service_probes.h"
#include "scan/service_table.h"
#include "scan/target_spec.h"
#include "scan/scan_job.h"
#include "scan/system_resolver.h"
#include "model/finding.h"

namespace sw::cmd {
namespace {

std::vector<std::string> SplitCommas(const std::vector<std::string>& in) {
  std::vector<std::string> out;
  for (const auto& s : in) {
    size_t start = 0;
    while (start <= s.size()) {
      size_t c = s.find(',', start);
      if (c == std::string::npos) c = s.size();
      if (c > start) out.push_back(s.substr(start, c - start));
      start = c + 1;
    }
  }
  return out;
}

using Detected = std::map<std::pair<std::string, uint16_t>, model::Observation>;

// The observation of an open port: detected, else the port's usual name.
model::Observation ObservationOf(const scan::HostReport& r, uint16_t port, const scan::ServiceTable* services,
                                 const Detected& detected) {
  auto it = detected.find({r.host.address.to_string(), port});
  if (it != detected.end()) {
    model::Observation o = it->second;
    if (o.service.empty() && services) o.service = std::string(services->TcpServiceName(port));
    return o;
  }
  model::Observation o;
  o.host = r.host.address.to_string();
  o.hostname = r.host.hostname;
  o.port = port;
  if (services) o.service = std::string(services->TcpServiceName(port));
  return o;
}

void PrintTable(const std::vector<scan::HostReport>& reports, const scan::ServiceTable* services,
                const scan::TcpScanStats& stats, size_t port_count, const Detected& detected) {
  size_t scanned = 0;
  for (const auto& r : reports) {
    const std::string name = r.host.hostname.empty() ? "" : " (" + r.host.hostname + ")";
    if (!r.admission.ok()) {
      std::printf("Host %s%s: not scanned: %s\n\n", r.host.address.to_string().c_str(), name.c_str(),
                  r.admission.message().c_str());
      continue;
    }
    if (!r.up) {
      std::printf("Host %s%s: down (no answer to host discovery; --Pn scans it anyway)\n\n",
                  r.host.address.to_string().c_str(), name.c_str());
      continue;
    }
    ++scanned;
    size_t closed = 0, filtered = 0;
    std::printf("Host %s%s  (rtt %.2f ms)\n", r.host.address.to_string().c_str(), name.c_str(),
                static_cast<double>(r.smoothed_rtt.count()) / 1000.0);
    bool header = false;
    for (const auto& p : r.ports) {
      if (p.state == model::PortState::kClosed) ++closed;
      if (p.state == model::PortState::kFiltered) ++filtered;
      if (p.state != model::PortState::kOpen) continue;
      if (!header) {
        std::printf("PORT       STATE     SERVICE         VERSION\n");
        header = true;
      }
      const model::Observation o = ObservationOf(r, p.port, services, detected);
      std::string version = o.product;
      if (!o.version.empty()) version += " " + o.version;
      if (!o.extra_info.empty()) version += " (" + o.extra_info + ")";
      const std::string port = std::to_string(p.port) + "/tcp";
      std::printf("%-10s %-9s %-15s %s\n", port.c_str(), "open", o.service.c_str(), version.c_str());
    }
    if (!header) std::printf("No open ports.\n");
    std::printf("Not shown: %zu closed, %zu filtered\n\n", closed, filtered);
  }
  std::printf("Scanned %zu of %zu hosts, %zu ports each, in %.2f s (%llu attempts, %llu retries)\n", scanned,
              reports.size(), port_count, static_cast<double>(stats.elapsed.count()) / 1000.0,
              static_cast<unsigned long long>(stats.attempts), static_cast<unsigned long long>(stats.retries));
}

json::object ToJsonReport(const std::vector<scan::HostReport>& reports, const scan::ServiceTable* services,
                          const scan::TcpScanStats& stats, const std::vector<std::string>& scope,
                          const Detected& detected) {
  json::array hosts;
  for (const auto& r : reports) {
    json::object h;
    h["address"] = r.host.address.to_string();
    h["hostname"] = r.host.hostname.empty() ? json::value(nullptr) : json::value(r.host.hostname);
    h["scanned"] = r.admission.ok() && r.up;
    h["up"] = r.up;
    h["refusal"] = r.admission.ok() ? json::value(nullptr) : json::value(r.admission.message());
    json::array open;
    int64_t closed = 0, filtered = 0;
    for (const auto& p : r.ports) {
      if (p.state == model::PortState::kClosed) ++closed;
      if (p.state == model::PortState::kFiltered) ++filtered;
      if (p.state != model::PortState::kOpen) continue;
      open.push_back(model::ToJson(ObservationOf(r, p.port, services, detected)));
    }
    h["open"] = std::move(open);
    h["closed"] = closed;
    h["filtered"] = filtered;
    h["rtt_us"] = r.smoothed_rtt.count();
    hosts.push_back(std::move(h));
  }
  json::array sc;
  for (const auto& s : scope) sc.emplace_back(json::string(s));
  return json::object{{"hosts", std::move(hosts)},
                      {"scope", std::move(sc)},
                      {"stats", json::object{{"attempts", stats.attempts},
                                             {"retries", stats.retries},
                                             {"local_errors", stats.local_errors},
                                             {"elapsed_ms", stats.elapsed.count()}}}};
}

int Fail(const Status& s) {
  std::fprintf(stderr, "shouwang scan: %s\n", s.message().c_str());
  return s.code() == StatusCode::kInvalidArgument ? 1 : 2;
}

}  // namespace

int RunScan(int argc, char** argv) {
  CLI::App app{"Scan TCP ports of authorized targets", "shouwang scan"};
  std::vector<std::string> targets, excludes, scope_list;
  std::string ports_spec, services_file(scan::kDefaultServicesFile), data_dir, tenant, config_file;
  size_t top_ports = 0;
  bool as_json = false;
  bool detect_versions = false;
  std::string probes_file(scan::kDefaultProbesFile);
  scan::DetectionOptions detection;
  scan::TcpScanOptions opt;
  // An operator's tool: faster than the platform's scheduled scans, whose
  // rate comes from each enterprise's scan policy.
  opt.packets_per_second = 10000;
  int retries = opt.max_retries;
  app.add_option("targets", targets, "addresses, networks (CIDR), ranges (10.0.0.1-20) or host names")->required();
  app.add_option("-p,--ports", ports_spec, "ports: 22,80,8000-8100 or - for all (default: --top-ports 1000)");
  app.add_option("--top-ports", top_ports, "the N most often open ports (Nmap's frequencies)");
  app.add_option("--exclude", excludes, "targets to leave out (comma-separated)");
  app.add_option("--scope", scope_list, "networks you are authorized to scan (comma-separated); every target must be inside");
  app.add_option("--data", data_dir, "platform data folder: use its approved scan authorizations as the scope");
  app.add_option("--tenant", tenant, "the enterprise (tenant id) whose authorizations apply, with --data");
  app.add_option("--config", config_file, "platform configuration file, with --data");
  app.add_option("--rate", opt.packets_per_second, "connection attempts per second, all hosts")->check(CLI::Range(1.0, 1e6));
  app.add_option("--max-in-flight", opt.max_in_flight, "concurrent connection attempts")->check(CLI::Range(1, 65535));
  app.add_option("--max-host-in-flight", opt.max_in_flight_per_host, "concurrent attempts per host")->check(CLI::Range(1, 65535));
  app.add_option("--retries", retries, "extra attempts for a port that timed out")->check(CLI::Range(0, 10));
  app.add_option("--services-file", services_file, "Nmap's nmap-services table");
  app.add_flag("-V,--service-version", detect_versions, "detect services and versions (Nmap's probe database)");
  bool audit_tls = false;
  app.add_flag("--tls", audit_tls, "audit TLS on every open port that speaks it (protocols, certificate, ciphers)");
  app.add_option("--intensity", detection.intensity, "version detection intensity 0-9")->check(CLI::Range(0, 9));
  app.add_option("--probes-file", probes_file, "Nmap's nmap-service-probes");
  app.add_flag("--json", as_json, "print JSON");
  bool no_discovery = false;
  app.add_flag("--Pn,--no-discovery", no_discovery,
               "scan every host of a network, even those that answer no discovery probe");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 1;
  }
  opt.max_retries = retries;
  // A service that hangs up mid-write must not kill the scan.
  signal(SIGPIPE, SIG_IGN);
  if (Status s = InitLogging("warn", "text"); !s.ok()) return Fail(s);
  InitCrypto();

  std::unique_ptr<scan::ServiceTable> services;
  if (auto t = scan::ServiceTable::Load(services_file); t.ok()) {
    services = std::make_unique<scan::ServiceTable>(std::move(*t));
  } else if (ports_spec.empty()) {
    return Fail(InvalidArgument(t.status().message() + "; or give the ports with -p"));
  }
  if (!ports_spec.empty() && top_ports != 0) return Fail(InvalidArgument("give -p or --top-ports, not both"));
  if (ports_spec.empty()) {
    opt.ports = services->TopTcpPorts(top_ports == 0 ? 1000 : top_ports);
  } else {
    auto p = scan::ParsePortSpec(ports_spec);
    if (!p.ok()) return Fail(p.status());
    opt.ports = std::move(*p);
  }

  // The scope: declared networks, or the platform's authorizations.
  std::unique_ptr<scan::ScanScope> scope;
  std::vector<std::string> scope_text;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<service::ServiceContext> ctx;
  std::unique_ptr<service::Platform> platform;
  if (!scope_list.empty() == !data_dir.empty()) {
    return Fail(InvalidArgument("say what you are authorized to scan: --scope NETWORKS, or --data DIR --tenant ID"));
  }
  if (!scope_list.empty()) {
    auto s = scan::CidrScope::Parse(SplitCommas(scope_list));
    if (!s.ok()) return Fail(s.status());
    scope_text = s->entries();
    scope = std::make_unique<scan::CidrScope>(std::move(*s));
  } else {
    if (tenant.empty()) return Fail(InvalidArgument("--tenant is required with --data"));
    auto config = LoadPlatformConfig(config_file, {{"data_dir", data_dir}});
    if (!config.ok()) return Fail(config.status());
    auto opened = OpenPlatformStore(*config);
    if (!opened.ok()) return Fail(opened.status());
    store = std::move(*opened);
    ctx = std::make_unique<service::ServiceContext>(service::ServiceContext{*store, SystemClock::Instance(), AuthSettingsFrom(*config)});
    platform = std::make_unique<service::Platform>(*ctx);
    scope_text = {"authorizations of tenant " + tenant};
    scope = std::make_unique<service::PlatformScanScope>(platform->scan_gate, service::Principal::System(),
                                                         model::TenantId(tenant));
  }

  std::unique_ptr<scan::ServiceProbes> probes;
  if (detect_versions) {
    auto db = scan::ServiceProbes::Load(probes_file);
    if (!db.ok()) return Fail(db.status());
    probes = std::make_unique<scan::ServiceProbes>(std::move(*db));
  }

  scan::SystemResolver resolver;
  scan::ScanJobSpec spec;
  spec.targets = SplitCommas(targets);
  spec.excludes = SplitCommas(excludes);
  spec.tcp = opt;
  spec.detect_versions = detect_versions;
  spec.detection = detection;
  spec.audit_tls = audit_tls;
  spec.discover = !no_discovery;
  auto job = scan::RunScanJob(spec, *scope, {probes.get(), services.get(), &resolver}, nullptr,
                              SystemClock::Instance().Now());
  if (!job.ok()) return Fail(job.status());
  const auto& reports = job->hosts;
  const auto& findings = job->findings;
  Detected detected;
  for (const auto& o : job->open) detected[{o.host, o.port}] = o;
  const scan::TcpScanStats& stats = job->tcp_stats;
  if (as_json) {
    json::object report = ToJsonReport(reports, services.get(), stats, scope_text, detected);
    json::array fs;
    for (const auto& f : findings) fs.push_back(model::ToJson(f));
    report["findings"] = std::move(fs);
    std::cout << ToJson(report) << "\n";
  } else {
    std::printf("Scope: ");
    for (size_t i = 0; i < scope_text.size(); ++i) std::printf("%s%s", i ? ", " : "", scope_text[i].c_str());
    std::printf("\n\n");
    PrintTable(reports, services.get(), stats, opt.ports.size(), detected);
    if (!findings.empty()) {
      std::printf("\nFindings:\n");
      for (const auto& f : findings) {
        std::printf("  [%s] %s:%u %s / %s\n      %s\n      修复建议: %s\n", std::string(model::NameIn(model::kSeverityNames, f.severity)).c_str(),
                    f.host.c_str(), f.port, f.title_zh.c_str(), f.title_en.c_str(), f.evidence.c_str(),
                    f.remediation_zh.c_str());
      }
    }
  }
  return 0;
}

}  // namespace sw::cmd
