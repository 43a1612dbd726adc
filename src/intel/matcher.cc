// SPDX-License-Identifier: Apache-2.0
// Lookups; the snapshot is built in matcher_build.cc.
#include "intel/matcher.h"

#include <cstring>

#include "intel/internal/keys.h"
#include "intel/internal/value_hash.h"
#include "intel/normalize.h"

namespace sw::intel {
namespace {

using model::IndicatorType;

// How many lookups ahead the batches prefetch: enough to keep several
// cache misses in flight, few enough that the lines are still there.
constexpr size_t kAhead = 8;

bool IsMapped(const Ip16& a) {
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  return std::memcmp(a.data(), kMapped, 12) == 0;
}

uint32_t V4Of(const Ip16& a) {
  return uint32_t{a[12]} << 24 | uint32_t{a[13]} << 16 | uint32_t{a[14]} << 8 | a[15];
}

internal::U128 U128Of(const Ip16& a) {
  internal::U128 v;
  for (int i = 0; i < 8; ++i) v.hi = v.hi << 8 | a[static_cast<size_t>(i)];
  for (int i = 8; i < 16; ++i) v.lo = v.lo << 8 | a[static_cast<size_t>(i)];
  return v;
}

uint64_t KeyHash(IndicatorType type, std::string_view key) {
  return internal::HashBytes(static_cast<uint64_t>(type), reinterpret_cast<const uint8_t*>(key.data()), key.size());
}

}  // namespace

std::string_view IntelMatcher::Bytes(Id id) const {
  return std::string_view(arena_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
}

IntelMatcher::Id IntelMatcher::ProbeExact(IndicatorType type, std::string_view key, uint64_t hash) const {
  const size_t mask = exact_.size() - 1;
  const auto fingerprint = static_cast<uint32_t>(hash);
  for (size_t i = hash >> exact_shift_;; i = (i + 1) & mask) {
    const Slot& s = exact_[i];
    if (s.id == kNoMatch) return kNoMatch;
    // The fingerprint rejects almost every other key without touching the
    // arena; the bytes make the answer exact.
    if (s.tag == fingerprint && types_[s.id] == static_cast<uint8_t>(type) && Bytes(s.id) == key) return s.id;
  }
}

IntelMatcher::Id IntelMatcher::ProbeExact(IndicatorType type, std::string_view key) const {
  return ProbeExact(type, key, KeyHash(type, key));
}

IntelMatcher::Id IntelMatcher::ProbeV4(uint32_t address) const {
  const size_t mask = v4_.size() - 1;
  for (size_t i = internal::Hash32(address) >> v4_shift_;; i = (i + 1) & mask) {
    const Slot& s = v4_[i];
    if (s.id == kNoMatch) return kNoMatch;
    if (s.tag == address) return s.id;
  }
}

IntelMatcher::Id IntelMatcher::FindIpv4(uint32_t address) const {
  const Id id = ProbeV4(address);
  return id != kNoMatch ? id : nets_v4_.Find(address);
}

IntelMatcher::Id IntelMatcher::FindV6(const Ip16& address) const {
  const Id id = ProbeExact(IndicatorType::kIpv6,
                           std::string_view(reinterpret_cast<const char*>(address.data()), address.size()));
  return id != kNoMatch ? id : nets_v6_.Find(U128Of(address));
}

IntelMatcher::Id IntelMatcher::FindIp(const Ip16& address) const {
  return IsMapped(address) ? FindIpv4(V4Of(address)) : FindV6(address);
}

IntelMatcher::Id IntelMatcher::FindDomain(std::string_view host) const {
  char buf[internal::kKeyBuffer];
  std::string spill;
  internal::Key key{};
  if (!EncodeKey(IndicatorType::kDomain, host, buf, spill, key)) return kNoMatch;
  std::string_view rest = key.bytes;
  while (true) {  // the host, then each parent: the most specific listed domain wins
    const Id id = ProbeExact(IndicatorType::kDomain, rest);
    if (id != kNoMatch) return id;
    const size_t dot = rest.find('.');
    if (dot == std::string_view::npos) return kNoMatch;
    rest.remove_prefix(dot + 1);
  }
}

IntelMatcher::Id IntelMatcher::FindValue(IndicatorType type, std::string_view value) const {
  char buf[internal::kKeyBuffer];
  std::string spill;
  internal::Key key{};
  if (!EncodeKey(type, value, buf, spill, key)) return kNoMatch;
  return key.type == IndicatorType::kIpv4 ? ProbeV4(key.v4) : ProbeExact(key.type, key.bytes);
}

std::optional<IntelHit> IntelMatcher::MatchIpText(std::string_view address) const {
  uint8_t a[16];
  if (!internal::ParseAddress(address, a)) return std::nullopt;
  Ip16 ip;
  std::memcpy(ip.data(), a, 16);
  return MatchIp(ip);
}

std::optional<IntelHit> IntelMatcher::MatchUrl(std::string_view url) const {
  auto normalized = NormalizeIndicator(IndicatorType::kUrl, url);
  return Hit(FindValue(IndicatorType::kUrl, normalized.ok() ? std::string_view(*normalized) : url));
}

IntelHit IntelMatcher::Describe(Id id) const {
  const auto type = static_cast<IndicatorType>(types_[id]);
  return IntelHit{type, internal::KeyText(type, Bytes(id)), &contexts_[context_ids_[id]]};
}

void IntelMatcher::FindIpv4s(std::span<const uint32_t> in, std::span<Id> out) const {
  auto prefetch = [&](uint32_t a) { __builtin_prefetch(&v4_[internal::Hash32(a) >> v4_shift_]); };
  for (size_t i = 0; i < in.size() && i < kAhead; ++i) prefetch(in[i]);
  for (size_t i = 0; i < in.size(); ++i) {
    if (i + kAhead < in.size()) prefetch(in[i + kAhead]);
    out[i] = FindIpv4(in[i]);
  }
}

void IntelMatcher::FindIps(std::span<const Ip16> in, std::span<Id> out) const {
  auto prefetch = [&](const Ip16& a) {
    if (IsMapped(a)) {
      __builtin_prefetch(&v4_[internal::Hash32(V4Of(a)) >> v4_shift_]);
    } else {
      const std::string_view key(reinterpret_cast<const char*>(a.data()), a.size());
      __builtin_prefetch(&exact_[KeyHash(IndicatorType::kIpv6, key) >> exact_shift_]);
    }
  };
  for (size_t i = 0; i < in.size() && i < kAhead; ++i) prefetch(in[i]);
  for (size_t i = 0; i < in.size(); ++i) {
    if (i + kAhead < in.size()) prefetch(in[i + kAhead]);
    out[i] = FindIp(in[i]);
  }
}

void IntelMatcher::FindValues(IndicatorType type, std::span<const std::string_view> in, std::span<Id> out) const {
  // Keys are encoded twice (ahead for the prefetch, then for the probe):
  // cheaper than keeping kAhead encoded keys around, and the hash is kept.
  uint64_t hashes[kAhead];
  auto ahead = [&](size_t i) {
    char buf[internal::kKeyBuffer];
    std::string spill;
    internal::Key key{};
    if (!EncodeKey(type, in[i], buf, spill, key)) {
      hashes[i % kAhead] = 0;
    } else if (key.type == IndicatorType::kIpv4) {
      __builtin_prefetch(&v4_[internal::Hash32(key.v4) >> v4_shift_]);
    } else {
      hashes[i % kAhead] = KeyHash(key.type, key.bytes);
      __builtin_prefetch(&exact_[hashes[i % kAhead] >> exact_shift_]);
    }
  };
  for (size_t i = 0; i < in.size() && i < kAhead; ++i) ahead(i);
  for (size_t i = 0; i < in.size(); ++i) {
    const uint64_t hash = hashes[i % kAhead];
    char buf[internal::kKeyBuffer];
    std::string spill;
    internal::Key key{};
    if (!EncodeKey(type, in[i], buf, spill, key)) {
      out[i] = kNoMatch;
    } else if (key.type == IndicatorType::kIpv4) {
      out[i] = ProbeV4(key.v4);
    } else {
      out[i] = ProbeExact(key.type, key.bytes, hash);
    }
    if (i + kAhead < in.size()) ahead(i + kAhead);
  }
}

void IntelMatcher::FindDomains(std::span<const std::string_view> in, std::span<Id> out) const {
  // Prefetches the first probe (the host itself); parents are probed as usual.
  auto ahead = [&](size_t i) {
    char buf[internal::kKeyBuffer];
    std::string spill;
    internal::Key key{};
    if (EncodeKey(IndicatorType::kDomain, in[i], buf, spill, key)) {
      __builtin_prefetch(&exact_[KeyHash(IndicatorType::kDomain, key.bytes) >> exact_shift_]);
    }
  };
  for (size_t i = 0; i < in.size() && i < kAhead; ++i) ahead(i);
  for (size_t i = 0; i < in.size(); ++i) {
    if (i + kAhead < in.size()) ahead(i + kAhead);
    out[i] = FindDomain(in[i]);
  }
}

size_t IntelMatcher::MemoryBytes() const {
  // A std::string's own bytes are in its owner; only longer ones (past the
  // small-string buffer) add a heap block.
  auto heap = [](const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; };
  size_t n = arena_.capacity() + 1 + offsets_.capacity() * sizeof(uint32_t) +
             types_.capacity() + context_ids_.capacity() * sizeof(uint32_t) +
             exact_.capacity() * sizeof(Slot) + v4_.capacity() * sizeof(Slot) + nets_v4_.MemoryBytes() +
             nets_v6_.MemoryBytes() + contexts_.capacity() * sizeof(IntelContext);
  for (const IntelContext& c : contexts_) {
    n += heap(c.name) + heap(c.source) + heap(c.stix_id);
    for (const auto* list : {&c.labels, &c.attack_techniques}) {
      n += list->capacity() * sizeof(std::string);
      for (const auto& s : *list) n += heap(s);
    }
  }
  return n;
}

}  // namespace sw::intel
