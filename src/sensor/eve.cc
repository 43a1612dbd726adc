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

// Text from the wire made safe for JSON: valid UTF-8 stays, every other
// byte (binary DNS labels of a tunnel, a raw URI) becomes "\xNN".
std::string Safe(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  size_t i = 0;
  while (i < in.size()) {
    const auto c = static_cast<unsigned char>(in[i]);
    size_t len = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
    bool ok = len != 0 && i + len <= in.size() && (len > 1 || c >= 0x20 || c == '\t');
    for (size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(in[i + k]) & 0xC0) == 0x80;
    if (ok && len >= 3) {
      // No overlong forms, no UTF-16 surrogates, nothing past U+10FFFF (RFC 3629).
      const auto c1 = static_cast<unsigned char>(in[i + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) {
        ok = false;
      }
    }
    if (ok) {
      out.append(in.substr(i, len));
      i += len;
    } else {
      char esc[5];
      std::snprintf(esc, sizeof esc, "\\x%02x", c);
      out += esc;
      ++i;
    }
  }
  return out;
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

json::object EveHead(const packet::Flow& f, std::string_view event_type, packet::PacketTime ts) {
  json::object e;
  e["timestamp"] = EveTimestamp(ts);
  e["flow_id"] = f.id;
  e["event_type"] = event_type;
  e["src_ip"] = f.client.ToString();
  const bool ports = f.proto == 6 || f.proto == 17 || f.proto == 132;
  if (ports) e["src_port"] = f.client_port;
  e["dest_ip"] = f.server.ToString();
  if (ports) e["dest_port"] = f.server_port;
  e["ip_v"] = f.client.is_v4() ? 4 : 6;
  e["proto"] = ProtoName(f.proto);
  if (!f.app_proto.empty()) e["app_proto"] = f.app_proto;
  return e;
}

json::object EveWriter::HttpObject(const packet::app::HttpTransaction& tx) {
  json::object h;
  const auto& rq = tx.request;
  if (auto host = rq.Header("Host"); !host.empty()) {
    const size_t colon = host.rfind(':');
    h["hostname"] = Safe(colon == std::string_view::npos || host.back() == ']' ? host : host.substr(0, colon));
  }
  h["url"] = Safe(rq.uri);
  if (auto ua = rq.Header("User-Agent"); !ua.empty()) h["http_user_agent"] = Safe(ua);
  if (auto ref = rq.Header("Referer"); !ref.empty()) h["http_refer"] = Safe(ref);
  h["http_method"] = Safe(rq.method);
  h["protocol"] = Safe(rq.protocol);
  if (tx.response) {
    const auto& rs = *tx.response;
    h["status"] = rs.status;
    if (auto ct = rs.Header("Content-Type"); !ct.empty()) h["http_content_type"] = Safe(ct.substr(0, ct.find(';')));
    if (auto loc = rs.Header("Location"); !loc.empty()) h["redirect"] = Safe(loc);
    h["length"] = rs.body_length;
  } else {
    h["length"] = 0;
  }
  return h;
}

void EveWriter::Http(const packet::Flow& f, const packet::app::HttpTransaction& tx) {
  json::object e = EveHead(f, "http", f.last);
  e["tx_id"] = tx.tx_id;
  e["http"] = HttpObject(tx);
  Write(e);
}

json::object EveWriter::DnsObject(const packet::app::DnsMessage& m, uint64_t tx_id) {
  json::object d{{"version", 3},
                 {"type", m.response ? "response" : "request"},
                 {"tx_id", tx_id},
                 {"id", m.id},
                 {"flags", [&] {
                    char b[8];
                    std::snprintf(b, sizeof b, "%04x", m.flags);
                    return std::string(b);
                  }()},
                 {"opcode", m.opcode}};
  if (m.response) d["rcode"] = packet::app::DnsRcodeName(m.rcode);
  json::array queries;
  for (const auto& q : m.questions) {
    queries.emplace_back(json::object{{"rrname", Safe(q.name)}, {"rrtype", packet::app::DnsTypeName(q.type)}});
  }
  d["queries"] = std::move(queries);
  if (m.response) {
    json::array answers;
    for (const auto& a : m.answers) {
      json::object ans{{"rrname", Safe(a.name)}, {"rrtype", packet::app::DnsTypeName(a.type)}, {"ttl", a.ttl}};
      if (!a.data.empty()) ans["rdata"] = Safe(a.data);
      answers.emplace_back(std::move(ans));
    }
    d["answers"] = std::move(answers);
  }
  return d;
}

void EveWriter::Dns(const packet::Flow& f, const packet::app::DnsMessage& m, uint64_t tx_id) {
  json::object e = EveHead(f, "dns", f.last);
  e["dns"] = DnsObject(m, tx_id);
  Write(e);
}

void EveWriter::Tls(const packet::Flow& f, const packet::app::TlsSession& t) {
  json::object e = EveHead(f, "tls", f.last);
  json::object tls;
  if (t.certificate) {
    tls["subject"] = Safe(t.certificate->subject);
    tls["issuerdn"] = Safe(t.certificate->issuer);
    tls["fingerprint"] = t.certificate->fingerprint;
    tls["notbefore"] = t.certificate->not_before;
    tls["notafter"] = t.certificate->not_after;
  }
  if (t.client && !t.client->sni.empty()) tls["sni"] = Safe(t.client->sni);
  if (t.server) {
    tls["version"] = packet::app::TlsVersionName(t.server->version);
  } else if (t.client) {
    tls["version"] = packet::app::TlsVersionName(t.client->version);
  }
  if (t.client) tls["ja3"] = json::object{{"hash", t.client->ja3_hash}, {"string", t.client->ja3}};
  if (t.server) tls["ja3s"] = json::object{{"hash", t.server->ja3s_hash}, {"string", t.server->ja3s}};
  e["tls"] = std::move(tls);
  Write(e);
}

void EveWriter::Ssh(const packet::Flow& f, const packet::app::SshBanners& s) {
  json::object e = EveHead(f, "ssh", f.last);
  auto side = [](const std::string& banner) {
    // "SSH-2.0-OpenSSH_9.2p1 Debian-2": protocol version, then software.
    json::object o;
    const size_t dash1 = banner.find('-');
    const size_t dash2 = dash1 == std::string::npos ? std::string::npos : banner.find('-', dash1 + 1);
    if (dash2 != std::string::npos) {
      o["proto_version"] = Safe(banner.substr(dash1 + 1, dash2 - dash1 - 1));
      o["software_version"] = Safe(banner.substr(dash2 + 1, banner.find(' ', dash2) - dash2 - 1));
    }
    return o;
  };
  json::object ssh;
  if (!s.client.empty()) ssh["client"] = side(s.client);
  if (!s.server.empty()) ssh["server"] = side(s.server);
  e["ssh"] = std::move(ssh);
  Write(e);
}

void EveWriter::Alert(const Where& w, const detect::Rule& rule) {
  json::object e;
  e["timestamp"] = EveTimestamp(w.ts);
  if (w.flow != nullptr) e["flow_id"] = w.flow->id;
  e["event_type"] = "alert";
  if (w.pcap_cnt != 0) e["pcap_cnt"] = w.pcap_cnt;
  e["src_ip"] = w.src.ToString();
  const bool ports = w.proto == 6 || w.proto == 17 || w.proto == 132;
  if (ports) e["src_port"] = w.sport;
  e["dest_ip"] = w.dst.ToString();
  if (ports) e["dest_port"] = w.dport;
  e["proto"] = ProtoName(w.proto);
  e["ip_v"] = w.src.is_v4() ? 4 : 6;
  if (w.tx_id) e["tx_id"] = *w.tx_id;
  if (w.flow != nullptr && !w.flow->app_proto.empty()) e["app_proto"] = w.flow->app_proto;
  json::object a{{"action", rule.header.action == detect::Action::kAlert ? "allowed" : std::string(detect::ActionName(rule.header.action))},
                 {"gid", rule.gid},
                 {"signature_id", rule.sid},
                 {"rev", rule.rev},
                 {"signature", rule.msg},
                 {"category", rule.class_description},
                 {"severity", rule.priority}};
  if (!rule.metadata.empty()) {
    json::object md;
    for (const auto& [k, v] : rule.metadata) {
      auto& list = md[k];
      if (!list.is_array()) list = json::array();
      list.as_array().emplace_back(json::string(v));
    }
    a["metadata"] = std::move(md);
  }
  e["alert"] = std::move(a);
  e["direction"] = w.to_server ? "to_server" : "to_client";
  if (w.http != nullptr) e["http"] = HttpObject(*w.http);
  if (w.dns != nullptr) e["dns"] = DnsObject(*w.dns, w.tx_id.value_or(0));
  if (w.link_type >= 0) {
    e["packet_info"] = json::object{{"linktype", w.link_type}, {"linktype_name", packet::LinkTypeName(w.link_type)}};
  }
  Write(e);
  if (fast_ != nullptr) {
    // 07/13/2016-22:42:07.388030  [**] [1:2100498:7] msg [**] [Classification: c] [Priority: 2] {TCP} a:p -> b:q
    const std::string ts = EveTimestamp(w.ts);
    const std::string when = ts.substr(5, 2) + "/" + ts.substr(8, 2) + "/" + ts.substr(0, 4) + "-" + ts.substr(11, 15);
    auto ep = [&](const packet::IpAddr& ip, uint16_t port) {
      const std::string text = ip.is_v4() ? ip.ToString() : "[" + ip.ToString() + "]";
      return ports ? text + ":" + std::to_string(port) : text;
    };
    *fast_ << when << "  [**] [" << rule.gid << ":" << rule.sid << ":" << rule.rev << "] " << rule.msg
           << " [**] [Classification: " << rule.class_description << "] [Priority: " << rule.priority << "] {"
           << ProtoName(w.proto) << "} " << ep(w.src, w.sport) << " -> " << ep(w.dst, w.dport) << "\n";
  }
}

void EveWriter::IntelAlert(const Where& w, const intel::IntelHit& hit, std::string_view field, std::string_view value) {
  const intel::IntelContext& ctx = *hit.context;
  json::object e;
  e["timestamp"] = EveTimestamp(w.ts);
  if (w.flow != nullptr) e["flow_id"] = w.flow->id;
  e["event_type"] = "alert";
  if (w.pcap_cnt != 0) e["pcap_cnt"] = w.pcap_cnt;
  e["src_ip"] = w.src.ToString();
  const bool ports = w.proto == 6 || w.proto == 17 || w.proto == 132;
  if (ports) e["src_port"] = w.sport;
  e["dest_ip"] = w.dst.ToString();
  if (ports) e["dest_port"] = w.dport;
  e["ip_v"] = w.src.is_v4() ? 4 : 6;
  e["proto"] = ProtoName(w.proto);
  if (w.flow != nullptr && !w.flow->app_proto.empty()) e["app_proto"] = w.flow->app_proto;
  const std::string type(model::NameIn(model::kIndicatorTypeNames, hit.type));
  // One signature per indicator type, in a gid of our own (Suricata's
  // rules use gid 1): 9000001 ipv4 ... 9000010 ja3.
  const int64_t sid = 9000001 + static_cast<int64_t>(hit.type);
  std::string signature = "SHOUWANG THREAT-INTEL " + std::string(field) + " " + Safe(value);
  if (!ctx.name.empty()) signature += " (" + Safe(ctx.name) + ")";
  json::object md{{"tlp", json::array{json::string(model::NameIn(model::kTlpNames, ctx.tlp))}}};
  if (!ctx.source.empty()) md["intel_source"] = json::array{json::string(Safe(ctx.source))};
  e["alert"] = json::object{{"action", "allowed"},
                            {"gid", 9},
                            {"signature_id", sid},
                            {"rev", 1},
                            {"signature", signature},
                            {"category", "Threat Intelligence Match"},
                            {"severity", ctx.confidence >= 80 ? 1 : ctx.confidence >= 50 ? 2 : 3},
                            {"metadata", std::move(md)}};
  json::object intel{{"type", type},
                     {"indicator", hit.value},
                     {"matched_on", std::string(field)},
                     {"confidence", ctx.confidence},
                     {"tlp", std::string(model::NameIn(model::kTlpNames, ctx.tlp))}};
  if (!ctx.name.empty()) intel["name"] = Safe(ctx.name);
  if (!ctx.source.empty()) intel["source"] = Safe(ctx.source);
  if (!ctx.stix_id.empty()) intel["stix_id"] = ctx.stix_id;
  e["intel"] = std::move(intel);
  Write(e);
}

void EveWriter::Write(const json::object& event) {
  out_ << ToJson(event) << '\n';
  ++events_;
  if (tap_) tap_(event);
}

void EveWriter::Flow(const packet::Flow& f, packet::FlowEndReason reason) {
  json::object e = EveHead(f, "flow", f.last);
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
                           {"alerted", f.alerted}};
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
                       {"not_ip", decode.not_ip},  {"errors", decode.decode_errors()}, {"event", events},
                       {"ethernet", decode.ethernet}, {"sll", decode.sll}, {"sll2", decode.sll2},
                       {"ppp", decode.ppp},        {"chdlc", decode.chdlc},   {"null", decode.null},
                       {"raw", decode.raw},        {"nflog", decode.nflog},   {"pppoe", decode.pppoe},
                       {"mpls", decode.mpls}};
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
