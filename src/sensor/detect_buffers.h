// SPDX-License-Identifier: Apache-2.0
//
// The detection buffers of one inspection point, built from what the packet
// and application layers found: pkt_data of a packet; http.* and file.data of
// an HTTP transaction; dns.query; tls.sni, tls.cert_*, ja3/ja3s; ssh.*.
// Buffers are computed on first use and kept for the inspection (each
// object lives for one inspection). Not thread-safe.
#pragma once

#include <map>
#include <string>

#include "detect/inspection.h"
#include "packet/app/session.h"
#include "packet/packet.h"

namespace sw::sensor {

class PacketBuffers final : public detect::BufferSource {
 public:
  explicit PacketBuffers(const packet::Packet& p) : p_(p) {}
  std::optional<std::string_view> Get(detect::Buffer b) override;

 private:
  const packet::Packet& p_;
};

class HttpBuffers final : public detect::BufferSource {
 public:
  // `to_server`: the request side; else the response side, where the
  // buffers both messages have (headers, Connection, Content-Type, ...)
  // come from the response, as in Suricata.
  HttpBuffers(const packet::app::HttpTransaction& tx, bool to_server) : tx_(tx), to_server_(to_server) {}
  std::optional<std::string_view> Get(detect::Buffer b) override;

 private:
  const packet::app::HttpTransaction& tx_;
  const bool to_server_;
  std::map<detect::Buffer, std::string> cache_;
};

class DnsBuffers final : public detect::BufferSource {
 public:
  explicit DnsBuffers(const packet::app::DnsMessage& m) : m_(m) {}
  std::optional<std::string_view> Get(detect::Buffer b) override;

 private:
  const packet::app::DnsMessage& m_;
};

class TlsBuffers final : public detect::BufferSource {
 public:
  explicit TlsBuffers(const packet::app::TlsSession& t) : t_(t) {}
  std::optional<std::string_view> Get(detect::Buffer b) override;

 private:
  const packet::app::TlsSession& t_;
};

class SshBuffers final : public detect::BufferSource {
 public:
  SshBuffers(const packet::app::SshBanners& s, bool client) : s_(s), client_(client) {}
  std::optional<std::string_view> Get(detect::Buffer b) override;

 private:
  const packet::app::SshBanners& s_;
  const bool client_;
  std::string proto_, software_;
};

}  // namespace sw::sensor
