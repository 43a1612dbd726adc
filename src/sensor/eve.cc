// SPDX-License-Identifier: Apache-2.0
#include "sensor/eve.h"

#include <cstdio>
#include <ctime>

namespace sw::sensor {
namespace {

std::string FlagsHex(uint8_t f) {
  char buf[3];
  std::snprintf(buf, sizeof buf, "%02x", f);
  return buf;
}

std::string_view TcpStateName(packet::TcpState s) {
  switch (s) {
    case packet::TcpState::kNone: return "none";
    case packet::TcpState::kSynSent: return "syn_sent";
    case packet::TcpState::kSynReceived: return "syn_recv";
    case packet::TcpState::kEstablished: return "established";
    case packet::TcpState::kClosing: return "closing";
    case packet::TcpState::kClosed: return "closed";
  }
  return "none";
}

}  // namespace

std::string EveTimestamp(packet::PacketTime t) {
  const auto us = t.time_since_epoch().count();
  time_t secs = static_cast<time_t>(us / 1000000);
  int64_t frac = us % 1000000;
  if (frac < 0) {
    frac += 1000000;
    --secs;
  }
  tm parts{};
  gmtime_r(&secs, &parts);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lld+0000", parts.tm_year + 1900,
                parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                static_cast<long long>(frac));
  return buf;
}

std::string ProtoName(uint8_t p) {
  switch (p) {
    case 1: return "ICMP";
    case 6: return "TCP";
    case 17: return "UDP";
    case 58: return "IPv6-ICMP";
    case 132: return "SCTP";
    default: return std::to_string(p);
  }
}

void EveWriter::Write(const json::object& event) {
  out_ << ToJson(event) << '\n';
  ++events_;
}

void EveWriter::Flow(const packet::Flow& f, packet::FlowEndReason reason) {
  json::object e;
  e["timestamp"] = EveTimestamp(f.last);
  e["flow_id"] = f.id;
  e["event_type"] = "flow";
  e["src_ip"] = f.client.ToString();
  const bool ports = f.proto == 6 || f.proto == 17 || f.proto == 132;
  if (ports) e["src_port"] = f.client_port;
  e["dest_ip"] = f.server.ToString();
  if (ports) e["dest_port"] = f.server_port;
  e["proto"] = ProtoName(f.proto);
  if (!f.app_proto.empty()) e["app_proto"] = f.app_proto;
  const auto age = std::chrono::duration_cast<std::chrono::seconds>(f.last - f.start).count();
  std::string state = "new";
  if (f.proto == 6) {
    state = f.tcp_state == packet::TcpState::kClosed ? "closed"
            : f.tcp_state == packet::TcpState::kEstablished || f.tcp_state == packet::TcpState::kClosing
                ? "established"
                : "new";
  } else if (f.packets_to_client > 0) {
    state = "established";
  }
  e["flow"] = json::object{{"pkts_toserver", f.packets_to_server},
                           {"pkts_toclient", f.packets_to_client},
                           {"bytes_toserver", f.bytes_to_server},
                           {"bytes_toclient", f.bytes_to_client},
                           {"start", EveTimestamp(f.start)},
                           {"end", EveTimestamp(f.last)},
                           {"age", age},
                           {"state", state},
                           {"reason", std::string(packet::FlowEndReasonName(reason))},
                           {"alerted", false}};
  if (f.proto == 6) {
    const uint8_t all = f.tcp_flags_to_server | f.tcp_flags_to_client;
    json::object tcp{{"tcp_flags", FlagsHex(all)},
                     {"tcp_flags_ts", FlagsHex(f.tcp_flags_to_server)},
                     {"tcp_flags_tc", FlagsHex(f.tcp_flags_to_client)}};
    for (const auto& [bit, name] : {std::pair{packet::kTcpSyn, "syn"}, {packet::kTcpFin, "fin"},
                                    {packet::kTcpRst, "rst"}, {packet::kTcpPsh, "psh"},
                                    {packet::kTcpAck, "ack"}, {packet::kTcpUrg, "urg"}}) {
      if (all & bit) tcp[name] = true;
    }
    tcp["state"] = std::string(TcpStateName(f.tcp_state));
    e["tcp"] = std::move(tcp);
  }
  Write(e);
}

void EveWriter::Stats(packet::PacketTime now, const packet::CaptureStats& capture,
                      const packet::DecodeStats& decode, const packet::DefragStats& defrag,
                      const packet::FlowStats& flows) {
  json::object events;
  for (size_t k = 1; k < packet::kDecodeErrorCount; ++k) {
    events[std::string(packet::DecodeErrorName(static_cast<packet::DecodeError>(k)))] = decode.errors[k];
  }
  json::object decoder{{"pkts", decode.packets},   {"bytes", decode.bytes},   {"ipv4", decode.ipv4},
                       {"ipv6", decode.ipv6},      {"tcp", decode.tcp},       {"udp", decode.udp},
                       {"icmp", decode.icmp},      {"vlan", decode.vlan},     {"other_ip", decode.other_ip},
                       {"not_ip", decode.not_ip},  {"errors", decode.decode_errors()}, {"event", events}};
  json::object e{{"timestamp", EveTimestamp(now)},
                 {"event_type", "stats"},
                 {"stats", json::object{{"capture", json::object{{"kernel_packets", capture.packets},
                                                                 {"kernel_drops", capture.kernel_drops},
                                                                 {"truncated", capture.truncated},
                                                                 {"read_errors", capture.read_errors}}},
                                        {"decoder", std::move(decoder)},
                                        {"defrag", json::object{{"fragments", defrag.fragments},
                                                                {"reassembled", defrag.reassembled},
                                                                {"timeouts", defrag.timeouts},
                                                                {"evicted", defrag.evicted},
                                                                {"overlaps", defrag.overlaps},
                                                                {"invalid", defrag.invalid}}},
                                        {"flow", json::object{{"total", flows.created},
                                                              {"ended", flows.ended},
                                                              {"evicted", flows.evicted},
                                                              {"timeouts", flows.timed_out},
                                                              {"active", flows.active}}}}}};
  Write(e);
}

}  // namespace sw::sensor
