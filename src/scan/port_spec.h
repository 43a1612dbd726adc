// SPDX-License-Identifier: Apache-2.0
//
// Port lists in Nmap's syntax: "22,80,443", ranges "8000-8100", open ranges
// "-1024" and "60000-", "-" for every port 1-65535, an optional "T:" prefix
// (TCP; other protocols are refused until UDP scanning exists). The result is
// sorted and without duplicates. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sw::scan {

// Errors name the bad token: `port spec: "80a" is not a port number`.
Result<std::vector<uint16_t>> ParsePortSpec(std::string_view spec);

}  // namespace sw::scan
