// SPDX-License-Identifier: Apache-2.0
// IntelMatcher::Build: indicators in, compiled snapshot out.
#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <utility>

#include "intel/internal/keys.h"
#include "intel/internal/value_hash.h"
#include "intel/matcher.h"

namespace sw::intel {

using model::IndicatorType;

class MatcherBuilder {
 public:
  MatcherBuilder(IntelMatcher& m, Timestamp now) : m_(m), now_(now) {}

  void Run(const std::vector<model::Indicator>& indicators) {
    Size(indicators);
    for (const auto& ind : indicators) Add(ind);
    m_.arena_.shrink_to_fit();  // reserved for the text forms; binary keys are shorter
    m_.contexts_.shrink_to_fit();
    m_.nets_v4_.Build(std::move(nets_v4_));
    m_.nets_v6_.Build(std::move(nets_v6_));
    m_.stats_.input = indicators.size();
    m_.stats_.kept = m_.size();
    m_.stats_.contexts = m_.contexts_.size();
  }

 private:
  using Id = IntelMatcher::Id;
  using Slot = IntelMatcher::Slot;
  static constexpr Id kNoMatch = IntelMatcher::kNoMatch;

  // Tables at most 3/4 full, so linear probing stays short. Sized once from
  // the input's types (expired and duplicates included); they grow only when
  // values change tables (an ipv4 written as IPv6, ::ffff:a.b.c.d as ipv6).
  static void Table(IntelMatcher::Array<Slot>& t, int& shift, size_t entries) {
    const size_t size = std::max<size_t>(8, std::bit_ceil(entries + entries / 3 + 1));
    t.assign(size, Slot{0, kNoMatch});
    shift = 64 - std::countr_zero(size);
  }

  void Size(const std::vector<model::Indicator>& indicators) {
    size_t v4 = 0, text_bytes = 0;
    for (const auto& ind : indicators) {
      v4 += ind.type == IndicatorType::kIpv4;
      text_bytes += ind.value.size();
    }
    Table(m_.v4_, m_.v4_shift_, v4);
    Table(m_.exact_, m_.exact_shift_, indicators.size() - v4);
    m_.arena_.reserve(text_bytes + IntelMatcher::kHeader * indicators.size());
  }

  void Add(const model::Indicator& ind) {
    if (ind.valid_until && *ind.valid_until <= now_) {
      ++m_.stats_.expired;
      return;
    }
    char buf[internal::kKeyBuffer];
    std::string spill;
    internal::Key key{};
    if (!EncodeKey(ind.type, ind.value, buf, spill, key) || key.bytes.size() > 0xFFFF ||
        m_.arena_.size() + IntelMatcher::kHeader + key.bytes.size() >= std::numeric_limits<uint32_t>::max()) {
      ++m_.stats_.invalid;
      return;
    }
    const bool v4 = key.type == IndicatorType::kIpv4;
    const uint64_t hash = v4 ? 0 : internal::HashBytes(static_cast<uint64_t>(key.type),
                                                       reinterpret_cast<const uint8_t*>(key.bytes.data()),
                                                       key.bytes.size());
    // One walk finds the value or the free slot for it.
    auto& table = v4 ? m_.v4_ : m_.exact_;
    if ((v4 ? v4_entries_ : exact_entries_) * 4 >= table.size() * 3) Grow(table, v4 ? m_.v4_shift_ : m_.exact_shift_, v4);
    const auto tag = v4 ? key.v4 : static_cast<uint32_t>(hash);
    size_t i = v4 ? internal::Hash32(key.v4) >> m_.v4_shift_ : hash >> m_.exact_shift_;
    for (;; i = (i + 1) & (table.size() - 1)) {
      const Slot& s = table[i];
      if (s.id == kNoMatch) break;
      if (s.tag == tag && (v4 || (m_.TypeOf(s.id) == key.type && m_.Bytes(s.id) == key.bytes))) {
        ++m_.stats_.duplicates;
        if (ind.confidence > m_.contexts_[m_.ContextOf(s.id)].confidence) {
          const uint32_t context = Intern(ind);
          std::memcpy(m_.arena_.data() + s.id + 3, &context, 4);
        }
        return;
      }
    }
    const auto id = static_cast<Id>(m_.arena_.size());
    table[i] = Slot{tag, id};
    ++(v4 ? v4_entries_ : exact_entries_);
    ++m_.size_;
    const uint32_t context = Intern(ind);
    const auto length = static_cast<uint16_t>(key.bytes.size());
    char header[IntelMatcher::kHeader] = {static_cast<char>(key.type), static_cast<char>(length & 0xFF),
                                          static_cast<char>(length >> 8)};
    std::memcpy(header + 3, &context, 4);
    m_.arena_.insert(m_.arena_.end(), header, header + IntelMatcher::kHeader);
    m_.arena_.insert(m_.arena_.end(), key.bytes.begin(), key.bytes.end());
    if (key.type == IndicatorType::kCidr) AddNetwork(key.bytes, id);
    if (key.type == IndicatorType::kDomain) {
      const size_t labels = static_cast<size_t>(std::count(key.bytes.begin(), key.bytes.end(), '.')) + 1;
      m_.domain_labels_min_ = std::min(m_.domain_labels_min_, labels);
      m_.domain_labels_max_ = std::max(m_.domain_labels_max_, labels);
    }
  }

  void Grow(IntelMatcher::Array<Slot>& t, int& shift, bool v4) {
    const IntelMatcher::Array<Slot> old = std::move(t);
    Table(t, shift, old.size());
    for (const Slot& s : old) {
      if (s.id == kNoMatch) continue;
      const std::string_view bytes = m_.Bytes(s.id);
      const uint64_t h = v4 ? internal::Hash32(s.tag)
                            : internal::HashBytes(static_cast<uint64_t>(m_.TypeOf(s.id)), reinterpret_cast<const uint8_t*>(bytes.data()),
                                                  bytes.size());
      Insert(t, h >> shift, s);
    }
  }

  static void Insert(IntelMatcher::Array<Slot>& t, size_t i, Slot s) {
    while (t[i].id != kNoMatch) i = (i + 1) & (t.size() - 1);
    t[i] = s;
  }

  void AddNetwork(std::string_view key, Id id) {
    const auto* b = reinterpret_cast<const uint8_t*>(key.data());
    const unsigned bits = b[key.size() - 1];
    if (key.size() == 5) {
      const uint32_t first = uint32_t{b[0]} << 24 | uint32_t{b[1]} << 16 | uint32_t{b[2]} << 8 | b[3];
      const uint32_t host = bits == 0 ? ~uint32_t{0} : (uint32_t{1} << (32 - bits)) - 1;
      nets_v4_.push_back({first, first | host, id});
      return;
    }
    internal::U128 first;
    for (int i = 0; i < 8; ++i) first.hi = first.hi << 8 | b[i];
    for (int i = 8; i < 16; ++i) first.lo = first.lo << 8 | b[i];
    auto ones = [](unsigned n) { return n >= 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1; };
    const unsigned host = 128 - bits;
    const internal::U128 last{first.hi | ones(host > 64 ? host - 64 : 0), first.lo | ones(host)};
    nets_v6_.push_back({first, last, id});
  }

  // Contexts are deduplicated by value (many indicators of one event or
  // feed share one record), through a flat table of their hashes.
  uint32_t Intern(const model::Indicator& ind) {
    const uint64_t h = ContextHash(ind);
    if (context_slots_.size() < 2 * (m_.contexts_.size() + 1)) GrowContexts();
    const size_t mask = context_slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      auto& [hash, id] = context_slots_[i];
      if (id == kNoMatch) {
        hash = h;
        id = static_cast<uint32_t>(m_.contexts_.size());
        m_.contexts_.push_back(IntelContext{ind.name, ind.source, ind.confidence, ind.tlp, ind.labels,
                                            ind.attack_techniques, ind.stix_id, ind.valid_until});
        return id;
      }
      if (hash == h && Same(m_.contexts_[id], ind)) return id;
    }
  }

  void GrowContexts() {
    std::vector<std::pair<uint64_t, uint32_t>> old = std::move(context_slots_);
    context_slots_.assign(std::max<size_t>(64, old.size() * 2), {0, kNoMatch});
    for (const auto& [hash, id] : old) {
      if (id == kNoMatch) continue;
      size_t i = hash & (context_slots_.size() - 1);
      while (context_slots_[i].second != kNoMatch) i = (i + 1) & (context_slots_.size() - 1);
      context_slots_[i] = {hash, id};
    }
  }

  static bool Same(const IntelContext& c, const model::Indicator& i) {
    return c.confidence == i.confidence && c.tlp == i.tlp && c.valid_until == i.valid_until && c.name == i.name &&
           c.source == i.source && c.stix_id == i.stix_id && c.labels == i.labels &&
           c.attack_techniques == i.attack_techniques;
  }

  static uint64_t ContextHash(const model::Indicator& i) {
    uint64_t h = internal::Fold(static_cast<uint64_t>(i.confidence) << 8 ^ static_cast<uint64_t>(i.tlp) ^
                                    (i.valid_until ? static_cast<uint64_t>(ToUnixMillis(*i.valid_until)) : 0),
                                internal::kK1);
    auto mix = [&h](uint64_t field, const std::string& s) {
      h = internal::Fold(h ^ internal::HashBytes(field, reinterpret_cast<const uint8_t*>(s.data()), s.size()),
                         internal::kK0);
    };
    mix(1, i.name);
    mix(2, i.source);
    mix(3, i.stix_id);
    for (const auto& l : i.labels) mix(4, l);
    for (const auto& t : i.attack_techniques) mix(5, t);
    return h;
  }

  IntelMatcher& m_;
  const Timestamp now_;
  std::vector<std::pair<uint64_t, uint32_t>> context_slots_;  // (hash, context id), open addressing
  size_t v4_entries_ = 0, exact_entries_ = 0;
  std::vector<internal::PrefixRanges<uint32_t>::Network> nets_v4_;
  std::vector<internal::PrefixRanges<internal::U128>::Network> nets_v6_;
};

std::shared_ptr<const IntelMatcher> IntelMatcher::Build(const std::vector<model::Indicator>& indicators,
                                                        Timestamp now) {
  std::shared_ptr<IntelMatcher> m(new IntelMatcher());
  MatcherBuilder(*m, now).Run(indicators);
  return m;
}

}  // namespace sw::intel
