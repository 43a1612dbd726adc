// SPDX-License-Identifier: Apache-2.0
//
// DiffScanResults: what changed between two runs of the same scan. Open
// ports are keyed by host, protocol and port: a port open now but not before
// is `port_opened`, the reverse `port_closed`, and one whose service,
// product or version differs is `service_changed`. Findings are keyed by
// their fingerprint (check, host, port): `finding_new` / `finding_gone`.
// Changes come sorted by host, port, then kind. Pure; thread-safe.
#pragma once

#include <vector>

#include "model/finding.h"
#include "model/observation.h"
#include "model/scan.h"

namespace sw::scan {

std::vector<model::ScanChange> DiffScanResults(const std::vector<model::Observation>& before_open,
                                               const std::vector<model::Finding>& before_findings,
                                               const std::vector<model::Observation>& after_open,
                                               const std::vector<model::Finding>& after_findings);

// "ssh OpenSSH 9.2p1 (protocol 2.0)": what a person reads for an open port.
std::string DescribeService(const model::Observation& o);

}  // namespace sw::scan
