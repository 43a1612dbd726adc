// SPDX-License-Identifier: Apache-2.0
//
// RunScanJob: one whole scan, the way both `shouwang scan` and the platform's
// scan workers run it: expand the targets, admit each host through the scope,
// connect-scan the ports, detect services and versions on the open ones,
// audit TLS where it is spoken. Out come observations (one per open port)
// and findings, as model values ready to store or print. Progress and
// cancellation go through ScanControl; a cancelled job returns what it has
// with `cancelled` set. Blocks the calling thread; thread-compatible.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "model/finding.h"
#include "model/observation.h"
#include "scan/scan_control.h"
#include "scan/scope.h"
#include "scan/service_detector.h"
#include "scan/service_probes.h"
#include "scan/service_table.h"
#include "scan/target_spec.h"
#include "scan/tcp_scanner.h"
#include "scan/tls_audit.h"

namespace sw::scan {

struct ScanJobSpec {
  std::vector<std::string> targets;   // Nmap's syntax, one token each
  std::vector<std::string> excludes;
  TcpScanOptions tcp;                 // its ports are the ports to scan
  bool detect_versions = false;
  DetectionOptions detection;
  bool audit_tls = false;
  TlsAuditOptions tls;
  TargetLimits limits;
  // Host discovery before the port scan when the targets expand to more than
  // one host (a network): a host that answers none of `discovery_ports`
  // (open or closed, either is an answer) is reported down and not scanned,
  // like Nmap's unprivileged ping. A single host is always scanned (-Pn).
  bool discover = true;
  std::vector<uint16_t> discovery_ports = {80, 443, 22, 445, 3389};
};

// What the job reads: the probe database (required for detect_versions),
// Nmap's service table (names ports when detection is off or finds
// nothing; may be null), and the resolver for host names.
struct ScanResources {
  const ServiceProbes* probes = nullptr;
  const ServiceTable* services = nullptr;
  Resolver* resolver = nullptr;
};

struct ScanJobResult {
  std::vector<HostReport> hosts;              // every host, refused ones too
  std::vector<model::Observation> open;       // one per open port, by host then port
  std::vector<model::Finding> findings;       // most severe first, then by place
  TcpScanStats tcp_stats;
  DetectionStats detection_stats;
  size_t tls_endpoints = 0;                   // ports that completed a TLS handshake
  size_t hosts_down = 0;                      // found down by host discovery
  bool cancelled = false;
};

// InvalidArgument for bad targets (naming the token); FailedPrecondition
// when detection is asked for without a probe database.
Result<ScanJobResult> RunScanJob(const ScanJobSpec& spec, const ScanScope& scope,
                                 const ScanResources& resources, ScanControl* control,
                                 Timestamp now);

}  // namespace sw::scan
