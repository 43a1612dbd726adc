// SPDX-License-Identifier: Apache-2.0
#include "sys/http_client.h"

#include <optional>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

namespace sw::sys {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

class HttpClient::Impl {
 public:
  explicit Impl(HttpClientOptions o) : options_(std::move(o)), tls_(ssl::context::tls_client) {}

  Status Init() {
    auto u = boost::urls::parse_uri(options_.base_url);
    if (!u) return InvalidArgument("base_url: not a URL: " + options_.base_url);
    https_ = u->scheme() == "https";
    if (!https_ && u->scheme() != "http")
      return InvalidArgument("base_url: scheme must be http or https");
    host_ = std::string(u->host_address());
    port_ = u->has_port() ? std::string(u->port()) : (https_ ? "443" : "80");
    if (https_) {
      SSL_CTX_set_min_proto_version(tls_.native_handle(), TLS1_2_VERSION);
      if (options_.insecure_skip_verify) {
        tls_.set_verify_mode(ssl::verify_none);
      } else {
        tls_.set_default_verify_paths();
        if (!options_.ca_file.empty()) {
          boost::system::error_code ec;
          tls_.load_verify_file(options_.ca_file, ec);
          if (ec) return InvalidArgument("ca_file: " + ec.message());
        }
        tls_.set_verify_mode(ssl::verify_peer);
      }
    }
    return {};
  }

  Result<HttpResponse> Send(const std::string& method, const std::string& target,
                            const HeaderList& headers, const std::string& body) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      const bool reused = connected_;
      if (!connected_) SW_RETURN_IF_ERROR(Connect());
      auto r = Exchange(method, target, headers, body);
      if (r.ok()) return r;
      Close();
      // A kept-alive connection the server already closed fails on first use;
      // retry once on a fresh one. A fresh connection's failure is final.
      if (!reused) return r;
    }
    return Unavailable("http: request failed");
  }

 private:
  Status Connect() {
    boost::system::error_code ec;
    tcp::resolver resolver(io_);
    auto results = resolver.resolve(host_, port_, ec);
    if (ec) return Unavailable("http: cannot resolve " + host_ + ": " + ec.message());
    if (https_) {
      ssl_.emplace(io_, tls_);
      if (!options_.insecure_skip_verify) {
        ssl_->set_verify_callback(ssl::host_name_verification(host_));
      }
      // SNI carries host names only, never address literals (RFC 6066).
      boost::system::error_code addr_ec;
      asio::ip::make_address(host_, addr_ec);
      if (addr_ec) {
        SSL_ctrl(ssl_->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char*>(host_.c_str()));
      }
      beast::get_lowest_layer(*ssl_).expires_after(options_.timeout);
      beast::get_lowest_layer(*ssl_).connect(results, ec);
      if (ec)
        return Unavailable("http: cannot connect to " + host_ + ":" + port_ + ": " + ec.message());
      ssl_->handshake(ssl::stream_base::client, ec);
      if (ec) return Unavailable("http: TLS handshake with " + host_ + " failed: " + ec.message());
    } else {
      plain_.emplace(io_);
      plain_->expires_after(options_.timeout);
      plain_->connect(results, ec);
      if (ec)
        return Unavailable("http: cannot connect to " + host_ + ":" + port_ + ": " + ec.message());
    }
    connected_ = true;
    return {};
  }

  void Close() {
    ssl_.reset();
    plain_.reset();
    connected_ = false;
  }

  template <typename Stream>
  Result<HttpResponse> ExchangeOn(Stream& stream, beast::tcp_stream& transport,
                                  const std::string& method, const std::string& target,
                                  const HeaderList& headers, const std::string& body) {
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, host_ + ":" + port_);
    req.set(http::field::user_agent, "shouwang");
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    boost::system::error_code ec;
    transport.expires_after(options_.timeout);
    http::write(stream, req, ec);
    if (ec) return Unavailable("http: send failed: " + ec.message());
    http::response_parser<http::string_body> parser;
    parser.body_limit(options_.max_body_bytes);
    transport.expires_after(options_.timeout);
    http::read(stream, buffer_, parser, ec);
    if (ec) return Unavailable("http: receive failed: " + ec.message());
    auto& res = parser.get();
    HttpResponse out;
    out.status = static_cast<int>(res.result_int());
    for (const auto& f : res)
      out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    out.body = std::move(res.body());
    if (!res.keep_alive()) Close();
    return out;
  }

  Result<HttpResponse> Exchange(const std::string& method, const std::string& target,
                                const HeaderList& headers, const std::string& body) {
    if (https_)
      return ExchangeOn(*ssl_, beast::get_lowest_layer(*ssl_), method, target, headers, body);
    return ExchangeOn(*plain_, *plain_, method, target, headers, body);
  }

  const HttpClientOptions options_;
  asio::io_context io_;
  ssl::context tls_;
  bool https_ = false;
  std::string host_;
  std::string port_;
  bool connected_ = false;
  std::optional<beast::ssl_stream<beast::tcp_stream>> ssl_;
  std::optional<beast::tcp_stream> plain_;
  beast::flat_buffer buffer_;
};

Result<std::unique_ptr<HttpClient>> HttpClient::Create(const HttpClientOptions& options) {
  auto impl = std::make_unique<Impl>(options);
  SW_RETURN_IF_ERROR(impl->Init());
  return std::unique_ptr<HttpClient>(new HttpClient(std::move(impl)));
}

HttpClient::HttpClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpClient::~HttpClient() = default;

Result<HttpResponse> HttpClient::Send(const std::string& method, const std::string& target,
                                      const HeaderList& headers, const std::string& body) {
  return impl_->Send(method, target, headers, body);
}

}  // namespace sw::sys
