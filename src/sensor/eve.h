// SPDX-License-Identifier: Apache-2.0
//
// EveWriter: events as EVE JSON lines with Suricata's field names, so tools
// that read Suricata's eve.json (jq recipes, Elastic/Graylog pipelines,
// suricata-verify style checks) read ours. Flow and stats events for now;
// alert, http, dns and tls events join as their engines land. Timestamps are
// Suricata's "2016-05-02T12:34:56.123456+0000". Not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include "core/json.h"
#include "detect/rule.h"
#include "intel/matcher.h"
#include "model/indicator.h"
#include "packet/capture.h"
#include "packet/decoder.h"
#include "packet/app/session.h"
#include "packet/flow.h"

namespace sw::sensor {

std::string EveTimestamp(packet::PacketTime t);
std::string ProtoName(uint8_t ip_proto);  // "TCP", "UDP", "ICMP", "IPv6-ICMP", or the number

// The common head of every event about a flow: timestamp, flow_id,
// event_type, addresses and ports (client as src), proto, app_proto.
json::object EveHead(const packet::Flow& f, std::string_view event_type, packet::PacketTime ts);

class EveWriter {
 public:
  // `fast`, when given, also gets one line per alert in Suricata's fast.log
  // format.
  explicit EveWriter(std::ostream& out, std::ostream* fast = nullptr) : out_(out), fast_(fast) {}

  void Flow(const packet::Flow& f, packet::FlowEndReason reason);
  void Http(const packet::Flow& f, const packet::app::HttpTransaction& tx);
  static json::object HttpObject(const packet::app::HttpTransaction& tx);
  static json::object DnsObject(const packet::app::DnsMessage& m, uint64_t tx_id);
  void Dns(const packet::Flow& f, const packet::app::DnsMessage& m, uint64_t tx_id);
  void Tls(const packet::Flow& f, const packet::app::TlsSession& tls);
  void Ssh(const packet::Flow& f, const packet::app::SshBanners& ssh);
  // An alert on a packet or transaction travelling src -> dst.
  struct Where {
    packet::PacketTime ts;
    const packet::Flow* flow = nullptr;
    packet::IpAddr src, dst;
    uint16_t sport = 0, dport = 0;
    uint8_t proto = 0;
    uint64_t pcap_cnt = 0;  // the packet's number in the input (1-based); 0: none
    std::optional<uint64_t> tx_id;
    const packet::app::HttpTransaction* http = nullptr;  // for the "http" object of HTTP alerts
    int link_type = -1;  // of the packet, for "packet_info"; -1: none
    bool to_server = true;
    const packet::app::DnsMessage* dns = nullptr;  // for the "dns" object of DNS alerts
  };
  void Alert(const Where& where, const detect::Rule& rule);
  // A threat-intelligence match: `field` is what matched ("dns.query",
  // "tls.sni", "src_ip", ...), `value` the value seen.
  void IntelAlert(const Where& where, const intel::IntelHit& hit, std::string_view field, std::string_view value);
  void Stats(packet::PacketTime now, const packet::CaptureStats& capture, const packet::DecodeStats& decode,
             const packet::DefragStats& defrag, const packet::FlowStats& flows);
  void Write(const json::object& event);
  uint64_t events() const { return events_; }
  // Also hands every event to `tap` (the uplink to the platform).
  void SetTap(std::function<void(const json::object&)> tap) { tap_ = std::move(tap); }

 private:
  std::ostream& out_;
  std::ostream* fast_;
  std::function<void(const json::object&)> tap_;
  uint64_t events_ = 0;
};

}  // namespace sw::sensor
