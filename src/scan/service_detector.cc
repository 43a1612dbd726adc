// SPDX-License-Identifier: Apache-2.0
#include "scan/service_detector.h"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <cctype>

namespace sw::scan {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr size_t kBannerBytes = 256;

std::string PrintableBanner(std::string_view raw) {
  std::string out;
  for (char c : raw.substr(0, kBannerBytes)) {
    if (c == '\r' || c == '\n') {
      out += c == '\n' ? "\\n" : "\\r";
    } else if (std::isprint(static_cast<unsigned char>(c))) {
      out.push_back(c);
    } else {
      out.push_back('.');
    }
  }
  return out;
}

}  // namespace

class ServiceDetector::Run_ {
 public:
  Run_(const ServiceProbes& db, const DetectionOptions& o, DetectionStats& stats)
      : db_(db), o_(o), stats_(stats), tls_(asio::ssl::context::tls_client) {
    // Detection, not trust: accept any certificate and every protocol
    // version and cipher the library still has, so old services are named.
    tls_.set_verify_mode(asio::ssl::verify_none);
    SSL_CTX_set_security_level(tls_.native_handle(), 0);
    SSL_CTX_set_min_proto_version(tls_.native_handle(), 0);
    SSL_CTX_set_cipher_list(tls_.native_handle(), "ALL:@SECLEVEL=0");
  }

  void Detect(const std::vector<DetectionTarget>& targets, std::vector<model::Observation>& out,
              const std::vector<bool>& admitted) {
    targets_ = &targets;
    out_ = &out;
    admitted_ = &admitted;
    const size_t workers = std::min(std::max<size_t>(o_.max_in_flight, 1), targets.size());
    for (size_t i = 0; i < workers; ++i) asio::co_spawn(io_, Worker(), asio::detached);
    io_.run();
  }

 private:
  asio::awaitable<void> Worker() {
    while (next_ < targets_->size()) {
      if (o_.control != nullptr && o_.control->Cancelled()) co_return;
      const size_t i = next_++;
      if ((*admitted_)[i]) co_await DetectOne((*targets_)[i], (*out_)[i]);
      ++finished_;
      if (o_.control != nullptr) o_.control->Progress(ScanPhase::kServices, finished_, targets_->size());
    }
  }

  // Sends `payload` (may be empty) on a connected stream and reads until
  // `expired`, the peer closes, the byte limit is hit, or `done` says stop.
  template <typename Stream, typename Done>
  asio::awaitable<void> Converse(Stream& stream, std::string_view payload, const bool& expired, Done& done,
                                 std::string& response, bool& peer_closed) {
    if (!payload.empty()) {
      ++stats_.probes_sent;
      auto [wec, wn] = co_await asio::async_write(stream, asio::buffer(payload.data(), payload.size()), kUseTuple);
      (void)wn;
      if (wec) co_return;
    }
    char buf[8192];
    while (!expired && response.size() < o_.max_response_bytes) {
      auto [rec, n] = co_await stream.async_read_some(asio::buffer(buf), kUseTuple);
      if (n > 0) {
        const size_t take = std::min(n, o_.max_response_bytes - response.size());
        response.append(buf, take);
        stats_.bytes_received += n;
        if (response.size() >= o_.max_response_bytes) ++stats_.responses_truncated;
        if (done(response)) break;
      }
      if (rec) {  // closed by the peer, timed out, or failed
        peer_closed = rec == asio::error::eof || rec == asio::error::connection_reset;
        break;
      }
    }
  }

  // Connects (and, with `tls`, completes a TLS handshake within the connect
  // timeout); sends `payload`; reads until `wait` passes, the peer closes,
  // the byte limit is hit, or `done(response)` says stop.
  template <typename Done>
  asio::awaitable<std::string> Exchange(const DetectionTarget& t, std::string_view payload,
                                        std::chrono::milliseconds wait, Done&& done, bool& connected,
                                        bool tls = false, bool* peer_closed = nullptr) {
    std::string response;
    asio::ssl::stream<tcp::socket> stream(io_, tls_);
    tcp::socket& socket = stream.next_layer();
    asio::steady_timer timer(io_);
    auto expired = std::make_shared<bool>(false);
    auto arm = [&](std::chrono::milliseconds d) {
      timer.expires_after(d);
      timer.async_wait([&socket, expired](boost::system::error_code ec) {
        if (!ec) {
          *expired = true;
          boost::system::error_code ignored;
          socket.cancel(ignored);
        }
      });
    };
    ++stats_.connections;
    arm(o_.connect_timeout);
    auto [cec] = co_await socket.async_connect(tcp::endpoint(t.host.address, t.port), kUseTuple);
    connected = !cec;
    if (!cec && tls) {
      auto [hec] = co_await stream.async_handshake(asio::ssl::stream_base::client, kUseTuple);
      connected = !hec;
    }
    timer.cancel();
    if (!connected) co_return response;
    *expired = false;
    arm(wait);
    bool closed = false;
    if (tls) {
      co_await Converse(stream, payload, *expired, done, response, closed);
    } else {
      co_await Converse(socket, payload, *expired, done, response, closed);
    }
    if (peer_closed != nullptr) *peer_closed = closed;
    timer.cancel();
    boost::system::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
    co_return response;
  }

  // Tries the rules of `probe` (and its fallbacks) on `response`; keeps the
  // first hard match in `hard`, the first soft match in `soft`.
  void TryRules(const Probe& probe, std::string_view response, std::optional<ServiceMatch>& hard,
                std::optional<ServiceMatch>& soft) {
    auto try_list = [&](const Probe& p) {
      for (const auto& rule : p.rules) {
        if (hard) return;
        if (soft && rule.service != soft->service) continue;  // narrowed by a soft match
        if (rule.soft && soft) continue;
        auto m = MatchResponse(rule, response);
        if (!m) continue;
        if (m->soft) {
          soft = std::move(m);
        } else {
          hard = std::move(m);
        }
      }
    };
    try_list(probe);
    for (const auto& name : probe.fallbacks) {
      if (hard) break;
      if (const Probe* f = db_.Find(probe.protocol, name); f != nullptr && f != &probe) try_list(*f);
    }
  }

  // One pass of detection over plain TCP or through TLS: the NULL probe,
  // then the probes within the intensity, those registered for this port
  // (`sslports` through TLS, `ports` otherwise) first. False when the port
  // could not be reached at all.
  asio::awaitable<bool> Pass(const DetectionTarget& t, bool tls, Clock::time_point deadline,
                             std::optional<ServiceMatch>& hard, std::optional<ServiceMatch>& soft,
                             std::string& banner, bool& wrapped) {
    bool connected = false;
    if (const Probe* null = db_.Find("TCP", "NULL")) {
      const auto wait = std::min(o_.null_wait, std::chrono::milliseconds(null->total_wait_ms));
      const auto start = Clock::now();
      bool closed = false;
      std::string first = co_await Exchange(
          t, "", wait,
          [&](const std::string& r) {
            TryRules(*null, r, hard, soft);
            return hard.has_value();
          },
          connected, tls, &closed);
      if (!connected) co_return false;
      if (!first.empty()) banner = PrintableBanner(first);
      // Accepted, then closed at once without a word: a TCP wrapper (or a
      // firewall proxy) refusing us. Nmap calls it "tcpwrapped" and stops.
      if (!tls && first.empty() && closed &&
          Clock::now() - start < std::chrono::milliseconds(null->tcpwrapped_ms)) {
        wrapped = true;
        co_return true;
      }
    }
    std::vector<const Probe*> order;
    for (const auto& p : db_.probes()) {
      if (p.protocol != "TCP" || p.name == "NULL" || p.rarity > o_.intensity) continue;
      order.push_back(&p);
    }
    auto registered = [&](const Probe* p) {
      const auto& ports = tls ? p->ssl_ports : p->ports;
      return std::binary_search(ports.begin(), ports.end(), t.port);
    };
    std::stable_sort(order.begin(), order.end(), [&](const Probe* a, const Probe* b) {
      const bool pa = registered(a), pb = registered(b);
      if (pa != pb) return pa;
      return a->rarity < b->rarity;
    });
    for (const Probe* p : order) {
      if (hard || Clock::now() >= deadline) break;
      if (soft) {
        // Only probes that can name a version of the soft-matched service.
        const bool relevant = std::any_of(p->rules.begin(), p->rules.end(),
                                          [&](const MatchRule& r) { return r.service == soft->service; });
        if (!relevant) continue;
      }
      const auto wait = std::min(o_.max_probe_wait, std::chrono::milliseconds(p->total_wait_ms));
      std::string response = co_await Exchange(
          t, p->payload, wait,
          [&](const std::string& r) {
            TryRules(*p, r, hard, soft);
            return hard.has_value();
          },
          connected, tls);
      if (!connected) break;  // the port went away
      if (banner.empty() && !response.empty()) banner = PrintableBanner(response);
    }
    co_return true;
  }

  asio::awaitable<void> DetectOne(const DetectionTarget& t, model::Observation& obs) {
    const auto deadline = Clock::now() + o_.max_per_port;
    std::optional<ServiceMatch> hard, soft;
    std::string banner;
    bool wrapped = false;
    if (!co_await Pass(t, /*tls=*/false, deadline, hard, soft, banner, wrapped)) co_return;
    obs.banner = banner;
    if (wrapped) {
      obs.service = "tcpwrapped";
      co_return;
    }
    const std::optional<ServiceMatch>* m = hard ? &hard : &soft;
    std::string tunnel;
    if (m->has_value() && (**m).service == "ssl" && Clock::now() < deadline) {
      // A TLS server: like Nmap, probe again through TLS to name what runs
      // inside ("ssl/http"). If nothing inside matches, it stays "ssl".
      std::optional<ServiceMatch> inner_hard, inner_soft;
      std::string inner_banner;
      bool ignored = false;
      if (co_await Pass(t, /*tls=*/true, deadline, inner_hard, inner_soft, inner_banner, ignored) &&
          (inner_hard || inner_soft)) {
        hard = std::move(inner_hard);
        soft = std::move(inner_soft);
        m = hard ? &hard : &soft;
        tunnel = "ssl/";
        if (!inner_banner.empty()) obs.banner = inner_banner;
      }
    }
    if (!m->has_value()) co_return;
    const ServiceMatch& match = **m;
    obs.service = tunnel + match.service;
    obs.product = match.product;
    obs.version = match.version;
    obs.extra_info = match.info;
    obs.cpes = match.cpes;
  }

  const ServiceProbes& db_;
  const DetectionOptions& o_;
  DetectionStats& stats_;
  asio::ssl::context tls_;
  asio::io_context io_{1};
  const std::vector<DetectionTarget>* targets_ = nullptr;
  std::vector<model::Observation>* out_ = nullptr;
  const std::vector<bool>* admitted_ = nullptr;
  size_t next_ = 0;
  size_t finished_ = 0;
};

std::vector<model::Observation> ServiceDetector::Detect(const std::vector<DetectionTarget>& targets) {
  std::vector<model::Observation> out(targets.size());
  std::vector<bool> admitted(targets.size());
  for (size_t i = 0; i < targets.size(); ++i) {
    out[i].host = targets[i].host.address.to_string();
    out[i].hostname = targets[i].host.hostname;
    out[i].port = targets[i].port;
    out[i].state = model::PortState::kOpen;
    // The run-time scope check: authorizations can end between the port scan
    // and the version probes.
    admitted[i] = scope_.Admit(targets[i].host).ok();
  }
  Run_ run(db_, options_, stats_);
  run.Detect(targets, out, admitted);
  return out;
}

}  // namespace sw::scan
