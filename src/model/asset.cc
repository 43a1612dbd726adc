// SPDX-License-Identifier: Apache-2.0
#include "model/asset.h"

#include <arpa/inet.h>

#include <algorithm>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <cctype>
#include <charconv>
#include <cstring>

#include "model/codec_util.h"

namespace sw::model {
namespace {

// The narrowest networks accepted as one asset: wider ones cannot be scanned
// responsibly in one go and are almost always a typo.
constexpr int kMinIpv4Prefix = 16;
constexpr int kMinIpv6Prefix = 48;

Status BadValue(const std::string& m) { return InvalidArgument("value: " + m, "value"); }

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::optional<std::array<uint8_t, 4>> ParseIpv4(std::string_view s) {
  if (s.empty() || s.size() > 15) return std::nullopt;
  std::array<uint8_t, 4> out{};
  char buf[16];
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = '\0';
  // inet_pton rejects leading zeros' octal ambiguity and short forms.
  if (inet_pton(AF_INET, buf, out.data()) != 1) return std::nullopt;
  return out;
}

std::optional<std::array<uint8_t, 16>> ParseIpv6(std::string_view s) {
  if (s.empty() || s.size() > 45) return std::nullopt;
  std::array<uint8_t, 16> out{};
  char buf[46];
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = '\0';
  if (inet_pton(AF_INET6, buf, out.data()) != 1) return std::nullopt;
  return out;
}

std::string FormatIpv4(const std::array<uint8_t, 4>& a) {
  char buf[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, a.data(), buf, sizeof buf);
  return buf;
}

std::string FormatIpv6(const std::array<uint8_t, 16>& a) {
  char buf[INET6_ADDRSTRLEN];
  inet_ntop(AF_INET6, a.data(), buf, sizeof buf);
  return buf;
}

std::array<uint8_t, 16> MapV4(const std::array<uint8_t, 4>& a) {
  std::array<uint8_t, 16> out{};
  out[10] = 0xff;
  out[11] = 0xff;
  std::copy(a.begin(), a.end(), out.begin() + 12);
  return out;
}

bool IsValidHostName(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  size_t start = 0;
  int labels = 0;
  while (start <= name.size()) {
    size_t dot = name.find('.', start);
    if (dot == std::string_view::npos) dot = name.size();
    const std::string_view label = name.substr(start, dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-')) return false;
    }
    ++labels;
    start = dot + 1;
    if (dot == name.size()) break;
  }
  // A single label ("localhost", "intranet") is not a public name we can tie
  // to an enterprise; the last label must not be all digits (that is an IP).
  if (labels < 2) return false;
  const std::string_view tld = name.substr(name.rfind('.') + 1);
  return !std::all_of(tld.begin(), tld.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Result<NormalizedAsset> NormalizeCidr(std::string_view value) {
  const size_t slash = value.find('/');
  const std::string_view addr = value.substr(0, slash);
  const std::string_view len_text = value.substr(slash + 1);
  int len = -1;
  auto [end, ec] = std::from_chars(len_text.data(), len_text.data() + len_text.size(), len);
  if (ec != std::errc() || end != len_text.data() + len_text.size() || len_text.empty()) {
    return BadValue("prefix length \"" + std::string(len_text) + "\" is not a number");
  }
  if (auto v4 = ParseIpv4(addr)) {
    if (len < kMinIpv4Prefix || len > 32) {
      return BadValue("prefix length " + std::to_string(len) + " is out of range for IPv4 (" +
                      std::to_string(kMinIpv4Prefix) + "-32)");
    }
    uint32_t ip = (uint32_t{(*v4)[0]} << 24) | (uint32_t{(*v4)[1]} << 16) |
                  (uint32_t{(*v4)[2]} << 8) | (*v4)[3];
    const uint32_t mask = len == 0 ? 0 : ~uint32_t{0} << (32 - len);
    if ((ip & ~mask) != 0) {
      ip &= mask;
      std::array<uint8_t, 4> net{static_cast<uint8_t>(ip >> 24), static_cast<uint8_t>(ip >> 16),
                                 static_cast<uint8_t>(ip >> 8), static_cast<uint8_t>(ip)};
      return BadValue(std::string(value) + " has host bits set; did you mean " + FormatIpv4(net) +
                      "/" + std::to_string(len) + "?");
    }
    return NormalizedAsset{AssetKind::kCidr, FormatIpv4(*v4) + "/" + std::to_string(len)};
  }
  if (auto v6 = ParseIpv6(addr)) {
    if (len < kMinIpv6Prefix || len > 128) {
      return BadValue("prefix length " + std::to_string(len) + " is out of range for IPv6 (" +
                      std::to_string(kMinIpv6Prefix) + "-128)");
    }
    auto net = *v6;
    bool host_bits = false;
    for (int bit = len; bit < 128; ++bit) {
      const auto byte = static_cast<size_t>(bit / 8);
      const auto m = static_cast<uint8_t>(0x80 >> (bit % 8));
      if (net[byte] & m) {
        host_bits = true;
        net[byte] = static_cast<uint8_t>(net[byte] & ~m);
      }
    }
    if (host_bits) {
      return BadValue(std::string(value) + " has host bits set; did you mean " + FormatIpv6(net) +
                      "/" + std::to_string(len) + "?");
    }
    return NormalizedAsset{AssetKind::kCidr, FormatIpv6(*v6) + "/" + std::to_string(len)};
  }
  return BadValue("\"" + std::string(addr) + "\" is not an IPv4 or IPv6 address");
}

Result<NormalizedAsset> NormalizeUrl(std::string_view value) {
  auto parsed = boost::urls::parse_uri(value);
  if (!parsed) return BadValue("not a valid absolute URL");
  boost::urls::url u(*parsed);
  const std::string scheme = Lower(u.scheme());
  if (scheme != "http" && scheme != "https") return BadValue("URL scheme must be http or https");
  if (!u.has_authority() || u.host().empty()) return BadValue("URL has no host");
  if (u.has_userinfo()) return BadValue("URL must not contain a user name or password");
  u.set_scheme(scheme);
  std::string host = Lower(u.encoded_host());
  if (u.host_type() == boost::urls::host_type::name && !IsValidHostName(host)) {
    return BadValue("URL host \"" + host + "\" is not a valid domain name");
  }
  u.set_encoded_host(host);
  if (u.has_port()) {
    const std::string_view port = u.port();
    int n = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), n);
    const bool default_port = port.empty() ||  // "host:" means the default port
                              (scheme == "http" && n == 80) || (scheme == "https" && n == 443);
    if (!port.empty() && (ec != std::errc() || end != port.data() + port.size() || n < 1 || n > 65535)) {
      return BadValue("URL port must be 1-65535");
    }
    if (default_port) {
      u.remove_port();
    } else {
      u.set_port_number(static_cast<uint16_t>(n));  // drops leading zeros
    }
  }
  u.remove_fragment();
  // An empty path is the root; normalizing must start from an absolute path
  // (Boost.URL keeps "./" in front of a relative one) and may empty it again.
  if (u.encoded_path().empty()) u.set_encoded_path("/");
  u.normalize_path();
  if (u.encoded_path().empty() || u.encoded_path().front() != '/') {
    u.set_encoded_path("/" + std::string(u.encoded_path()));
    u.normalize_path();
  }
  return NormalizedAsset{AssetKind::kUrl, std::string(u.buffer())};
}

Result<NormalizedAsset> InferAndNormalize(std::string_view v) {
  if (v.find("://") != std::string_view::npos) return NormalizeUrl(v);
  if (v.find('/') != std::string_view::npos) return NormalizeCidr(v);
  if (auto a = ParseIpv4(v)) return NormalizedAsset{AssetKind::kIpv4, FormatIpv4(*a)};
  if (auto a = ParseIpv6(v)) return NormalizedAsset{AssetKind::kIpv6, FormatIpv6(*a)};
  const std::string lower = Lower(v);
  for (unsigned char c : lower) {
    if (c >= 0x80) {
      return BadValue("internationalized domain names must be given in their xn-- (punycode) form");
    }
  }
  if (IsValidHostName(lower)) return NormalizedAsset{AssetKind::kDomain, lower};
  return BadValue("\"" + std::string(v.substr(0, 100)) +
                  "\" is not an IP address, CIDR network, domain name or http(s) URL");
}

// Is `addr` inside `cidr` (normalized "net/len")? Both as 16-byte v6 (v4 mapped).
bool CidrContains(std::string_view cidr, const std::array<uint8_t, 16>& addr) {
  const size_t slash = cidr.find('/');
  int len = 0;
  std::from_chars(cidr.data() + slash + 1, cidr.data() + cidr.size(), len);
  std::array<uint8_t, 16> net{};
  const std::string_view a = cidr.substr(0, slash);
  if (auto v4 = ParseIpv4(a)) {
    net = MapV4(*v4);
    len += 96;
  } else if (auto v6 = ParseIpv6(a)) {
    net = *v6;
  } else {
    return false;
  }
  for (int bit = 0; bit < len; ++bit) {
    const auto byte = static_cast<size_t>(bit / 8);
    const auto m = static_cast<uint8_t>(0x80 >> (bit % 8));
    if ((net[byte] & m) != (addr[byte] & m)) return false;
  }
  return true;
}

std::optional<std::array<uint8_t, 16>> AddressOf(std::string_view text) {
  if (auto v4 = ParseIpv4(text)) return MapV4(*v4);
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  if (auto v6 = ParseIpv6(text)) return *v6;
  return std::nullopt;
}

}  // namespace

Result<NormalizedAsset> NormalizeAssetValue(std::string_view raw, std::optional<AssetKind> kind) {
  const std::string trimmed = TrimSpaces(raw);
  const std::string_view v = trimmed;
  if (v.empty()) return BadValue("must not be empty");
  if (v.size() > 2048) return BadValue("longer than 2048 bytes");
  SW_ASSIGN_OR_RETURN(NormalizedAsset n, InferAndNormalize(v));
  if (kind && *kind != n.kind) {
    return BadValue("\"" + std::string(v.substr(0, 100)) + "\" is a " +
                    std::string(NameIn(kAssetKindNames, n.kind)) + ", not a " +
                    std::string(NameIn(kAssetKindNames, *kind)));
  }
  return n;
}

Result<AssetPatch> AssetPatchFromJson(const json::value& v) {
  SW_ASSIGN_OR_RETURN(ObjectReader r, ObjectReader::Of(v, ""));
  AssetPatch p;
  SW_RETURN_IF_ERROR(r.OptString("value", p.value, 2048));
  SW_RETURN_IF_ERROR(ReadOptEnum(r, "kind", kAssetKindNames, p.kind));
  SW_RETURN_IF_ERROR(ReadOptEnum(r, "criticality", kCriticalityNames, p.criticality));
  if (r.Has("tags")) {
    std::vector<std::string> tags;
    SW_RETURN_IF_ERROR(r.StringArray("tags", tags, kRequired, 32, 64));
    for (auto& t : tags) t = TrimSpaces(t);
    tags.erase(std::remove(tags.begin(), tags.end(), std::string()), tags.end());
    std::sort(tags.begin(), tags.end());
    tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
    p.tags = std::move(tags);
  } else {
    r.Get("tags");
  }
  SW_RETURN_IF_ERROR(r.OptString("note", p.note, 2000));
  SW_RETURN_IF_ERROR(r.Finish());
  return p;
}

Status ApplyAssetPatch(const AssetPatch& p, bool creating, Asset& a) {
  if (creating && !p.value) return InvalidArgument("value: required", "value");
  if (p.value) {
    SW_ASSIGN_OR_RETURN(NormalizedAsset n, NormalizeAssetValue(*p.value, p.kind));
    a.kind = n.kind;
    a.value = std::move(n.value);
  } else if (p.kind && *p.kind != a.kind) {
    return InvalidArgument("kind: cannot change the kind without a new value", "kind");
  }
  if (p.criticality) a.criticality = *p.criticality;
  if (p.tags) a.tags = *p.tags;
  if (p.note) a.note = TrimSpaces(*p.note);
  return {};
}

json::object ToJson(const Asset& a) {
  json::object o;
  o.reserve(16);
  o["id"] = a.id.str();
  o["tenant_id"] = a.tenant_id.str();
  o["kind"] = NameIn(kAssetKindNames, a.kind);
  o["value"] = a.value;
  o["criticality"] = NameIn(kCriticalityNames, a.criticality);
  o["tags"] = StringsToJson(a.tags);
  o["note"] = a.note;
  o["authorization"] = json::object{{"status", a.authorization.status},
                                    {"id", StringOrNull(a.authorization.id)},
                                    {"valid_until", TimeToJson(a.authorization.valid_until)}};
  o["created_at"] = TimeToJson(a.created_at);
  o["updated_at"] = TimeToJson(a.updated_at);
  return o;
}

Result<ScanTarget> ParseScanTarget(std::string_view raw) {
  const std::string text = TrimSpaces(raw);
  ScanTarget t;
  if (text.find("://") != std::string::npos) {
    auto n = NormalizeUrl(text);
    if (!n.ok()) return InvalidArgument("target: " + n.status().message().substr(7), "target");
    t.kind = ScanTarget::Kind::kUrl;
    t.url = n->value;
    boost::urls::url_view u(t.url);
    t.host = std::string(u.encoded_host_address());
    t.address = AddressOf(t.host);
    return t;
  }
  if (auto a = AddressOf(text)) {
    t.kind = ScanTarget::Kind::kAddress;
    t.address = a;
    t.host = text;
    return t;
  }
  const std::string lower = Lower(text);
  if (IsValidHostName(lower)) {
    t.kind = ScanTarget::Kind::kHostName;
    t.host = lower;
    return t;
  }
  return InvalidArgument("target: \"" + text.substr(0, 100) +
                             "\" is not an address, host name or http(s) URL",
                         "target");
}

bool AssetCovers(const Asset& asset, const ScanTarget& target) {
  switch (asset.kind) {
    case AssetKind::kIpv4:
    case AssetKind::kIpv6: {
      auto a = AddressOf(asset.value);
      return a && target.address && *a == *target.address;
    }
    case AssetKind::kCidr:
      return target.address && CidrContains(asset.value, *target.address);
    case AssetKind::kDomain:
      return !target.address && target.host == asset.value;
    case AssetKind::kUrl: {
      if (target.kind != ScanTarget::Kind::kUrl) return false;
      boost::urls::url_view base(asset.value);
      boost::urls::url_view want(target.url);
      if (base.scheme() != want.scheme() || base.encoded_host() != want.encoded_host() ||
          base.port() != want.port()) {
        return false;
      }
      const std::string_view bp = base.encoded_path();
      const std::string_view wp = want.encoded_path();
      if (wp.substr(0, bp.size()) != bp) return false;
      // "/app" covers "/app" and "/app/x", not "/application".
      return wp.size() == bp.size() || bp.back() == '/' || wp[bp.size()] == '/';
    }
  }
  return false;
}

}  // namespace sw::model
