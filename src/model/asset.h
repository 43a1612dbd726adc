// SPDX-License-Identifier: Apache-2.0
//
// Asset: something of an enterprise that may be scanned once authorized: an
// IPv4 or IPv6 address, a CIDR network, a domain name or a URL. Values are
// normalized on the way in (canonical IPv6, lower-case names, a CIDR must name
// its network address), so the same asset cannot be registered twice under two
// spellings. ScanTarget is what a scanner wants to touch; AssetCovers() says
// whether an asset's scope includes it. Plain values, thread-safe to copy.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/json.h"
#include "core/status.h"
#include "core/time.h"
#include "model/enum_names.h"
#include "model/tenant.h"

namespace sw::model {

using AssetId = StrongId<struct AssetIdTag>;

enum class AssetKind { kIpv4, kIpv6, kCidr, kDomain, kUrl };
inline constexpr EnumTable<AssetKind, 5> kAssetKindNames{{{AssetKind::kIpv4, "ipv4"},
                                                          {AssetKind::kIpv6, "ipv6"},
                                                          {AssetKind::kCidr, "cidr"},
                                                          {AssetKind::kDomain, "domain"},
                                                          {AssetKind::kUrl, "url"}}};

enum class Criticality { kLow, kMedium, kHigh, kCritical };
inline constexpr EnumTable<Criticality, 4> kCriticalityNames{{{Criticality::kLow, "low"},
                                                              {Criticality::kMedium, "medium"},
                                                              {Criticality::kHigh, "high"},
                                                              {Criticality::kCritical, "critical"}}};

// The authorization state of an asset as shown next to it in lists.
struct AuthorizationSummary {
  std::string status = "none";  // none, pending, approved, rejected, revoked, expired
  std::string id;
  std::optional<Timestamp> valid_until;
};

struct Asset {
  AssetId id;
  TenantId tenant_id;
  AssetKind kind = AssetKind::kIpv4;
  std::string value;  // normalized
  Criticality criticality = Criticality::kMedium;
  std::vector<std::string> tags;
  std::string note;
  Timestamp created_at;
  Timestamp updated_at;
  AuthorizationSummary authorization;  // derived, filled by reads
};

struct AssetPatch {
  std::optional<std::string> value;
  std::optional<AssetKind> kind;
  std::optional<Criticality> criticality;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::string> note;
};

struct NormalizedAsset {
  AssetKind kind;
  std::string value;
};

// Validates and normalizes `value`; infers the kind when `kind` is empty.
// Errors name the field "value" ("value: prefix length 33 is out of range for
// IPv4 (16-32)").
Result<NormalizedAsset> NormalizeAssetValue(std::string_view value, std::optional<AssetKind> kind);

Result<AssetPatch> AssetPatchFromJson(const json::value& v);
// For create, REQUIRES value present. Normalizes value/kind.
Status ApplyAssetPatch(const AssetPatch& patch, bool creating, Asset& a);

json::object ToJson(const Asset& a);

// A thing a scanner wants to reach: an address, a host name, or a URL.
struct ScanTarget {
  enum class Kind { kAddress, kHostName, kUrl };
  Kind kind = Kind::kAddress;
  // For kAddress, or a URL whose host is an address literal.
  std::optional<std::array<uint8_t, 16>> address;  // IPv4 as IPv4-mapped IPv6
  std::string host;                                // lower-case name, or the address text
  std::string url;                                 // normalized, for kUrl
};

// Parses "192.0.2.1", "2001:db8::1", "www.example.com" or "https://x/y".
Result<ScanTarget> ParseScanTarget(std::string_view text);

// True when `asset` (a normalized value) includes `target`: an address asset
// covers that address (also as a URL host); a CIDR covers the addresses inside
// it; a domain covers exactly that host name (subdomains need their own asset);
// a URL covers URLs of the same origin whose path starts with its path.
bool AssetCovers(const Asset& asset, const ScanTarget& target);

}  // namespace sw::model
