// SPDX-License-Identifier: Apache-2.0
//
// Small string helpers shared by the rule parsers (internal to detect/).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sw::detect {

std::string_view Trim(std::string_view s);
std::string ToLower(std::string_view s);
// Splits on '\n', dropping a trailing '\r' from each line.
std::vector<std::string_view> SplitLines(std::string_view text);
// Splits on `sep`, trimming each part; an empty input gives one empty part.
std::vector<std::string_view> SplitTrim(std::string_view s, char sep);
// A decimal integer (optionally signed) filling all of `s`.
std::optional<int64_t> ParseInt(std::string_view s);
// A decimal, or 0x-prefixed hexadecimal, unsigned integer filling all of `s`.
std::optional<uint64_t> ParseUint(std::string_view s);

}  // namespace sw::detect
