// SPDX-License-Identifier: Apache-2.0
//
// ScanScope: what a scan may touch. Every host is admitted through it before
// the first packet; a refused host is reported, never probed. The platform
// implements it over its scan authorizations (service::ScanGate); the
// stand-alone `shouwang scan` uses CidrScope, the networks the operator
// declares to be authorized (--scope), recorded in the output.
// Implementations must be thread-safe.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "scan/target_spec.h"

namespace sw::scan {

class ScanScope {
 public:
  virtual ~ScanScope() = default;
  // OK to scan `host`; otherwise PermissionDenied with the reason.
  virtual Status Admit(const TargetHost& host) const = 0;
};

// A fixed list of addresses and networks.
class CidrScope final : public ScanScope {
 public:
  // "192.0.2.0/24", "2001:db8::1", ... Errors name the bad entry.
  static Result<CidrScope> Parse(const std::vector<std::string>& entries);
  Status Admit(const TargetHost& host) const override;
  const std::vector<std::string>& entries() const { return text_; }

 private:
  struct Net {
    boost::asio::ip::address base;
    unsigned prefix;
  };
  std::vector<Net> nets_;
  std::vector<std::string> text_;
};

}  // namespace sw::scan
