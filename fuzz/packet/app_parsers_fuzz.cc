// SPDX-License-Identifier: Apache-2.0
//
// Hostile application-layer bytes: the same input as an HTTP request
// stream, an HTTP response stream (split in two feeds), a DNS message and a
// TLS handshake stream. Nothing may crash or read out of bounds.
#include <cstddef>
#include <cstdint>

#include "packet/app/dns.h"
#include "packet/app/http.h"
#include "packet/app/tls.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace sw::packet;
  using namespace sw::packet::app;
  const Bytes all(data, size);
  const size_t half = size / 2;
  auto ignore = [](HttpMessage&&) {};
  HttpParser req(HttpParser::Side::kRequest, 1024);
  req.Feed(all.first(half), ignore);
  req.Feed(all.subspan(half), ignore);
  HttpParser resp(HttpParser::Side::kResponse, 1024);
  resp.ExpectResponseTo("GET");
  resp.Feed(all.first(half), ignore);
  resp.Feed(all.subspan(half), ignore);
  resp.Finish(ignore);
  (void)ParseDns(all);
  TlsParser tls;
  tls.Feed(all.first(half));
  tls.Feed(all.subspan(half));
  return 0;
}
