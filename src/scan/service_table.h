// SPDX-License-Identifier: Apache-2.0
//
// ServiceTable: Nmap's port/service frequency table (`nmap-services`), read
// at run time from the installed Debian package nmap-common
// (/usr/share/nmap/nmap-services by default; Shouwang never ships a copy).
// Gives the most frequently open TCP ports (--top-ports N, as Nmap orders
// them) and the conventional service name of a port. Immutable after Load,
// so thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace sw::scan {

inline constexpr std::string_view kDefaultServicesFile = "/usr/share/nmap/nmap-services";

class ServiceTable {
 public:
  // Errors name the file and line of a malformed entry.
  static Result<ServiceTable> Load(const std::string& path);
  static Result<ServiceTable> Parse(std::string_view text, std::string_view origin);

  // The `n` TCP ports with the highest open frequency (ties broken by the
  // lower port), as Nmap's --top-ports picks them; sorted by port number.
  std::vector<uint16_t> TopTcpPorts(size_t n) const;
  // "http" for 80; "" when unknown.
  std::string_view TcpServiceName(uint16_t port) const;
  size_t tcp_entries() const { return tcp_.size(); }

 private:
  struct Entry {
    uint16_t port;
    double frequency;
    std::string name;
  };
  std::vector<Entry> tcp_;  // sorted by descending frequency
  std::unordered_map<uint16_t, size_t> by_port_;
};

}  // namespace sw::scan
