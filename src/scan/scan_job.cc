// SPDX-License-Identifier: Apache-2.0
#include "scan/scan_job.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace sw::scan {

std::string_view ScanPhaseName(ScanPhase p) {
  switch (p) {
    case ScanPhase::kResolving: return "resolving";
    case ScanPhase::kPorts: return "ports";
    case ScanPhase::kServices: return "services";
    case ScanPhase::kTls: return "tls";
  }
  return "ports";
}

namespace {

bool Cancelled(const ScanControl* control) { return control != nullptr && control->Cancelled(); }

}  // namespace

Result<ScanJobResult> RunScanJob(const ScanJobSpec& spec, const ScanScope& scope,
                                 const ScanResources& resources, ScanControl* control,
                                 Timestamp now) {
  if (spec.detect_versions && resources.probes == nullptr) {
    return FailedPrecondition("version detection needs Nmap's probe database (nmap-service-probes)");
  }
  if (resources.resolver == nullptr) return InvalidArgument("no resolver given");
  if (control != nullptr) control->Progress(ScanPhase::kResolving, 0, spec.targets.size());
  SW_ASSIGN_OR_RETURN(auto hosts,
                      ExpandTargets(spec.targets, spec.excludes, *resources.resolver, spec.limits));
  if (control != nullptr) control->Progress(ScanPhase::kResolving, spec.targets.size(), spec.targets.size());

  ScanJobResult result;
  // Admission once per host: a refused host gets no packet (and one audit
  // record), neither a discovery probe nor a port scan.
  std::vector<Status> admission(hosts.size());
  std::vector<TargetHost> admitted;
  for (size_t i = 0; i < hosts.size(); ++i) {
    admission[i] = scope.Admit(hosts[i]);
    if (admission[i].ok()) admitted.push_back(hosts[i]);
  }
  // Host discovery: which hosts of a network answer at all.
  std::vector<bool> up(admitted.size(), true);
  if (spec.discover && hosts.size() > 1 && !spec.discovery_ports.empty() && !admitted.empty()) {
    TcpScanOptions ping = spec.tcp;
    ping.ports = spec.discovery_ports;
    ping.control = nullptr;
    TcpConnectScanner pinger(scope, ping);
    const auto answers = pinger.Run(admitted);
    for (size_t i = 0; i < answers.size(); ++i) {
      up[i] = std::any_of(answers[i].ports.begin(), answers[i].ports.end(),
                          [](const PortResult& p) { return p.state != model::PortState::kFiltered; });
    }
  }
  std::vector<TargetHost> live;
  for (size_t i = 0; i < admitted.size(); ++i) {
    if (up[i]) live.push_back(admitted[i]);
  }
  TcpScanOptions tcp = spec.tcp;
  tcp.control = control;
  TcpConnectScanner scanner(scope, tcp);
  auto scanned = scanner.Run(live);
  result.tcp_stats = scanner.stats();
  // Every host in target order: refused, down and scanned.
  for (size_t i = 0, a = 0, j = 0; i < hosts.size(); ++i) {
    if (!admission[i].ok()) {
      result.hosts.push_back({hosts[i], admission[i], {}, {}});
      continue;
    }
    if (up[a++]) {
      result.hosts.push_back(std::move(scanned[j++]));
    } else {
      HostReport down{hosts[i], {}, {}, {}};
      down.up = false;
      result.hosts.push_back(std::move(down));
      ++result.hosts_down;
    }
  }

  std::vector<DetectionTarget> open_ports;
  for (const auto& r : result.hosts) {
    for (const auto& p : r.ports) {
      if (p.state == model::PortState::kOpen) open_ports.push_back({r.host, p.port});
    }
  }
  std::vector<model::Observation> detected;
  if (spec.detect_versions && !open_ports.empty() && !Cancelled(control)) {
    DetectionOptions d = spec.detection;
    d.control = control;
    ServiceDetector detector(*resources.probes, scope, d);
    detected = detector.Detect(open_ports);
    result.detection_stats = detector.stats();
  }
  result.open.reserve(open_ports.size());
  for (size_t i = 0; i < open_ports.size(); ++i) {
    model::Observation o;
    if (i < detected.size()) {
      o = std::move(detected[i]);
    } else {
      o.host = open_ports[i].host.address.to_string();
      o.hostname = open_ports[i].host.hostname;
      o.port = open_ports[i].port;
    }
    if (o.service.empty() && resources.services != nullptr) {
      o.service = std::string(resources.services->TcpServiceName(o.port));
    }
    result.open.push_back(std::move(o));
  }

  if (spec.audit_tls) {
    size_t done = 0;
    for (const auto& t : open_ports) {
      if (Cancelled(control)) break;
      auto audit = AuditTls(t.host, t.port, scope, spec.tls, now);
      ++done;
      if (control != nullptr) control->Progress(ScanPhase::kTls, done, open_ports.size());
      if (!audit.ok()) continue;  // not TLS, gone, or refused by the scope
      ++result.tls_endpoints;
      for (auto& f : audit->findings) result.findings.push_back(std::move(f));
    }
  }
  std::stable_sort(result.findings.begin(), result.findings.end(),
                   [](const model::Finding& a, const model::Finding& b) {
                     return std::tie(b.severity, a.host, a.port, a.check_id) <
                            std::tie(a.severity, b.host, b.port, b.check_id);
                   });
  result.cancelled = Cancelled(control);
  return result;
}

}  // namespace sw::scan
