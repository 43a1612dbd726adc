// SPDX-License-Identifier: Apache-2.0
#include "intel/matcher.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace sw::intel {
namespace {

using model::IndicatorType;

std::string Key(IndicatorType t, std::string_view value) {
  std::string k(model::NameIn(model::kIndicatorTypeNames, t));
  k.push_back(':');
  k.append(value);
  return k;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ParseAddress(std::string_view text, uint8_t (&out)[16]) {
  const std::string s(text);
  uint8_t v4[4];
  if (inet_pton(AF_INET, s.c_str(), v4) == 1) {
    std::memset(out, 0, 10);
    out[10] = out[11] = 0xff;
    std::memcpy(out + 12, v4, 4);
    return true;
  }
  return inet_pton(AF_INET6, s.c_str(), out) == 1;
}

// The address masked to `bits` of the 128, as a key with the length.
std::string NetworkKey(const uint8_t (&a)[16], int bits) {
  std::string k(17, '\0');
  k[0] = static_cast<char>(bits);
  for (int i = 0; i < 16; ++i) {
    const int keep = std::clamp(bits - i * 8, 0, 8);
    const auto mask = static_cast<uint8_t>(keep == 0 ? 0 : 0xFF << (8 - keep));
    k[static_cast<size_t>(i) + 1] = static_cast<char>(a[i] & mask);
  }
  return k;
}

}  // namespace

std::shared_ptr<const IntelMatcher> IntelMatcher::Build(std::vector<model::Indicator> indicators, Timestamp now) {
  std::shared_ptr<IntelMatcher> m(new IntelMatcher());
  for (auto& ind : indicators) {
    if (ind.valid_until && *ind.valid_until <= now) continue;  // expired
    const auto index = static_cast<uint32_t>(m->indicators_.size());
    switch (ind.type) {
      case IndicatorType::kIpv4:
      case IndicatorType::kIpv6: {
        uint8_t a[16];
        if (!ParseAddress(ind.value, a)) continue;
        m->networks_.emplace(NetworkKey(a, 128), index);
        break;
      }
      case IndicatorType::kCidr: {
        const size_t slash = ind.value.find('/');
        uint8_t a[16];
        if (slash == std::string::npos || !ParseAddress(std::string_view(ind.value).substr(0, slash), a)) continue;
        int bits = std::atoi(ind.value.c_str() + slash + 1);
        if (ind.value.find(':') == std::string::npos) bits += 96;  // IPv4 inside the mapped space
        if (bits < 0 || bits > 128) continue;
        m->networks_.emplace(NetworkKey(a, bits), index);
        if (std::find(m->prefix_lengths_.begin(), m->prefix_lengths_.end(), bits) == m->prefix_lengths_.end()) {
          m->prefix_lengths_.push_back(bits);
        }
        break;
      }
      case IndicatorType::kDomain:
      case IndicatorType::kUrl:
        m->exact_.emplace(Key(ind.type, ind.value), index);
        break;
      default:
        m->exact_.emplace(Key(ind.type, Lower(ind.value)), index);
        break;
    }
    m->indicators_.push_back(std::move(ind));
  }
  if (std::find(m->prefix_lengths_.begin(), m->prefix_lengths_.end(), 128) == m->prefix_lengths_.end()) {
    m->prefix_lengths_.push_back(128);  // single addresses
  }
  std::sort(m->prefix_lengths_.rbegin(), m->prefix_lengths_.rend());
  return m;
}

const model::Indicator* IntelMatcher::MatchIp(const uint8_t (&address)[16]) const {
  if (networks_.empty()) return nullptr;
  for (int bits : prefix_lengths_) {
    auto it = networks_.find(NetworkKey(address, bits));
    if (it != networks_.end()) return &indicators_[it->second];
  }
  return nullptr;
}

const model::Indicator* IntelMatcher::MatchIpText(std::string_view address) const {
  uint8_t a[16];
  return ParseAddress(address, a) ? MatchIp(a) : nullptr;
}

const model::Indicator* IntelMatcher::MatchDomain(std::string_view host) const {
  std::string h = Lower(host);
  while (!h.empty() && h.back() == '.') h.pop_back();
  std::string_view rest = h;
  while (!rest.empty()) {
    auto it = exact_.find(Key(IndicatorType::kDomain, rest));
    if (it != exact_.end()) return &indicators_[it->second];
    const size_t dot = rest.find('.');
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  return nullptr;
}

const model::Indicator* IntelMatcher::MatchUrl(std::string_view url) const {
  auto it = exact_.find(Key(IndicatorType::kUrl, url));
  return it == exact_.end() ? nullptr : &indicators_[it->second];
}

const model::Indicator* IntelMatcher::MatchValue(model::IndicatorType type, std::string_view value) const {
  auto it = exact_.find(Key(type, Lower(value)));
  return it == exact_.end() ? nullptr : &indicators_[it->second];
}

}  // namespace sw::intel
