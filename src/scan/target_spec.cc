// SPDX-License-Identifier: Apache-2.0
#include "scan/target_spec.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>

namespace sw::scan {
namespace {

using boost::asio::ip::address;
using boost::asio::ip::address_v4;
using boost::asio::ip::address_v6;

Status Bad(std::string_view token, std::string_view why) {
  std::string m = "target \"";
  m.append(token.substr(0, 100));
  m += "\": ";
  m += why;
  return InvalidArgument(std::move(m), "targets");
}

bool ParseNumber(std::string_view s, uint32_t max, uint32_t& out) {
  if (s.empty() || s.size() > 10) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && out <= max;
}

// Appends the addresses of one token; `room` bounds how many may be added.
Status ExpandToken(std::string_view token, Resolver& resolver, size_t room, std::vector<TargetHost>& out) {
  boost::system::error_code ec;
  if (token.empty()) return Bad(token, "empty");
  // CIDR.
  if (const size_t slash = token.find('/'); slash != std::string_view::npos) {
    uint32_t len = 0;
    const address base = boost::asio::ip::make_address(std::string(token.substr(0, slash)), ec);
    if (ec) return Bad(token, "not an address before the '/'");
    const uint32_t max_len = base.is_v4() ? 32 : 128;
    if (!ParseNumber(token.substr(slash + 1), max_len, len)) {
      return Bad(token, "prefix length must be 0-" + std::to_string(max_len));
    }
    const uint32_t host_bits = max_len - len;
    if (host_bits > 24 || (uint64_t{1} << host_bits) > room) {
      return Bad(token, "expands to more hosts than allowed in one scan (" + std::to_string(room) + ")");
    }
    if (base.is_v4()) {
      const uint32_t mask = len == 0 ? 0 : ~uint32_t{0} << (32 - len);
      const uint32_t net = base.to_v4().to_uint() & mask;
      for (uint64_t i = 0; i < (uint64_t{1} << host_bits); ++i) {
        out.push_back({address_v4(static_cast<uint32_t>(net + i)), ""});
      }
    } else {
      auto bytes = base.to_v6().to_bytes();
      for (uint32_t bit = len; bit < 128; ++bit) bytes[bit / 8] &= static_cast<uint8_t>(~(0x80u >> (bit % 8)));
      for (uint64_t i = 0; i < (uint64_t{1} << host_bits); ++i) {
        auto b = bytes;
        uint64_t carry = i;
        for (int k = 15; k >= 0 && carry != 0; --k) {
          const uint64_t sum = b[static_cast<size_t>(k)] + (carry & 0xff);
          b[static_cast<size_t>(k)] = static_cast<uint8_t>(sum);
          carry = (carry >> 8) + (sum >> 8);
        }
        out.push_back({address_v6(b), ""});
      }
    }
    return {};
  }
  // A plain address.
  const address a = boost::asio::ip::make_address(std::string(token), ec);
  if (!ec) {
    out.push_back({a, ""});
    return {};
  }
  // IPv4 octet ranges: four dot-separated parts of N or N-M (Nmap's syntax).
  if (token.find_first_not_of("0123456789.-") == std::string_view::npos && std::count(token.begin(), token.end(), '.') == 3) {
    std::array<std::pair<uint32_t, uint32_t>, 4> parts{};
    size_t start = 0;
    for (int i = 0; i < 4; ++i) {
      size_t dot = token.find('.', start);
      if (dot == std::string_view::npos) dot = token.size();
      const std::string_view part = token.substr(start, dot - start);
      start = dot + 1;
      const size_t dash = part.find('-');
      uint32_t lo = 0, hi = 0;
      const bool ok = dash == std::string_view::npos
                          ? ParseNumber(part, 255, lo) && (hi = lo, true)
                          : ParseNumber(part.substr(0, dash), 255, lo) && ParseNumber(part.substr(dash + 1), 255, hi);
      if (!ok) return Bad(token, "octet \"" + std::string(part) + "\" is not 0-255 or a range of them");
      if (lo > hi) return Bad(token, "octet range \"" + std::string(part) + "\" is reversed");
      parts[static_cast<size_t>(i)] = {lo, hi};
    }
    uint64_t count = 1;
    for (const auto& [lo, hi] : parts) count *= (hi - lo + 1);
    if (count > room) return Bad(token, "expands to more hosts than allowed in one scan (" + std::to_string(room) + ")");
    for (uint32_t a0 = parts[0].first; a0 <= parts[0].second; ++a0)
      for (uint32_t a1 = parts[1].first; a1 <= parts[1].second; ++a1)
        for (uint32_t a2 = parts[2].first; a2 <= parts[2].second; ++a2)
          for (uint32_t a3 = parts[3].first; a3 <= parts[3].second; ++a3)
            out.push_back({address_v4((a0 << 24) | (a1 << 16) | (a2 << 8) | a3), ""});
    return {};
  }
  // A host name.
  if (token.size() > 253 || token.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") !=
                                std::string_view::npos) {
    return Bad(token, "not an address, network, range or host name");
  }
  auto resolved = resolver.Resolve(token);
  if (!resolved.ok()) return Bad(token, "cannot resolve: " + resolved.status().message());
  if (resolved->empty()) return Bad(token, "resolves to no address");
  out.push_back({resolved->front(), std::string(token)});
  return {};
}

}  // namespace

Result<std::vector<TargetHost>> ExpandTargets(const std::vector<std::string>& targets,
                                              const std::vector<std::string>& excludes,
                                              Resolver& resolver, const TargetLimits& limits) {
  if (targets.empty()) return InvalidArgument("no targets given", "targets");
  std::vector<TargetHost> hosts;
  for (const auto& t : targets) {
    SW_RETURN_IF_ERROR(ExpandToken(t, resolver, limits.max_hosts - hosts.size(), hosts));
  }
  std::vector<TargetHost> excluded;
  for (const auto& e : excludes) {
    SW_RETURN_IF_ERROR(ExpandToken(e, resolver, limits.max_hosts, excluded));
  }
  std::set<address> skip;
  for (const auto& e : excluded) skip.insert(e.address);
  // Keep the first occurrence of each address, in the order given.
  std::set<address> seen;
  std::vector<TargetHost> out;
  for (auto& h : hosts) {
    if (skip.count(h.address) || !seen.insert(h.address).second) continue;
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace sw::scan
