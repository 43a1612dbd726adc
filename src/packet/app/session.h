// SPDX-License-Identifier: Apache-2.0
//
// AppSession: the application layer of one flow. TCP payloads go through a
// stream reassembler per direction; the protocol is recognized by content
// (HTTP request or response line, TLS handshake record, SSH banner; DNS by
// its framing on port 53), not by port alone; then that protocol's parser
// reads the stream and reports transactions to the AppEvents sink. UDP
// datagrams to or from port 53 or 5353 are parsed as DNS. Not thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "packet/app/dns.h"
#include "packet/app/http.h"
#include "packet/app/tls.h"
#include "packet/flow.h"
#include "packet/stream.h"

namespace sw::packet::app {

struct HttpTransaction {
  uint64_t tx_id = 0;
  HttpMessage request;
  std::optional<HttpMessage> response;
};

struct TlsSession {
  std::optional<TlsClientHello> client;
  std::optional<TlsServerHello> server;
  std::optional<TlsCertificate> certificate;
};

struct SshBanners {
  std::string client;  // "SSH-2.0-OpenSSH_9.2p1 Debian-2"
  std::string server;
};

// What the application layer reports; the sensor turns these into events
// and detection buffers.
class AppEvents {
 public:
  virtual ~AppEvents() = default;
  // The flow is the one the transaction belongs to (mutable: a sink may
  // mark it, e.g. as alerted).
  // A request has been read (its response may follow): request-side
  // inspection happens here, at the packet that completed the request.
  virtual void HttpRequest(Flow& flow, const HttpTransaction& tx) { (void)flow, (void)tx; }
  // The transaction is complete (response read, or the flow ended).
  virtual void Http(Flow& flow, const HttpTransaction& tx) = 0;
  virtual void Dns(Flow& flow, const DnsMessage& message, uint64_t tx_id) = 0;
  virtual void Tls(Flow& flow, const TlsSession& tls) = 0;
  virtual void Ssh(Flow& flow, const SshBanners& ssh) = 0;
  // Every run of reassembled TCP bytes, in order, whatever the protocol
  // (stream inspection).
  virtual void StreamData(Flow& flow, bool to_server, Bytes data) { (void)flow, (void)to_server, (void)data; }
};

struct AppStats {
  uint64_t http = 0, dns = 0, tls = 0, ssh = 0;
  uint64_t parse_failures = 0;  // streams that stopped making sense
};

class AppSession final : public FlowExtension {
 public:
  // A decoded TCP or UDP packet of `flow` in direction `to_server`.
  void Packet(Flow& flow, bool to_server, const packet::Packet& p, AppEvents& events, AppStats& stats);
  // The flow ended: flush streams and half-finished transactions.
  void End(Flow& flow, AppEvents& events, AppStats& stats);

 private:
  enum class Proto { kUnknown, kHttp, kTls, kSsh, kDnsTcp, kNone };
  void Data(Flow& flow, bool to_server, Bytes data, AppEvents& events, AppStats& stats);
  void Detect(Flow& flow, bool to_server, Bytes data, uint16_t server_port);

  TcpStream to_server_, to_client_;
  Proto proto_ = Proto::kUnknown;
  // HTTP
  std::unique_ptr<HttpParser> http_req_, http_resp_;
  std::deque<HttpTransaction> pending_;
  uint64_t next_tx_ = 0;
  // TLS
  TlsParser tls_client_, tls_server_;
  TlsSession tls_;
  bool tls_reported_ = false;
  // SSH
  SshBanners ssh_;
  std::string ssh_buf_[2];
  bool ssh_reported_ = false;
  // DNS over TCP
  std::string dns_buf_[2];
  uint64_t dns_tx_ = 0;
  std::deque<std::pair<uint16_t, uint64_t>> dns_open_;  // query id -> tx id, awaiting answers
  uint64_t DnsTx(const DnsMessage& m);
};

}  // namespace sw::packet::app
