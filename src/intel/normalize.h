// SPDX-License-Identifier: Apache-2.0
//
// Indicator normalization: one canonical text per value, so that every import
// format and the matcher agree that "EXAMPLE.com." and "example.com" are one
// indicator. NormalizeIndicator validates as it normalizes; its errors name
// the value and say what is wrong with it. GuessType picks the type of a bare
// value from a CSV column or a line of a text feed. Pure functions,
// thread-safe.
//
// Canonical forms:
//   ipv4, ipv6  inet_ntop text ("2001:db8::1"); no zone ids
//   cidr        "<network>/<len>"; the address must be the network's first
//               address (10.0.0.0/8, not 10.1.2.3/8)
//   domain      lower case, no trailing dot; labels of [a-z0-9-_], each 1..63
//               bytes, 253 in all; IDNA must be given as punycode ("xn--...")
//   url         scheme and host lower case, default port dropped, "%XX" of
//               unreserved characters decoded (other escapes upper-cased),
//               empty path "/", fragment dropped; a scheme is required
//   email       local part kept, domain part as a domain
//   md5/sha1/sha256/ja3  lower-case hex of 32/40/64/32 digits
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "model/indicator.h"

namespace sw::intel {

// The canonical text of `value` as an indicator of `type`. Surrounding ASCII
// white space is ignored. InvalidArgument naming the value otherwise.
Result<std::string> NormalizeIndicator(model::IndicatorType type, std::string_view value);

// The type a bare value most likely has, or nullopt when it is none of them.
// 32 hex digits are md5 (a JA3 fingerprint looks the same: the caller knows
// better); an address with "/len" is cidr.
std::optional<model::IndicatorType> GuessType(std::string_view value);

}  // namespace sw::intel
