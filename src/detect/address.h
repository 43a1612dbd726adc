// SPDX-License-Identifier: Apache-2.0
//
// The address and port fields of a rule header, Suricata's syntax: `any`,
// single values, CIDRs (IPv4 and IPv6), address ranges `a-b`, port ranges
// `80:90` `1024:` `:80`, lists `[..]` nested to any depth, negation `!`, and
// variables (`$HOME_NET`, `$HTTP_PORTS`) from a Variables table.
//
// A list is the union of its positive items minus the union of its negated
// ones; a list of only negated items starts from `any`. The result is
// compiled to the exact set of matching values, so negation costs nothing
// at match time. A field that matches nothing (`!any`) is an error, as in
// Suricata. Pure functions; thread-safe.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "detect/interval_set.h"

namespace sw::detect {

class Variables;

// An IPv6 address as a 128-bit number; IPv4 addresses are stored v4-mapped
// (::ffff:a.b.c.d) so one set holds both families.
struct Ip128 {
  uint64_t hi = 0;
  uint64_t lo = 0;
  static Ip128 FromV4(uint32_t v4) { return {0, 0x0000ffff00000000ULL | v4}; }
  // REQUIRES: `bytes` points at 16 bytes in network order.
  static Ip128 FromV6(const uint8_t* bytes);
  auto operator<=>(const Ip128&) const = default;  // NOLINT(modernize-use-nullptr): clang-tidy 14 misreads the defaulted <=>
};

template <>
struct IntervalTraits<Ip128> {
  static constexpr Ip128 kMin{0, 0};
  static constexpr Ip128 kMax{~uint64_t{0}, ~uint64_t{0}};
  static Ip128 Next(Ip128 v) { return v.lo == ~uint64_t{0} ? Ip128{v.hi + 1, 0} : Ip128{v.hi, v.lo + 1}; }
  static Ip128 Prev(Ip128 v) { return v.lo == 0 ? Ip128{v.hi - 1, ~uint64_t{0}} : Ip128{v.hi, v.lo - 1}; }
};

template <>
struct IntervalTraits<uint16_t> {
  static constexpr uint16_t kMin = 0;
  static constexpr uint16_t kMax = 65535;
  static uint16_t Next(uint16_t v) { return static_cast<uint16_t>(v + 1); }
  static uint16_t Prev(uint16_t v) { return static_cast<uint16_t>(v - 1); }
};

using IpSet = IntervalSet<Ip128>;
using PortSet = IntervalSet<uint16_t>;

// A header address field: the text as written and the compiled set.
struct AddressSpec {
  std::string text;
  IpSet set;
  bool any() const { return set.all(); }
};

struct PortSpec {
  std::string text;
  PortSet set;
  bool any() const { return set.all(); }
};

// Errors name the field and the bad item: `address "10.0.0.256": not an IP
// address`, `unknown address variable $FOO_NET`.
Result<AddressSpec> ParseAddressSpec(std::string_view text, const Variables& vars);
Result<PortSpec> ParsePortSpec(std::string_view text, const Variables& vars);

// "192.0.2.1" or "2001:db8::1" to an Ip128; used by tests and matchers.
Result<Ip128> ParseIp(std::string_view text);

}  // namespace sw::detect
