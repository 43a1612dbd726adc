// SPDX-License-Identifier: Apache-2.0
//
// HttpClient: a small synchronous HTTP/1.1 client over TLS or TCP, with one
// kept-alive connection, for machines talking to the platform (sensors,
// agents, TAXII pulls later) and for integration tests. Certificate checking
// is on unless `insecure_skip_verify` (self-signed test servers). Bounded:
// response bodies over `max_body_bytes` and slow servers past `timeout` are
// errors. Not thread-safe: one client per thread.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/status.h"
#include "sys/http_types.h"

namespace sw::sys {

struct HttpClientOptions {
  std::string base_url;  // "https://127.0.0.1:8443"
  bool insecure_skip_verify = false;
  std::string ca_file;  // extra trusted CA (PEM), e.g. the server's self-signed cert
  std::chrono::milliseconds timeout{10000};
  size_t max_body_bytes = size_t{64} << 20;
};

class HttpClient {
 public:
  static Result<std::unique_ptr<HttpClient>> Create(const HttpClientOptions& options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends `method` `target` (a path with query) with `headers` and `body`.
  // Reconnects once if a kept-alive connection turned out closed.
  Result<HttpResponse> Send(const std::string& method, const std::string& target,
                            const HeaderList& headers = {}, const std::string& body = {});

  class Impl;

 private:
  explicit HttpClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sw::sys
