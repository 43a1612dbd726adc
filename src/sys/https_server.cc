// SPDX-License-Identifier: Apache-2.0
#include "sys/https_server.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <openssl/ssl.h>
#include <spdlog/spdlog.h>

namespace sw::sys {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

// Per-connection state shared with Stop(). Touched only on the connection's
// strand (Stop() posts there), so it needs no lock of its own.
struct ConnState {
  explicit ConnState(asio::any_io_executor ex) : executor(std::move(ex)) {}
  asio::any_io_executor executor;
  beast::tcp_stream* tcp = nullptr;  // null once the session ended
  bool busy = false;                 // a request is being read, handled or answered
};

HttpResponse ErrorResponse(int status, std::string_view code, std::string_view message) {
  HttpResponse r;
  r.status = status;
  r.SetHeader("Content-Type", "application/json; charset=utf-8");
  r.body = std::string(R"({"error":{"code":")") + std::string(code) + R"(","message":")" +
           std::string(message) + R"("}})";
  r.close = true;
  return r;
}

}  // namespace

class HttpsServer::Impl {
 public:
  Impl(HttpsServerOptions o, HttpHandler h)
      : options_(std::move(o)),
        handler_(std::move(h)),
        io_(options_.io_threads),
        workers_(static_cast<size_t>(options_.worker_threads)),
        acceptor_(io_),
        guard_(asio::make_work_guard(io_)) {}

  Status Start() {
    if (!options_.cert_file.empty()) {
      tls_.emplace(ssl::context::tls_server);
      boost::system::error_code ec;
      tls_->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                        ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                        ssl::context::single_dh_use);
      SSL_CTX_set_min_proto_version(tls_->native_handle(), TLS1_2_VERSION);
      SSL_CTX_set_cipher_list(tls_->native_handle(),
                              "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                              "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                              "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305");
      tls_->use_certificate_chain_file(options_.cert_file, ec);
      if (ec) return Unavailable(options_.cert_file + ": cannot load certificate: " + ec.message());
      tls_->use_private_key_file(options_.key_file, ssl::context::pem, ec);
      if (ec) return Unavailable(options_.key_file + ": cannot load private key: " + ec.message());
    }
    boost::system::error_code ec;
    const auto addr = asio::ip::make_address(options_.address, ec);
    if (ec) return InvalidArgument("listen: \"" + options_.address + "\" is not an IP address");
    const tcp::endpoint ep(addr, options_.port);
    acceptor_.open(ep.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(ep, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return Unavailable("listen: cannot listen on " + options_.address + ":" +
                         std::to_string(options_.port) + ": " + ec.message());
    }
    port_ = acceptor_.local_endpoint().port();
    asio::co_spawn(io_, Accept(), asio::detached);
    for (int i = 0; i < options_.io_threads; ++i) {
      threads_.emplace_back([this] { io_.run(); });
    }
    return {};
  }

  uint16_t port() const { return port_; }

  void Stop(std::chrono::milliseconds grace) {
    {
      std::lock_guard<std::mutex> l(mu_);
      if (stopping_) return;
      stopping_ = true;
    }
    asio::post(io_, [this] {
      boost::system::error_code ec;
      acceptor_.close(ec);
    });
    CloseIdle();
    std::unique_lock<std::mutex> l(mu_);
    // Busy connections close themselves after answering; idle ones were
    // closed above, but one may have turned busy meanwhile, so close again
    // periodically until none is left or the grace period ends.
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (!conns_.empty() && std::chrono::steady_clock::now() < deadline) {
      cv_.wait_for(l, std::chrono::milliseconds(100));
      l.unlock();
      CloseIdle();
      l.lock();
    }
    l.unlock();
    guard_.reset();
    io_.stop();
    for (auto& t : threads_) t.join();
    threads_.clear();
    workers_.join();
    l.lock();
    stopped_ = true;
    cv_.notify_all();
  }

  void Wait() {
    std::unique_lock<std::mutex> l(mu_);
    cv_.wait(l, [this] { return stopped_; });
  }

 private:
  void CloseIdle() {
    std::vector<std::shared_ptr<ConnState>> conns;
    {
      std::lock_guard<std::mutex> l(mu_);
      conns.assign(conns_.begin(), conns_.end());
    }
    for (auto& c : conns) {
      asio::post(c->executor, [c] {
        if (c->tcp != nullptr && !c->busy) c->tcp->socket().close();
      });
    }
  }

  bool stopping() {
    std::lock_guard<std::mutex> l(mu_);
    return stopping_;
  }

  asio::awaitable<void> Accept() {
    while (true) {
      auto [ec, socket] = co_await acceptor_.async_accept(asio::make_strand(io_), kUseTuple);
      if (ec) {
        if (ec == asio::error::operation_aborted || stopping()) break;
        spdlog::warn("http: accept failed: {}", ec.message());
        continue;
      }
      auto ex = socket.get_executor();
      asio::co_spawn(ex, Session(std::move(socket)), asio::detached);
    }
  }

  asio::awaitable<void> Session(tcp::socket socket) {
    auto state = std::make_shared<ConnState>(socket.get_executor());
    {
      std::lock_guard<std::mutex> l(mu_);
      if (stopping_) co_return;
      if (conns_.size() >= options_.max_connections) {
        ++refused_;
        if ((refused_ & (refused_ - 1)) == 0) {  // log 1, 2, 4, 8, ... refusals
          spdlog::warn("http: {} connections refused at the limit of {}", refused_,
                       options_.max_connections);
        }
        co_return;  // the socket closes as it goes out of scope
      }
      conns_.insert(state);
    }
    std::string peer;
    {
      boost::system::error_code ec;
      auto ep = socket.remote_endpoint(ec);
      if (!ec) peer = ep.address().to_string();
    }
    try {
      if (tls_) {
        beast::ssl_stream<beast::tcp_stream> stream(std::move(socket), *tls_);
        state->tcp = &stream.next_layer();
        stream.next_layer().expires_after(options_.read_timeout);
        auto [ec] = co_await stream.async_handshake(ssl::stream_base::server, kUseTuple);
        if (!ec) {
          co_await Serve(stream, stream.next_layer(), *state, peer);
          stream.next_layer().expires_after(std::chrono::seconds(2));
          co_await stream.async_shutdown(kUseTuple);
        }
        state->tcp = nullptr;
      } else {
        beast::tcp_stream stream(std::move(socket));
        state->tcp = &stream;
        co_await Serve(stream, stream, *state, peer);
        boost::system::error_code ec;
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        state->tcp = nullptr;
      }
    } catch (const std::exception& e) {
      state->tcp = nullptr;
      spdlog::error("http: connection from {} failed: {}", peer, e.what());
    }
    std::lock_guard<std::mutex> l(mu_);
    conns_.erase(state);
    cv_.notify_all();
  }

  template <typename Stream>
  asio::awaitable<void> Serve(Stream& stream, beast::tcp_stream& transport, ConnState& state,
                              const std::string& peer) {
    beast::flat_buffer buffer;
    while (!stopping()) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(static_cast<uint32_t>(options_.max_header_bytes));
      parser.body_limit(options_.max_body_bytes);
      state.busy = false;
      transport.expires_after(options_.idle_timeout);
      auto [hec, hn] = co_await http::async_read_header(stream, buffer, parser, kUseTuple);
      (void)hn;
      if (hec == http::error::header_limit) {
        co_await Write(stream, transport, 11,
                       ErrorResponse(431, "payload_too_large", "request headers too large"), false);
        co_return;
      }
      if (hec == http::error::body_limit) {
        // A declared Content-Length over the limit is refused before reading it.
        co_await Write(stream, transport, 11, TooLarge(), false);
        co_await Drain(stream, transport);
        co_return;
      }
      if (hec) co_return;  // closed, timed out, or garbage: nothing to answer
      state.busy = true;
      transport.expires_after(options_.read_timeout);
      if (!parser.is_done()) {
        auto [bec, bn] = co_await http::async_read(stream, buffer, parser, kUseTuple);
        (void)bn;
        if (bec == http::error::body_limit) {
          co_await Write(stream, transport, parser.get().version(), TooLarge(), false);
          co_await Drain(stream, transport);
          co_return;
        }
        if (bec) co_return;
      }
      auto& msg = parser.get();
      HttpRequest req;
      req.method = std::string(msg.method_string());
      req.target = std::string(msg.target());
      for (const auto& f : msg)
        req.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
      req.body = std::move(msg.body());
      req.source_ip = peer;
      const bool keep_alive = msg.keep_alive();
      const unsigned version = msg.version();

      HttpResponse resp;
      if (options_.run_inline && options_.run_inline(req)) {
        resp = Call(req);
      } else {
        resp = co_await asio::co_spawn(
            workers_, [this, &req]() -> asio::awaitable<HttpResponse> { co_return Call(req); },
            asio::use_awaitable);
      }
      const bool again = keep_alive && !resp.close && !stopping();
      if (!co_await Write(stream, transport, version, std::move(resp), again) || !again) co_return;
    }
  }

  HttpResponse TooLarge() const {
    return ErrorResponse(
        413, "payload_too_large",
        "request body larger than " + std::to_string(options_.max_body_bytes) + " bytes");
  }

  // Reads and discards what the client is still sending (bounded in bytes and
  // time) before closing, so that it sees our answer instead of a reset: the
  // "lingering close" of nginx.
  template <typename Stream>
  asio::awaitable<void> Drain(Stream& stream, beast::tcp_stream& transport) {
    std::vector<char> sink(size_t{64} << 10);
    size_t total = 0;
    transport.expires_after(std::chrono::seconds(2));
    while (total < 16 * options_.max_body_bytes) {
      auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), kUseTuple);
      if (ec) break;
      total += n;
    }
  }

  HttpResponse Call(const HttpRequest& req) {
    try {
      return handler_(req);
    } catch (const std::exception& e) {
      spdlog::error("http: handler failed on {} {}: {}", req.method, req.target.substr(0, 200),
                    e.what());
      return ErrorResponse(500, "internal", "internal error");
    }
  }

  template <typename Stream>
  asio::awaitable<bool> Write(Stream& stream, beast::tcp_stream& transport, unsigned version,
                              HttpResponse resp, bool keep_alive) {
    http::response<http::string_body> res{static_cast<http::status>(resp.status), version};
    for (auto& [k, v] : resp.headers) res.set(k, v);
    res.body() = std::move(resp.body);
    res.keep_alive(keep_alive);
    res.prepare_payload();
    transport.expires_after(options_.read_timeout);
    auto [ec, n] = co_await http::async_write(stream, res, kUseTuple);
    (void)n;
    co_return !ec;
  }

  const HttpsServerOptions options_;
  const HttpHandler handler_;
  asio::io_context io_;
  asio::thread_pool workers_;
  std::optional<ssl::context> tls_;
  tcp::acceptor acceptor_;
  asio::executor_work_guard<asio::io_context::executor_type> guard_;
  std::vector<std::thread> threads_;
  uint16_t port_ = 0;

  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;                       // guarded by mu_
  bool stopped_ = false;                        // guarded by mu_
  std::set<std::shared_ptr<ConnState>> conns_;  // guarded by mu_
  uint64_t refused_ = 0;                        // guarded by mu_
};

HttpsServer::HttpsServer(HttpsServerOptions options, HttpHandler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

HttpsServer::~HttpsServer() { impl_->Stop(std::chrono::seconds(5)); }

Status HttpsServer::Start() { return impl_->Start(); }
uint16_t HttpsServer::port() const { return impl_->port(); }
void HttpsServer::Stop(std::chrono::milliseconds grace) { impl_->Stop(grace); }
void HttpsServer::Wait() { impl_->Wait(); }

}  // namespace sw::sys
