// SPDX-License-Identifier: Apache-2.0
#include "packet/app/session.h"

namespace sw::packet::app {
namespace {

constexpr size_t kMaxBannerLine = 255;

std::string_view AsText(Bytes b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }

bool IsDnsPort(uint16_t p) { return p == 53 || p == 5353; }

}  // namespace

// A response shares its query's transaction (matched by DNS id), as in
// Suricata; unanswered queries are forgotten after 64 newer ones.
uint64_t AppSession::DnsTx(const DnsMessage& m) {
  if (m.response) {
    for (auto it = dns_open_.begin(); it != dns_open_.end(); ++it) {
      if (it->first == m.id) {
        const uint64_t tx = it->second;
        dns_open_.erase(it);
        return tx;
      }
    }
    return dns_tx_++;
  }
  if (dns_open_.size() >= 64) dns_open_.pop_front();
  dns_open_.emplace_back(m.id, dns_tx_);
  return dns_tx_++;
}

void AppSession::Packet(Flow& flow, bool to_server, const packet::Packet& p, AppEvents& events, AppStats& stats) {
  if (p.ip_proto == 17) {
    if (!IsDnsPort(p.sport) && !IsDnsPort(p.dport)) return;
    auto msg = ParseDns(p.payload);
    if (!msg) {
      ++stats.parse_failures;
      return;
    }
    flow.app_proto = "dns";
    ++stats.dns;
    events.Dns(flow, *msg, DnsTx(*msg));
    return;
  }
  if (p.ip_proto != 6) return;
  TcpStream& stream = to_server ? to_server_ : to_client_;
  if (p.tcp_flags & kTcpSyn) stream.Syn(p.seq);
  if (p.payload.empty()) return;
  // Data on a SYN (TCP Fast Open) starts after the SYN's own sequence number.
  const uint32_t seq = (p.tcp_flags & kTcpSyn) != 0 ? p.seq + 1 : p.seq;
  stream.Segment(seq, p.payload, [&](Bytes data) { Data(flow, to_server, data, events, stats); });
}

void AppSession::Detect(Flow& flow, bool to_server, Bytes data, uint16_t server_port) {
  if (to_server ? LooksLikeHttpRequest(data) : LooksLikeHttpResponse(data)) {
    proto_ = Proto::kHttp;
    flow.app_proto = "http";
    http_req_ = std::make_unique<HttpParser>(HttpParser::Side::kRequest);
    http_resp_ = std::make_unique<HttpParser>(HttpParser::Side::kResponse);
  } else if (LooksLikeTls(data)) {
    proto_ = Proto::kTls;
    flow.app_proto = "tls";
  } else if (AsText(data).substr(0, 4) == "SSH-") {
    proto_ = Proto::kSsh;
    flow.app_proto = "ssh";
  } else if (IsDnsPort(server_port)) {
    proto_ = Proto::kDnsTcp;
    flow.app_proto = "dns";
  } else {
    proto_ = Proto::kNone;  // not a protocol we parse; the stream is still inspected
  }
}

void AppSession::Data(Flow& flow, bool to_server, Bytes data, AppEvents& events, AppStats& stats) {
  if (proto_ == Proto::kUnknown) Detect(flow, to_server, data, flow.server_port);
  events.StreamData(flow, to_server, data);  // after detection: rules may ask for app_proto
  switch (proto_) {
    case Proto::kHttp: {
      if (to_server) {
        http_req_->Feed(data, [&](HttpMessage&& m) {
          http_resp_->ExpectResponseTo(m.method);
          pending_.push_back({next_tx_++, std::move(m), std::nullopt});
          events.HttpRequest(flow, pending_.back());
        });
        if (http_req_->failed()) ++stats.parse_failures;
      } else {
        http_resp_->Feed(data, [&](HttpMessage&& m) {
          if (pending_.empty()) return;  // a response to a request we never saw
          HttpTransaction tx = std::move(pending_.front());
          pending_.pop_front();
          tx.response = std::move(m);
          ++stats.http;
          events.Http(flow, tx);
        });
      }
      break;
    }
    case Proto::kTls: {
      (to_server ? tls_client_ : tls_server_).Feed(data);
      if (tls_client_.client_hello()) tls_.client = tls_client_.client_hello();
      if (tls_server_.server_hello()) tls_.server = tls_server_.server_hello();
      if (tls_server_.certificate()) tls_.certificate = tls_server_.certificate();
      if (!tls_reported_ && tls_.client && (tls_server_.done() || tls_.certificate)) {
        tls_reported_ = true;
        ++stats.tls;
        events.Tls(flow, tls_);
      }
      break;
    }
    case Proto::kSsh: {
      std::string& buf = ssh_buf_[to_server ? 0 : 1];
      std::string& banner = to_server ? ssh_.client : ssh_.server;
      if (!banner.empty()) break;
      buf.append(AsText(data).substr(0, kMaxBannerLine + 1 - std::min(buf.size(), kMaxBannerLine + 1)));
      const size_t eol = buf.find('\n');
      if (eol != std::string::npos) {
        banner = buf.substr(0, eol);
        if (!banner.empty() && banner.back() == '\r') banner.pop_back();
      } else if (buf.size() > kMaxBannerLine) {
        banner = buf.substr(0, kMaxBannerLine);
      }
      if (!ssh_reported_ && !ssh_.client.empty() && !ssh_.server.empty()) {
        ssh_reported_ = true;
        ++stats.ssh;
        events.Ssh(flow, ssh_);
      }
      break;
    }
    case Proto::kDnsTcp: {
      std::string& buf = dns_buf_[to_server ? 0 : 1];
      buf.append(AsText(data));
      while (buf.size() >= 2) {
        const auto len = static_cast<size_t>(static_cast<uint8_t>(buf[0]) << 8 | static_cast<uint8_t>(buf[1]));
        if (buf.size() < 2 + len) break;
        auto msg = ParseDns(Bytes(reinterpret_cast<const uint8_t*>(buf.data() + 2), len));
        if (msg) {
          ++stats.dns;
          events.Dns(flow, *msg, DnsTx(*msg));
        } else {
          ++stats.parse_failures;
        }
        buf.erase(0, 2 + len);
      }
      if (buf.size() > 70000) proto_ = Proto::kNone;
      break;
    }
    default:
      break;
  }
}

void AppSession::End(Flow& flow, AppEvents& events, AppStats& stats) {
  auto deliver_server = [&](Bytes d) { Data(flow, true, d, events, stats); };
  auto deliver_client = [&](Bytes d) { Data(flow, false, d, events, stats); };
  to_server_.Flush(deliver_server);
  to_client_.Flush(deliver_client);
  if (proto_ == Proto::kHttp) {
    http_req_->Finish([&](HttpMessage&& m) {
      http_resp_->ExpectResponseTo(m.method);
      pending_.push_back({next_tx_++, std::move(m), std::nullopt});
      events.HttpRequest(flow, pending_.back());
    });
    http_resp_->Finish([&](HttpMessage&& m) {
      if (pending_.empty()) return;
      HttpTransaction tx = std::move(pending_.front());
      pending_.pop_front();
      tx.response = std::move(m);
      ++stats.http;
      events.Http(flow, tx);
    });
    // Requests never answered are still transactions.
    for (auto& tx : pending_) {
      ++stats.http;
      events.Http(flow, tx);
    }
    pending_.clear();
  }
  if (proto_ == Proto::kTls && !tls_reported_ && tls_.client) {
    tls_reported_ = true;
    ++stats.tls;
    events.Tls(flow, tls_);
  }
  if (proto_ == Proto::kSsh && !ssh_reported_ && (!ssh_.client.empty() || !ssh_.server.empty())) {
    ssh_reported_ = true;
    ++stats.ssh;
    events.Ssh(flow, ssh_);
  }
}

}  // namespace sw::packet::app
