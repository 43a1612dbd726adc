// SPDX-License-Identifier: Apache-2.0
//
// Indicator: one observable value that means trouble (an address, a
// network, a domain, a URL, an e-mail address, a file hash, a JA3
// fingerprint) with the context analysts and matchers need: confidence,
// TLP marking, source, validity, labels, ATT&CK techniques, the STIX object
// it came from. Values are normalized on the way in (intel/normalize.h), so
// "EXAMPLE.com." and "example.com" are one indicator. Plain value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "model/enum_names.h"

namespace sw::model {

enum class IndicatorType { kIpv4, kIpv6, kCidr, kDomain, kUrl, kEmail, kMd5, kSha1, kSha256, kJa3 };
inline constexpr EnumTable<IndicatorType, 10> kIndicatorTypeNames{{{IndicatorType::kIpv4, "ipv4"},
                                                                   {IndicatorType::kIpv6, "ipv6"},
                                                                   {IndicatorType::kCidr, "cidr"},
                                                                   {IndicatorType::kDomain, "domain"},
                                                                   {IndicatorType::kUrl, "url"},
                                                                   {IndicatorType::kEmail, "email"},
                                                                   {IndicatorType::kMd5, "md5"},
                                                                   {IndicatorType::kSha1, "sha1"},
                                                                   {IndicatorType::kSha256, "sha256"},
                                                                   {IndicatorType::kJa3, "ja3"}}};

// TLP 2.0.
enum class Tlp { kClear, kGreen, kAmber, kAmberStrict, kRed };
inline constexpr EnumTable<Tlp, 5> kTlpNames{{{Tlp::kClear, "clear"},
                                             {Tlp::kGreen, "green"},
                                             {Tlp::kAmber, "amber"},
                                             {Tlp::kAmberStrict, "amber+strict"},
                                             {Tlp::kRed, "red"}}};

struct Indicator {
  IndicatorType type = IndicatorType::kIpv4;
  std::string value;  // normalized
  std::string name;   // e.g. the STIX indicator's name
  int confidence = 50;  // 0..100
  Tlp tlp = Tlp::kAmber;  // unmarked intelligence is not for everyone
  std::string source;     // organization or feed
  std::optional<Timestamp> valid_from, valid_until;
  std::vector<std::string> labels;         // indicator types, tags
  std::vector<std::string> attack_techniques;  // "T1071.001"
  std::string stix_id;                     // "indicator--..."
};

}  // namespace sw::model
