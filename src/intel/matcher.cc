// SPDX-License-Identifier: Apache-2.0
// Lookups; the snapshot is built in matcher_build.cc.
#include "intel/matcher.h"

#include <algorithm>
#include <cstring>

#include "intel/internal/keys.h"
#include "intel/internal/value_hash.h"
#include "intel/normalize.h"

namespace sw::intel {
namespace {

using model::IndicatorType;

// How many lookups ahead the batches prefetch: enough to keep several
// cache misses in flight, few enough that the lines are still there.
constexpr size_t kAhead = 16;

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
  const auto* h = reinterpret_cast<const uint8_t*>(arena_.data() + id);
  return {arena_.data() + id + kHeader, size_t{h[1]} | size_t{h[2]} << 8};
}

uint32_t IntelMatcher::ContextOf(Id id) const {
  uint32_t context;
  std::memcpy(&context, arena_.data() + id + 3, 4);
  return context;
}

IntelMatcher::Id IntelMatcher::ProbeExact(IndicatorType type, std::string_view key, uint64_t hash) const {
  const size_t mask = exact_.size() - 1;
  const auto fingerprint = static_cast<uint32_t>(hash);
  for (size_t i = hash >> exact_shift_;; i = (i + 1) & mask) {
    const Slot& s = exact_[i];
    if (s.id == kNoMatch) return kNoMatch;
    // The fingerprint rejects almost every other key without touching the
    // arena; the bytes make the answer exact.
    if (s.tag == fingerprint && TypeOf(s.id) == type && Bytes(s.id) == key) return s.id;
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
  size_t labels = static_cast<size_t>(std::count(rest.begin(), rest.end(), '.')) + 1;
  for (; labels > domain_labels_max_; --labels) rest.remove_prefix(rest.find('.') + 1);
  // The host, then each parent: the most specific listed domain wins.
  for (; labels >= domain_labels_min_; --labels) {
    const Id id = ProbeExact(IndicatorType::kDomain, rest);
    if (id != kNoMatch) return id;
    rest.remove_prefix(rest.find('.') + 1);  // no dot left: npos + 1 is 0, and the loop ends
  }
  return kNoMatch;
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
  return IntelHit{TypeOf(id), internal::KeyText(TypeOf(id), Bytes(id)), &contexts_[ContextOf(id)]};
}

void IntelMatcher::PrefetchEntry(uint64_t hash) const {
  const Slot& s = exact_[hash >> exact_shift_];
  if (s.id != kNoMatch && s.tag == static_cast<uint32_t>(hash)) __builtin_prefetch(&arena_[s.id]);
}

// The batches run three stages over a window: at i + 2*kAhead the key is
// hashed and its slot prefetched; at i + kAhead the slot (now in cache)
// names an entry, which is prefetched; at i the ordinary lookup finds both
// in cache. A single lookup waits for each of those misses in turn.
namespace {
template <class Ahead, class Middle, class Lookup>
void Pipeline(size_t n, Ahead ahead, Middle middle, Lookup lookup) {
  for (size_t i = 0; i < n + 2 * kAhead; ++i) {
    // Oldest first: the ring entry of i - 2*kAhead is then reused for i.
    if (i >= 2 * kAhead) lookup(i - 2 * kAhead);
    if (i >= kAhead && i - kAhead < n) middle(i - kAhead);
    if (i < n) ahead(i);
  }
}
}  // namespace

void IntelMatcher::FindIpv4s(std::span<const uint32_t> in, std::span<Id> out) const {
  // The address is in the slot: no entry to prefetch, but the networks the
  // address may fall in, should it not be listed.
  Pipeline(
      in.size(), [&](size_t i) { __builtin_prefetch(&v4_[internal::Hash32(in[i]) >> v4_shift_]); },
      [&](size_t i) { nets_v4_.Prefetch(in[i]); }, [&](size_t i) { out[i] = FindIpv4(in[i]); });
}

void IntelMatcher::FindIps(std::span<const Ip16> in, std::span<Id> out) const {
  uint64_t hashes[2 * kAhead];
  auto key = [&](size_t i) { return std::string_view(reinterpret_cast<const char*>(in[i].data()), 16); };
  Pipeline(
      in.size(),
      [&](size_t i) {
        if (IsMapped(in[i])) {
          __builtin_prefetch(&v4_[internal::Hash32(V4Of(in[i])) >> v4_shift_]);
        } else {
          hashes[i % (2 * kAhead)] = KeyHash(IndicatorType::kIpv6, key(i));
          __builtin_prefetch(&exact_[hashes[i % (2 * kAhead)] >> exact_shift_]);
        }
      },
      [&](size_t i) {
        if (IsMapped(in[i])) {
          nets_v4_.Prefetch(V4Of(in[i]));
        } else {
          PrefetchEntry(hashes[i % (2 * kAhead)]);
        }
      },
      [&](size_t i) { out[i] = FindIp(in[i]); });
}

void IntelMatcher::FindValues(IndicatorType type, std::span<const std::string_view> in, std::span<Id> out) const {
  // Keys are encoded again for the lookup: cheaper than keeping a window of
  // encoded keys, and the hash is kept.
  struct Window {
    uint64_t hash;
    bool exact;  // a valid key in exact_ (not IPv4, not malformed)
  } ahead[2 * kAhead];
  Pipeline(
      in.size(),
      [&](size_t i) {
        char buf[internal::kKeyBuffer];
        std::string spill;
        internal::Key key{};
        Window& a = ahead[i % (2 * kAhead)];
        a.exact = EncodeKey(type, in[i], buf, spill, key) && key.type != IndicatorType::kIpv4;
        if (a.exact) {
          a.hash = KeyHash(key.type, key.bytes);
          __builtin_prefetch(&exact_[a.hash >> exact_shift_]);
        } else if (key.type == IndicatorType::kIpv4) {
          __builtin_prefetch(&v4_[internal::Hash32(key.v4) >> v4_shift_]);
        }
      },
      [&](size_t i) {
        if (ahead[i % (2 * kAhead)].exact) PrefetchEntry(ahead[i % (2 * kAhead)].hash);
      },
      [&](size_t i) {
        char buf[internal::kKeyBuffer];
        std::string spill;
        internal::Key key{};
        if (!EncodeKey(type, in[i], buf, spill, key)) {
          out[i] = kNoMatch;
        } else if (key.type == IndicatorType::kIpv4) {
          out[i] = ProbeV4(key.v4);
        } else {
          out[i] = ProbeExact(key.type, key.bytes, ahead[i % (2 * kAhead)].hash);
        }
      });
}

void IntelMatcher::FindDomains(std::span<const std::string_view> in, std::span<Id> out) const {
  // Prefetches the probe of the host itself; parents are probed as usual.
  uint64_t hashes[2 * kAhead];
  Pipeline(
      in.size(),
      [&](size_t i) {
        char buf[internal::kKeyBuffer];
        std::string spill;
        internal::Key key{};
        hashes[i % (2 * kAhead)] = 0;
        if (EncodeKey(IndicatorType::kDomain, in[i], buf, spill, key)) {
          hashes[i % (2 * kAhead)] = KeyHash(IndicatorType::kDomain, key.bytes);
          __builtin_prefetch(&exact_[hashes[i % (2 * kAhead)] >> exact_shift_]);
        }
      },
      [&](size_t i) { PrefetchEntry(hashes[i % (2 * kAhead)]); }, [&](size_t i) { out[i] = FindDomain(in[i]); });
}

size_t IntelMatcher::MemoryBytes() const {
  // A std::string's own bytes are in its owner; only longer ones (past the
  // small-string buffer) add a heap block.
  auto heap = [](const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; };
  size_t n = arena_.capacity() + exact_.capacity() * sizeof(Slot) + v4_.capacity() * sizeof(Slot) +
             nets_v4_.MemoryBytes() + nets_v6_.MemoryBytes() + contexts_.capacity() * sizeof(IntelContext);
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
