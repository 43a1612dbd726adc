// SPDX-License-Identifier: Apache-2.0
//
// TLS handshake facts from one direction of a reassembled TCP stream: the
// ClientHello (version, SNI, JA3 and its MD5), the ServerHello (JA3S, the
// negotiated version) and the server's first certificate (subject, issuer,
// validity, SHA-1 fingerprint). Only the unencrypted start of the
// connection is read; the parser stops once it has what it wants or the
// handshake bytes pass a bound, so a hostile stream costs little.
// Not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "packet/packet.h"

namespace sw::packet::app {

struct TlsClientHello {
  uint16_t version = 0;  // legacy_version field
  std::string sni;
  std::string ja3;       // "771,4865-4866,0-23-65281,29-23,0"
  std::string ja3_hash;  // MD5 of ja3, hex
};

struct TlsServerHello {
  uint16_t version = 0;  // negotiated: supported_versions when present
  uint16_t cipher = 0;
  std::string ja3s;
  std::string ja3s_hash;
};

struct TlsCertificate {
  std::string subject;  // "C=US, O=Example, CN=www.example.com", as Suricata prints it
  std::string issuer;
  std::string not_before;  // "2024-01-02T03:04:05"
  std::string not_after;
  std::string fingerprint;  // SHA-1 of the DER, "aa:bb:..."
};

// True for a stream start that looks like a TLS handshake record.
bool LooksLikeTls(Bytes start);
std::string TlsVersionName(uint16_t v);  // "TLS 1.2", "TLSv1.3" style as Suricata: "TLS 1.2"

class TlsParser {
 public:
  // Feed the direction's stream bytes in order.
  void Feed(Bytes data);
  bool done() const { return done_; }
  const std::optional<TlsClientHello>& client_hello() const { return client_hello_; }
  const std::optional<TlsServerHello>& server_hello() const { return server_hello_; }
  const std::optional<TlsCertificate>& certificate() const { return certificate_; }

 private:
  void Handshake(Bytes msg);
  std::vector<uint8_t> records_;    // unparsed record bytes
  std::vector<uint8_t> handshake_;  // handshake bytes across records
  size_t seen_ = 0;
  bool done_ = false;
  std::optional<TlsClientHello> client_hello_;
  std::optional<TlsServerHello> server_hello_;
  std::optional<TlsCertificate> certificate_;
};

}  // namespace sw::packet::app
