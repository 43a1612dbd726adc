// SPDX-License-Identifier: Apache-2.0
//
// Scan targets in Nmap's syntax, expanded to a list of hosts: addresses
// (IPv4, IPv6), CIDR networks ("10.0.0.0/24", IPv6 /112 or narrower),
// octet ranges ("192.168.1.1-20", "10.0-1.0.1-5"), and host names, resolved
// once through an injected Resolver (the first address is scanned, like
// Nmap; the name is recorded). Exclusions use the same syntax. Expansion is
// bounded so a typo ("10.0.0.0/8") cannot allocate millions of hosts.
// Pure apart from the resolver; thread-safe.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sw::scan {

struct TargetHost {
  boost::asio::ip::address address;
  std::string hostname;  // as given, when the target was a name
};

class Resolver {
 public:
  virtual ~Resolver() = default;
  // All addresses of `name`, in the system's preferred order.
  virtual Result<std::vector<boost::asio::ip::address>> Resolve(std::string_view name) = 0;
};

struct TargetLimits {
  size_t max_hosts = 65536;
};

// Errors name the bad token: `target "10.0.0.0/33": prefix length 33 ...`.
Result<std::vector<TargetHost>> ExpandTargets(const std::vector<std::string>& targets,
                                              const std::vector<std::string>& excludes,
                                              Resolver& resolver, const TargetLimits& limits = {});

}  // namespace sw::scan
