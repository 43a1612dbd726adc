// SPDX-License-Identifier: Apache-2.0
//
// IntelMatcher: an immutable, compiled snapshot of the indicators in force,
// for checking every event. Exact sets for addresses, hashes, JA3, e-mail,
// URLs and networks-as-values; longest-prefix match for networks; suffix
// match for domains (a listed domain matches its subdomains). IntelHolder
// swaps snapshots atomically: readers keep the one they hold while a new one
// is published. Both are thread-safe.
//
// Compact by design (about 40 bytes per indicator, see docs/performance.md):
// values live as bytes in one arena (IPv4 4 bytes, IPv6 16, hashes and JA3
// binary, text for domains, URLs and e-mail), found through flat
// open-addressing tables of fingerprint + entry offset, verified against the
// bytes, so a lookup never reports a value that is not listed. What analysts
// know about an indicator (IntelContext) is stored once per distinct context
// and shared. Networks are flattened into sorted address ranges.
//
// Build rules:
//   - indicators past valid_until at `now` are left out;
//   - one indicator per type and value: a duplicate takes the place of the
//     kept one only when its confidence is higher (ties keep the first);
//   - values must be normalized (intel/normalize.h); one that does not
//     parse as its type, or is over 65,535 bytes, or past 4 GiB of values
//     in all, is left out and counted as invalid;
//   - an IPv6 value or network inside ::ffff:0:0/96 is kept as the IPv4
//     address or network it maps, so IPv4 traffic finds it; an IPv6 network
//     that contains all of ::ffff:0:0/96 applies to IPv6 addresses only;
//   - e-mail matches any case (the local part too).
//
// Example:
//   auto m = IntelMatcher::Build(indicators, clock.Now());
//   if (auto hit = m->MatchDomain("cdn.evil.example")) Alert(hit->value, *hit->context);
//   // Hot loops: ids, no allocation; Describe() only for the hits.
//   m->FindIps(addresses, ids);
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "intel/internal/huge_pages.h"
#include "intel/internal/prefix_ranges.h"
#include "model/indicator.h"

namespace sw::intel {

// The context of an indicator; one record serves every indicator that
// carries the same.
struct IntelContext {
  std::string name;  // e.g. the STIX indicator's name, the MISP event's info
  std::string source;
  int confidence = 50;
  model::Tlp tlp = model::Tlp::kAmber;
  std::vector<std::string> labels;
  std::vector<std::string> attack_techniques;
  std::string stix_id;
  std::optional<Timestamp> valid_until;
  bool operator==(const IntelContext&) const = default;
};

// One match: the listed indicator (for a network or a parent domain, the
// listed one, not the value looked up). `context` is never null and lives as
// long as the matcher it came from.
struct IntelHit {
  model::IndicatorType type = model::IndicatorType::kIpv4;
  std::string value;  // normalized text, as imported
  const IntelContext* context = nullptr;
};

using Ip16 = std::array<uint8_t, 16>;  // IPv6, or IPv4 as IPv4-mapped IPv6

class IntelMatcher {
 public:
  using Id = uint32_t;  // an indicator of this snapshot (its offset in the arena)
  static constexpr Id kNoMatch = UINT32_MAX;

  struct BuildStats {
    size_t input = 0, kept = 0, expired = 0, invalid = 0, duplicates = 0, contexts = 0;
  };

  static std::shared_ptr<const IntelMatcher> Build(const std::vector<model::Indicator>& indicators, Timestamp now);

  // An address: the exact indicator, else the longest network containing it.
  std::optional<IntelHit> MatchIp(const Ip16& address) const { return Hit(FindIp(address)); }
  std::optional<IntelHit> MatchIpText(std::string_view address) const;
  // A host name (any case, trailing dot allowed): itself or a parent domain.
  std::optional<IntelHit> MatchDomain(std::string_view host) const { return Hit(FindDomain(host)); }
  // A URL as seen: normalized first (intel/normalize.h), then exactly.
  std::optional<IntelHit> MatchUrl(std::string_view url) const;
  // A value of `type`, exactly: hashes and JA3 in hex of any case, e-mail in
  // any case; an address, network, domain or URL only as listed (no
  // containment, no subdomains).
  std::optional<IntelHit> MatchValue(model::IndicatorType type, std::string_view value) const {
    return Hit(FindValue(type, value));
  }

  // The same lookups by id, without allocating; Describe() turns a hit into
  // an IntelHit. FindUrl takes a normalized URL.
  Id FindIp(const Ip16& address) const;
  Id FindIpv4(uint32_t address) const;  // host byte order
  Id FindDomain(std::string_view host) const;
  Id FindUrl(std::string_view normalized_url) const { return FindValue(model::IndicatorType::kUrl, normalized_url); }
  Id FindValue(model::IndicatorType type, std::string_view value) const;
  // REQUIRES: id came from this matcher.
  IntelHit Describe(Id id) const;

  // Batches: out[i] = Find...(in[i]). They overlap the memory latency of
  // the lookups (prefetching the next table slots while checking the
  // current ones), so they are faster than a loop of single lookups.
  // REQUIRES: out.size() >= in.size().
  void FindIps(std::span<const Ip16> in, std::span<Id> out) const;
  void FindIpv4s(std::span<const uint32_t> in, std::span<Id> out) const;
  void FindDomains(std::span<const std::string_view> in, std::span<Id> out) const;
  void FindValues(model::IndicatorType type, std::span<const std::string_view> in, std::span<Id> out) const;

  size_t size() const { return size_; }
  const BuildStats& stats() const { return stats_; }
  // Heap bytes held by this snapshot (capacities of all its arrays and the
  // contexts' strings).
  size_t MemoryBytes() const;

 private:
  friend class MatcherBuilder;
  template <class T>
  using Array = std::vector<T, internal::HugePageAllocator<T>>;
  struct Slot {
    uint32_t tag;  // exact_: the key hash's low 32 bits; v4_: the address
    Id id;         // kNoMatch: empty
  };
  // An indicator's entry in the arena, at its id: type (1 byte), value
  // length (2), context id (4), value bytes. One cache line holds what a
  // lookup verifies and what a hit needs.
  static constexpr size_t kHeader = 7;

  IntelMatcher() = default;
  std::optional<IntelHit> Hit(Id id) const {
    return id == kNoMatch ? std::nullopt : std::optional<IntelHit>(Describe(id));
  }
  model::IndicatorType TypeOf(Id id) const { return static_cast<model::IndicatorType>(arena_[id]); }
  std::string_view Bytes(Id id) const;
  uint32_t ContextOf(Id id) const;
  Id ProbeExact(model::IndicatorType type, std::string_view key, uint64_t hash) const;
  Id ProbeExact(model::IndicatorType type, std::string_view key) const;
  Id ProbeV4(uint32_t address) const;
  Id FindV6(const Ip16& address) const;
  // Batches: after the slot, prefetches the entry its fingerprint names.
  void PrefetchEntry(uint64_t hash) const;

  Array<char> arena_;  // the entries; an id is an offset in it
  size_t size_ = 0;
  std::vector<IntelContext> contexts_;
  // Open addressing, linear probing, power-of-two sizes.
  Array<Slot> exact_;  // every type but IPv4, keyed by (type, bytes)
  Array<Slot> v4_;     // IPv4 addresses, the key in the slot
  int exact_shift_ = 64, v4_shift_ = 64;  // slot = hash >> shift
  // The fewest and most labels of a listed domain: suffixes outside that
  // range of a host are not probed.
  size_t domain_labels_min_ = SIZE_MAX, domain_labels_max_ = 0;
  internal::PrefixRanges<uint32_t> nets_v4_;
  internal::PrefixRanges<internal::U128> nets_v6_;
  BuildStats stats_;
};

class IntelHolder {
 public:
  std::shared_ptr<const IntelMatcher> Get() const { return current_.load(); }
  void Publish(std::shared_ptr<const IntelMatcher> m) { current_.store(std::move(m)); }

 private:
  std::atomic<std::shared_ptr<const IntelMatcher>> current_;
};

}  // namespace sw::intel
