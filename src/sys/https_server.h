// SPDX-License-Identifier: Apache-2.0
//
// HttpsServer: an HTTP/1.1 server over TLS (or plain TCP when no certificate
// is given, for tests of the HTTP layer only) on Boost.Beast. It owns the
// network: accepting, TLS handshakes, keep-alive, limits on header and body
// size (431/413 without reading further), read and idle timeouts; and hands
// each complete request to a handler that runs on a separate worker pool, so
// a slow handler (password hashing, a database write) never blocks I/O.
//
// Stop() shuts down gracefully: stop accepting, let requests already being
// handled finish and be answered, close idle keep-alive connections, return.
// Thread-safe: Start/Stop from any thread; the handler is called
// concurrently from the worker pool.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "sys/http_types.h"

namespace sw::sys {

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;
// True for requests whose handler never waits long (no password hashing, no
// write lock): they run on the I/O thread, saving two thread hand-offs.
using InlinePredicate = std::function<bool(const HttpRequest&)>;

struct HttpsServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8443;  // 0 picks a free port (see HttpsServer::port())
  std::string cert_file;  // PEM chain; empty means plain HTTP
  std::string key_file;
  size_t max_header_bytes = size_t{16} << 10;
  size_t max_body_bytes = size_t{1} << 20;
  std::chrono::milliseconds read_timeout{15000};   // one whole request, once it started
  std::chrono::milliseconds idle_timeout{60000};   // keep-alive wait for the next request
  // Connections beyond this are closed at once: a flood of idle sockets cannot
  // exhaust file descriptors or memory.
  size_t max_connections = 1024;
  int io_threads = 2;
  int worker_threads = 8;
  InlinePredicate run_inline;  // empty: every handler runs on the worker pool
};


class HttpsServer {
 public:
  HttpsServer(HttpsServerOptions options, HttpHandler handler);
  ~HttpsServer();
  HttpsServer(const HttpsServer&) = delete;
  HttpsServer& operator=(const HttpsServer&) = delete;

  // Binds and starts serving on background threads. Errors: the address is in
  // use, the certificate cannot be loaded.
  Status Start();
  // The bound port (after Start).
  uint16_t port() const;
  // Graceful stop (see above); waits at most `grace` for in-flight requests.
  void Stop(std::chrono::milliseconds grace = std::chrono::seconds(30));
  // Blocks until Stop() has completed.
  void Wait();

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace sw::sys
