// SPDX-License-Identifier: Apache-2.0
#include "intel/normalize.h"

#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>

#include <arpa/inet.h>

namespace sw::intel {
namespace {

using model::IndicatorType;

std::string_view Trim(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string LowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

// "'value': why" (the value cut at 200 bytes so errors stay readable).
Status Bad(std::string_view what, std::string_view value, std::string_view why) {
  std::string v(value.substr(0, 200));
  if (value.size() > 200) v += "...";
  return InvalidArgument(std::string(what) + " '" + v + "': " + std::string(why));
}

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  return Lower(c) - 'a' + 10;
}

// Parses an IPv4 or IPv6 address into `bytes`; returns the family or 0.
int ParseAddress(std::string_view text, std::array<unsigned char, 16>& bytes) {
  if (text.empty() || text.size() > 45) return 0;
  char buf[64];
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  if (inet_pton(AF_INET, buf, bytes.data()) == 1) return AF_INET;
  if (inet_pton(AF_INET6, buf, bytes.data()) == 1) return AF_INET6;
  return 0;
}

std::string FormatAddress(int family, const std::array<unsigned char, 16>& bytes) {
  char buf[INET6_ADDRSTRLEN];
  inet_ntop(family, bytes.data(), buf, sizeof buf);
  return buf;
}

Result<std::string> NormalizeIp(int want, std::string_view v) {
  const char* what = want == AF_INET ? "ipv4 address" : "ipv6 address";
  std::array<unsigned char, 16> b{};
  const int family = ParseAddress(v, b);
  if (family != want) {
    if (family != 0)
      return Bad(what, v, want == AF_INET ? "is an IPv6 address" : "is an IPv4 address");
    return Bad(what, v, "not a valid address");
  }
  return FormatAddress(family, b);
}

Result<std::string> NormalizeCidr(std::string_view v) {
  const size_t slash = v.find('/');
  if (slash == std::string_view::npos) return Bad("cidr", v, "no '/<prefix length>'");
  std::array<unsigned char, 16> b{};
  const int family = ParseAddress(v.substr(0, slash), b);
  if (family == 0) return Bad("cidr", v, "not a valid network address");
  const std::string_view len_text = v.substr(slash + 1);
  const int max_len = family == AF_INET ? 32 : 128;
  if (len_text.empty() || len_text.size() > 3)
    return Bad("cidr", v, "prefix length is not a number");
  int len = 0;
  for (char c : len_text) {
    if (c < '0' || c > '9') return Bad("cidr", v, "prefix length is not a number");
    len = len * 10 + (c - '0');
  }
  if (len > max_len) {
    return Bad("cidr", v,
               "prefix length " + std::to_string(len) + " is over " + std::to_string(max_len));
  }
  const int bytes = max_len / 8;
  for (int bit = len; bit < bytes * 8; ++bit) {
    if (b[bit / 8] & (0x80 >> (bit % 8))) {
      return Bad("cidr", v, "host bits are set (the network starts at a lower address)");
    }
  }
  return FormatAddress(family, b) + "/" + std::to_string(len);
}

// Validates an already lower-cased host name.
Status CheckDomain(std::string_view what, std::string_view original, std::string_view d) {
  if (d.empty()) return Bad(what, original, "empty domain name");
  if (d.size() > 253) return Bad(what, original, "longer than 253 bytes");
  size_t start = 0;
  while (true) {
    const size_t dot = d.find('.', start);
    const std::string_view label =
        d.substr(start, dot == std::string_view::npos ? d.npos : dot - start);
    if (label.empty()) return Bad(what, original, "empty label");
    if (label.size() > 63) return Bad(what, original, "label longer than 63 bytes");
    for (char c : label) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
        if (static_cast<unsigned char>(c) >= 0x80) {
          return Bad(what, original, "non-ASCII label (give IDNA names as punycode)");
        }
        return Bad(what, original, std::string("invalid character '") + c + "'");
      }
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return {};
}

Result<std::string> NormalizeDomain(std::string_view v) {
  std::string d = LowerCopy(v);
  if (!d.empty() && d.back() == '.') d.pop_back();
  SW_RETURN_IF_ERROR(CheckDomain("domain", v, d));
  return d;
}

Result<std::string> NormalizeHash(std::string_view what, std::string_view v, size_t digits) {
  if (v.size() != digits) {
    return Bad(what, v,
               std::to_string(v.size()) + " characters, expected " + std::to_string(digits) +
                   " hex digits");
  }
  for (char c : v) {
    if (!IsHex(c)) return Bad(what, v, std::string("not hex ('") + c + "')");
  }
  return LowerCopy(v);
}

Result<std::string> NormalizeEmail(std::string_view v) {
  const size_t at = v.rfind('@');
  if (at == std::string_view::npos) return Bad("email", v, "no '@'");
  if (at == 0) return Bad("email", v, "empty local part");
  const std::string_view local = v.substr(0, at);
  for (char c : local) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '<' || c == '>') {
      return Bad("email", v, "invalid character in the local part");
    }
  }
  std::string domain = LowerCopy(v.substr(at + 1));
  if (!domain.empty() && domain.back() == '.') domain.pop_back();
  SW_RETURN_IF_ERROR(CheckDomain("email", v, domain));
  return std::string(local) + "@" + domain;
}

bool Unreserved(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// Decodes "%XX" of unreserved characters and upper-cases the other escapes.
Result<std::string> NormalizeEscapes(std::string_view original, std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f)
      return Bad("url", original, "white space or control character");
    if (c != '%') {
      out += c;
      continue;
    }
    if (i + 2 >= s.size() || !IsHex(s[i + 1]) || !IsHex(s[i + 2])) {
      if (i + 2 >= s.size()) return Bad("url", original, "truncated %-escape");
      return Bad("url", original, "invalid %-escape");
    }
    const char decoded = static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
    if (Unreserved(decoded)) {
      out += decoded;
    } else {
      out += '%';
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(s[i + 1])));
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(s[i + 2])));
    }
    i += 2;
  }
  return out;
}

std::string_view DefaultPort(std::string_view scheme) {
  if (scheme == "http" || scheme == "ws") return "80";
  if (scheme == "https" || scheme == "wss") return "443";
  if (scheme == "ftp") return "21";
  return {};
}

Result<std::string> NormalizeUrl(std::string_view v) {
  const size_t colon = v.find("://");
  if (colon == std::string_view::npos || colon == 0)
    return Bad("url", v, "no scheme (\"http://...\")");
  std::string scheme = LowerCopy(v.substr(0, colon));
  if (!(scheme[0] >= 'a' && scheme[0] <= 'z')) return Bad("url", v, "invalid scheme");
  for (char c : scheme) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
      return Bad("url", v, "invalid scheme");
    }
  }
  std::string_view rest = v.substr(colon + 3);
  const size_t hash = rest.find('#');
  if (hash != std::string_view::npos) rest = rest.substr(0, hash);
  const size_t auth_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, auth_end);
  std::string_view tail =
      auth_end == std::string_view::npos ? std::string_view() : rest.substr(auth_end);

  std::string out = scheme + "://";
  const size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    SW_ASSIGN_OR_RETURN(std::string userinfo, NormalizeEscapes(v, authority.substr(0, at)));
    out += userinfo;
    out += '@';
    authority = authority.substr(at + 1);
  }
  std::string_view host = authority, port;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return Bad("url", v, "unterminated IPv6 host");
    host = authority.substr(1, close - 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return Bad("url", v, "junk after the IPv6 host");
      port = after.substr(1);
    }
    auto ip = NormalizeIp(AF_INET6, host);
    if (!ip.ok()) return Bad("url", v, "invalid IPv6 host");
    out += "[" + *ip + "]";
  } else {
    const size_t pc = authority.rfind(':');
    if (pc != std::string_view::npos) {
      host = authority.substr(0, pc);
      port = authority.substr(pc + 1);
    }
    std::string h = LowerCopy(host);
    if (!h.empty() && h.back() == '.') h.pop_back();
    if (h.empty()) return Bad("url", v, "empty host");
    std::array<unsigned char, 16> b{};
    if (ParseAddress(h, b) == AF_INET) {
      h = FormatAddress(AF_INET, b);
    } else {
      SW_RETURN_IF_ERROR(CheckDomain("url", v, h));
    }
    out += h;
  }
  if (port.size() > 5) return Bad("url", v, "invalid port");
  for (char c : port) {
    if (c < '0' || c > '9') return Bad("url", v, "invalid port");
  }
  if (!port.empty()) {
    const int n = std::stoi(std::string(port));
    if (n > 65535) return Bad("url", v, "port over 65535");
    const std::string p = std::to_string(n);
    if (p != DefaultPort(scheme)) out += ":" + p;
  }
  if (tail.empty() || tail.front() == '?') out += '/';
  SW_ASSIGN_OR_RETURN(std::string path, NormalizeEscapes(v, tail));
  out += path;
  return out;
}

}  // namespace

Result<std::string> NormalizeIndicator(IndicatorType type, std::string_view value) {
  const std::string_view v = Trim(value);
  switch (type) {
    case IndicatorType::kIpv4:
      return NormalizeIp(AF_INET, v);
    case IndicatorType::kIpv6:
      if (v.find('%') != std::string_view::npos)
        return Bad("ipv6 address", v, "zone ids are not allowed");
      return NormalizeIp(AF_INET6, v);
    case IndicatorType::kCidr:
      return NormalizeCidr(v);
    case IndicatorType::kDomain:
      return NormalizeDomain(v);
    case IndicatorType::kUrl:
      return NormalizeUrl(v);
    case IndicatorType::kEmail:
      return NormalizeEmail(v);
    case IndicatorType::kMd5:
      return NormalizeHash("md5", v, 32);
    case IndicatorType::kSha1:
      return NormalizeHash("sha1", v, 40);
    case IndicatorType::kSha256:
      return NormalizeHash("sha256", v, 64);
    case IndicatorType::kJa3:
      return NormalizeHash("ja3", v, 32);
  }
  return InvalidArgument("unknown indicator type");
}

std::optional<IndicatorType> GuessType(std::string_view value) {
  const std::string_view v = Trim(value);
  if (v.empty()) return std::nullopt;
  const auto fits = [&](IndicatorType t) { return NormalizeIndicator(t, v).ok(); };
  if (v.find("://") != std::string_view::npos) {
    return fits(IndicatorType::kUrl) ? std::optional(IndicatorType::kUrl) : std::nullopt;
  }
  if (v.find('/') != std::string_view::npos) {
    return fits(IndicatorType::kCidr) ? std::optional(IndicatorType::kCidr) : std::nullopt;
  }
  if (v.find('@') != std::string_view::npos) {
    return fits(IndicatorType::kEmail) ? std::optional(IndicatorType::kEmail) : std::nullopt;
  }
  for (IndicatorType t : {IndicatorType::kIpv4, IndicatorType::kIpv6, IndicatorType::kMd5,
                          IndicatorType::kSha1, IndicatorType::kSha256}) {
    if (fits(t)) return t;
  }
  // A domain needs a dot and a label that is not all digits at the end, so
  // "1.2.3" or a bare word is not taken for one.
  if (v.find('.') == std::string_view::npos || !fits(IndicatorType::kDomain)) return std::nullopt;
  std::string_view tld = v;
  if (tld.back() == '.') tld.remove_suffix(1);
  tld = tld.substr(tld.rfind('.') + 1);
  for (char c : tld) {
    if (!(c >= '0' && c <= '9')) return IndicatorType::kDomain;
  }
  return std::nullopt;
}

}  // namespace sw::intel
