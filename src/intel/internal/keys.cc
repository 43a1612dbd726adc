// SPDX-License-Identifier: Apache-2.0
#include "intel/internal/keys.h"

#include <arpa/inet.h>

#include <array>
#include <cstring>

namespace sw::intel::internal {
namespace {

using model::IndicatorType;

constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

bool IsMapped(const uint8_t* a) { return std::memcmp(a, kMapped, 12) == 0; }

uint32_t HostOrder(const uint8_t* four) {
  return uint32_t{four[0]} << 24 | uint32_t{four[1]} << 16 | uint32_t{four[2]} << 8 | four[3];
}

// A table, not comparisons: random hex digits mispredict a digit-or-letter
// branch half the time, which cost more than the rest of a hash lookup.
constexpr std::array<int8_t, 256> kHexValue = [] {
  std::array<int8_t, 256> t{};
  t.fill(-1);
  for (int c = 0; c < 10; ++c) t[static_cast<size_t>('0' + c)] = static_cast<int8_t>(c);
  for (int c = 0; c < 6; ++c) {
    t[static_cast<size_t>('a' + c)] = t[static_cast<size_t>('A' + c)] = static_cast<int8_t>(10 + c);
  }
  return t;
}();

bool DecodeHex(std::string_view text, size_t bytes, char* out) {
  if (text.size() != bytes * 2) return false;
  int bad = 0;
  for (size_t i = 0; i < bytes; ++i) {
    const int hi = kHexValue[static_cast<uint8_t>(text[2 * i])], lo = kHexValue[static_cast<uint8_t>(text[2 * i + 1])];
    bad |= hi | lo;  // negative once any digit is not hex
    out[i] = static_cast<char>((hi & 15) << 4 | (lo & 15));
  }
  return bad >= 0;
}

std::string_view Lower(std::string_view text, char* buf, std::string& spill) {
  char* out = buf;
  if (text.size() > kKeyBuffer) {
    spill.resize(text.size());
    out = spill.data();
  }
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    out[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
  }
  return {out, text.size()};
}

// Clears the host bits of a `bits`-long prefix.
void Mask(uint8_t* a, size_t size, unsigned bits) {
  for (size_t i = 0; i < size; ++i) {
    const unsigned keep = bits >= (i + 1) * 8 ? 8 : bits > i * 8 ? bits - static_cast<unsigned>(i) * 8 : 0;
    a[i] &= static_cast<uint8_t>(keep == 0 ? 0 : 0xFF << (8 - keep));
  }
}

bool EncodeNetwork(std::string_view text, char* buf, Key& out) {
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos || slash + 1 >= text.size() || text.size() - slash > 4) return false;
  unsigned bits = 0;
  for (const char c : text.substr(slash + 1)) {
    if (c < '0' || c > '9') return false;
    bits = bits * 10 + static_cast<unsigned>(c - '0');
  }
  uint8_t a[16];
  if (!ParseAddress(text.substr(0, slash), a)) return false;
  const bool v4_text = text.substr(0, slash).find(':') == std::string_view::npos;
  if (v4_text) bits += 96;  // written as IPv4: the mapped space
  if (bits > 128) return false;
  Mask(a, 16, bits);
  out.type = IndicatorType::kCidr;
  if (IsMapped(a) && bits >= 96) {  // an IPv4 network, however written
    std::memcpy(buf, a + 12, 4);
    buf[4] = static_cast<char>(bits - 96);
    out.bytes = {buf, 5};
  } else {
    std::memcpy(buf, a, 16);
    buf[16] = static_cast<char>(bits);
    out.bytes = {buf, 17};
  }
  return true;
}

}  // namespace

bool ParseAddress(std::string_view text, uint8_t (&out)[16]) {
  char z[64];  // inet_pton wants a terminated string
  if (text.empty() || text.size() >= sizeof z) return false;
  std::memcpy(z, text.data(), text.size());
  z[text.size()] = '\0';
  if (inet_pton(AF_INET, z, out + 12) == 1) {
    std::memcpy(out, kMapped, 12);
    return true;
  }
  return inet_pton(AF_INET6, z, out) == 1;
}

bool EncodeKey(IndicatorType type, std::string_view text, char* buf, std::string& spill, Key& out) {
  out.type = type;
  switch (type) {
    case IndicatorType::kIpv4:
    case IndicatorType::kIpv6: {
      uint8_t a[16];
      if (!ParseAddress(text, a)) return false;
      if (IsMapped(a)) {
        out.type = IndicatorType::kIpv4;
        out.v4 = HostOrder(a + 12);
        std::memcpy(buf, a + 12, 4);
        out.bytes = {buf, 4};
      } else {
        out.type = IndicatorType::kIpv6;
        std::memcpy(buf, a, 16);
        out.bytes = {buf, 16};
      }
      return true;
    }
    case IndicatorType::kCidr:
      return EncodeNetwork(text, buf, out);
    case IndicatorType::kDomain:
      while (!text.empty() && text.back() == '.') text.remove_suffix(1);
      if (text.empty()) return false;
      out.bytes = Lower(text, buf, spill);
      return true;
    case IndicatorType::kEmail:
      if (text.empty()) return false;
      out.bytes = Lower(text, buf, spill);
      return true;
    case IndicatorType::kUrl:
      if (text.empty()) return false;
      out.bytes = text;
      return true;
    case IndicatorType::kMd5:
    case IndicatorType::kJa3:
      out.bytes = {buf, 16};
      return DecodeHex(text, 16, buf);
    case IndicatorType::kSha1:
      out.bytes = {buf, 20};
      return DecodeHex(text, 20, buf);
    case IndicatorType::kSha256:
      out.bytes = {buf, 32};
      return DecodeHex(text, 32, buf);
  }
  return false;
}

std::string KeyText(IndicatorType type, std::string_view bytes) {
  auto address = [](const char* raw, size_t size) {
    char text[INET6_ADDRSTRLEN];
    inet_ntop(size == 4 ? AF_INET : AF_INET6, raw, text, sizeof text);
    return std::string(text);
  };
  switch (type) {
    case IndicatorType::kIpv4:
    case IndicatorType::kIpv6:
      return address(bytes.data(), bytes.size());
    case IndicatorType::kCidr: {
      const size_t size = bytes.size() - 1;
      return address(bytes.data(), size) + "/" + std::to_string(static_cast<uint8_t>(bytes[size]));
    }
    case IndicatorType::kMd5:
    case IndicatorType::kJa3:
    case IndicatorType::kSha1:
    case IndicatorType::kSha256: {
      static constexpr char kHex[] = "0123456789abcdef";
      std::string out(bytes.size() * 2, '0');
      for (size_t i = 0; i < bytes.size(); ++i) {
        const auto b = static_cast<uint8_t>(bytes[i]);
        out[2 * i] = kHex[b >> 4];
        out[2 * i + 1] = kHex[b & 15];
      }
      return out;
    }
    default:
      return std::string(bytes);
  }
}

}  // namespace sw::intel::internal
