// SPDX-License-Identifier: Apache-2.0
//
// Content decoding of HTTP bodies (Content-Encoding: gzip, deflate) for
// inspection, as Suricata's file.data sees them. The output is bounded, so
// a decompression bomb costs at most `max_output` bytes; a body that does
// not decode is inspected as sent. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sw::packet::app {

// The decoded body for `encoding` ("gzip", "x-gzip", "deflate"; any case),
// at most `max_output` bytes (a truncated body is still returned); nullopt
// when the encoding is none of those or the data does not decode at all.
std::optional<std::string> DecodeBody(std::string_view encoding, std::string_view body, size_t max_output = 1 << 20);

}  // namespace sw::packet::app
