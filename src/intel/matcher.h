// SPDX-License-Identifier: Apache-2.0
//
// IntelMatcher: an immutable, compiled snapshot of the indicators in force,
// for checking every event: exact sets for addresses, hashes, JA3, e-mail
// and URLs; longest-prefix match for networks (one hash lookup per prefix
// length in use); suffix match for domains (a listed domain matches its
// subdomains). Indicators past valid_until are left out when it is built.
// IntelHolder swaps snapshots atomically: readers keep the one they hold
// while a new one is published. Both are thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/time.h"
#include "model/indicator.h"

namespace sw::intel {

class IntelMatcher {
 public:
  // `indicators` hold normalized values (intel/normalize.h).
  static std::shared_ptr<const IntelMatcher> Build(std::vector<model::Indicator> indicators, Timestamp now);

  // An address as 16 bytes (IPv4 as IPv4-mapped IPv6): the exact indicator,
  // else the longest network containing it.
  const model::Indicator* MatchIp(const uint8_t (&address)[16]) const;
  const model::Indicator* MatchIpText(std::string_view address) const;
  // A host name (any case, trailing dot allowed): itself or a parent domain.
  const model::Indicator* MatchDomain(std::string_view host) const;
  // A normalized URL, exactly.
  const model::Indicator* MatchUrl(std::string_view url) const;
  // md5, sha1, sha256, ja3 or email, exactly (hex any case).
  const model::Indicator* MatchValue(model::IndicatorType type, std::string_view value) const;

  size_t size() const { return indicators_.size(); }

 private:
  IntelMatcher() = default;
  std::vector<model::Indicator> indicators_;
  // Keyed by the type name plus the value, so one map serves the exact kinds.
  std::unordered_map<std::string, uint32_t> exact_;
  // Networks: (prefix length, masked address) -> indicator; the lengths in
  // use, longest first.
  std::unordered_map<std::string, uint32_t> networks_;
  std::vector<int> prefix_lengths_;
};

class IntelHolder {
 public:
  std::shared_ptr<const IntelMatcher> Get() const { return current_.load(); }
  void Publish(std::shared_ptr<const IntelMatcher> m) { current_.store(std::move(m)); }

 private:
  std::atomic<std::shared_ptr<const IntelMatcher>> current_;
};

}  // namespace sw::intel
