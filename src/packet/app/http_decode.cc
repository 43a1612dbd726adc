// SPDX-License-Identifier: Apache-2.0
#include "packet/app/http_decode.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>

namespace sw::packet::app {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Inflates with zlib's window bits (`bits`: 15+32 for gzip or zlib
// auto-detection, -15 for raw deflate).
std::optional<std::string> Inflate(std::string_view in, int bits, size_t max_output) {
  z_stream z{};
  if (inflateInit2(&z, bits) != Z_OK) return std::nullopt;
  std::string out;
  char buf[16384];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  int rc = Z_OK;
  while (out.size() < max_output) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    const size_t produced = sizeof buf - z.avail_out;
    out.append(buf, std::min(produced, max_output - out.size()));
    if (rc != Z_OK) break;  // end of stream, or an error, or no progress
  }
  inflateEnd(&z);
  if (out.empty() && rc != Z_STREAM_END) return std::nullopt;
  return out;
}

}  // namespace

std::optional<std::string> DecodeBody(std::string_view encoding, std::string_view body, size_t max_output) {
  const std::string e = Lower(encoding);
  if (e.find("gzip") != std::string::npos) return Inflate(body, 15 + 32, max_output);
  if (e.find("deflate") != std::string::npos) {
    // "deflate" is meant to be zlib-wrapped, but many servers send it raw.
    if (auto z = Inflate(body, 15 + 32, max_output)) return z;
    return Inflate(body, -15, max_output);
  }
  return std::nullopt;
}

}  // namespace sw::packet::app
