// SPDX-License-Identifier: Apache-2.0
#include "sensor/pipeline.h"

#include <cctype>
#include <cstring>
#include <memory>
#include <optional>

#include "sensor/detect_buffers.h"

namespace sw::sensor {
namespace {

// What the sensor keeps per flow: the application layer and the flow's
// detection state (flowbits).
struct SensorFlow final : packet::FlowExtension {
  packet::app::AppSession app;
  detect::FlowDetectState detect;
  // The last bytes of each direction's stream, inspected again with the
  // next chunk so a pattern split across segments is found.
  std::string tail[2];
  uint64_t inspected[2] = {0, 0};
};

// Bytes of the stream inspected again with the next chunk: long enough for
// a pattern split across segments, short enough not to rescan much.
constexpr size_t kStreamTail = 256;
// Stream inspection stops this far into each direction (Suricata's
// stream.reassembly.depth): attacks are at the start; a 2 GB download is
// not rescanned to its end.
constexpr uint64_t kStreamDepth = uint64_t{1} << 20;

class BytesBuffer final : public detect::BufferSource {
 public:
  explicit BytesBuffer(std::string_view data) : data_(data) {}
  std::optional<std::string_view> Get(detect::Buffer b) override {
    if (b != detect::Buffer::kPktData) return std::nullopt;
    return data_;
  }

 private:
  std::string_view data_;
};

SensorFlow* StateOf(packet::Flow& f) { return static_cast<SensorFlow*>(f.ext.get()); }

bool Established(const packet::Flow& f) {
  if (f.proto == 6) {
    return f.tcp_state == packet::TcpState::kEstablished || f.tcp_state == packet::TcpState::kClosing;
  }
  return f.packets_to_client > 0 && f.packets_to_server > 0;
}

// Everything one run needs while packets flow: the detection thread, the
// alert output, and the application-layer callbacks.
class Run final : public packet::app::AppEvents, public detect::AlertSink {
 public:
  Run(const PipelineOptions& o, EveWriter* eve, RunStats& stats, detect::DetectThread* detect)
      : o_(o), eve_(eve), stats_(stats), detect_(detect) {}

  void Count() { ++pcap_cnt_; }

  void OnPacket(packet::Flow* flow, bool to_server, const packet::Packet& p) {
    SensorFlow* state = nullptr;
    bool stream_inspected = false;
    if (flow != nullptr && (p.ip_proto == 6 || p.ip_proto == 17)) {
      if (!flow->ext) flow->ext = std::make_unique<SensorFlow>();
      state = StateOf(*flow);
      // Without midstream pickup, a TCP session whose start was not seen is
      // not parsed (Suricata's default).
      const bool parse = p.ip_proto != 6 || flow->tcp_handshake || o_.flows.midstream;
      stream_inspected = p.ip_proto == 6 && o_.app_layer && parse;
      if (o_.app_layer && parse) {
        current_ = &p;
        state->app.Packet(*flow, to_server, p, *this, stats_.app);
        current_ = nullptr;
      }
    }
    if (flow != nullptr && flow->packets_to_server + flow->packets_to_client == 1) {
      // A new flow: are its addresses known bad?
      IntelCheckFlow(*flow, p);
    }
    if (!detect_) return;
    detect::Inspection in;
    in.kind = detect::Inspection::Kind::kPacket;
    Facts(p, flow, to_server, in.facts);
    PacketBuffers buffers(p);
    in.buffers = &buffers;
    in.flow = state != nullptr ? &state->detect : nullptr;
    in.stream_inspected = stream_inspected;
    in.time_us = p.ts.time_since_epoch().count();
    where_ = {p.ts, flow, p.src, p.dst, p.sport, p.dport, p.ip_proto, pcap_cnt_, std::nullopt, nullptr, p.link_type,
              to_server, nullptr};
    alert_flow_ = flow;
    detect_->Inspect(in, *this);
  }

  void OnFlowEnd(packet::Flow& f, packet::FlowEndReason reason) {
    if (f.ext && o_.app_layer) StateOf(f)->app.End(f, *this, stats_.app);
    if (eve_ != nullptr && o_.flow_events) eve_->Flow(f, reason);
  }

  // packet::app::AppEvents
  void HttpRequest(packet::Flow& f, const packet::app::HttpTransaction& tx) override {
    if (auto m = IntelNow()) {
      std::string host(tx.request.Header("Host"));
      if (const size_t c = host.rfind(':'); c != std::string::npos && host.find(']') == std::string::npos) host.resize(c);
      for (char& ch : host) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (!host.empty()) {
        if (auto hit = m->MatchDomain(host)) IntelHit(f, true, *hit, "http.hostname", host);
        const std::string url = "http://" + host + (tx.request.uri.empty() ? "/" : tx.request.uri);
        if (auto hit = m->MatchUrl(url)) IntelHit(f, true, *hit, "http.url", url);
      }
    }
    HttpBuffers buffers(tx, true);
    tx_id_ = tx.tx_id;
    http_ = &tx;
    Transaction(f, "http", buffers, true);
    http_ = nullptr;
    tx_id_.reset();
  }
  void Http(packet::Flow& f, const packet::app::HttpTransaction& tx) override {
    if (eve_ != nullptr && o_.app_events) eve_->Http(f, tx);
    HttpBuffers buffers(tx, false);
    tx_id_ = tx.tx_id;
    http_ = &tx;
    Transaction(f, "http", buffers, false);
    http_ = nullptr;
    tx_id_.reset();
  }
  void Dns(packet::Flow& f, const packet::app::DnsMessage& m, uint64_t tx_id) override {
    if (eve_ != nullptr && o_.app_events) eve_->Dns(f, m, tx_id);
    if (auto intel = IntelNow(); intel && !m.response) {
      for (const auto& q : m.questions) {
        if (auto hit = intel->MatchDomain(q.name)) IntelHit(f, true, *hit, "dns.query", q.name);
      }
    }
    DnsBuffers buffers(m);
    tx_id_ = tx_id;
    dns_ = &m;
    Transaction(f, "dns", buffers, !m.response);
    dns_ = nullptr;
    tx_id_.reset();
  }
  void Tls(packet::Flow& f, const packet::app::TlsSession& t) override {
    if (eve_ != nullptr && o_.app_events) eve_->Tls(f, t);
    if (auto m = IntelNow(); m && t.client) {
      if (auto hit = t.client->sni.empty() ? std::nullopt : m->MatchDomain(t.client->sni)) {
        IntelHit(f, true, *hit, "tls.sni", t.client->sni);
      }
      if (auto hit = m->MatchValue(model::IndicatorType::kJa3, t.client->ja3_hash)) {
        IntelHit(f, true, *hit, "tls.ja3.hash", t.client->ja3_hash);
      }
    }
    TlsBuffers buffers(t);
    Transaction(f, "tls", buffers, true);
    Transaction(f, "tls", buffers, false);
  }
  void Ssh(packet::Flow& f, const packet::app::SshBanners& s) override {
    if (eve_ != nullptr && o_.app_events) eve_->Ssh(f, s);
    SshBuffers client(s, true), server(s, false);
    Transaction(f, "ssh", client, true);
    Transaction(f, "ssh", server, false);
  }

  void StreamData(packet::Flow& f, bool to_server, packet::Bytes data) override {
    if (!detect_ || !f.ext) return;
    SensorFlow* state = StateOf(f);
    uint64_t& inspected = state->inspected[to_server ? 0 : 1];
    if (inspected >= kStreamDepth) return;
    inspected += data.size();
    std::string& tail = state->tail[to_server ? 0 : 1];
    std::string window = tail;
    window.append(reinterpret_cast<const char*>(data.data()), data.size());
    BytesBuffer buffers(window);
    detect::Inspection in;
    in.kind = detect::Inspection::Kind::kStream;
    SessionFacts(f, to_server, in.facts);
    in.facts.payload_size = data.size();
    in.buffers = &buffers;
    in.flow = &state->detect;
    const packet::PacketTime ts = current_ != nullptr ? current_->ts : f.last;
    in.time_us = ts.time_since_epoch().count();
    where_ = {ts, &f, to_server ? f.client : f.server, to_server ? f.server : f.client,
              static_cast<uint16_t>(in.facts.sport), static_cast<uint16_t>(in.facts.dport), f.proto, pcap_cnt_,
              std::nullopt, nullptr, current_ != nullptr ? current_->link_type : -1, to_server, nullptr};
    alert_flow_ = &f;
    in.stream_old_bytes = tail.size();
    detect_->Inspect(in, *this);
    tail = window.size() > kStreamTail ? window.substr(window.size() - kStreamTail) : std::move(window);
  }

  // detect::AlertSink
  void OnAlert(const detect::Alert& a) override {
    ++stats_.alerts;
    if (alert_flow_ != nullptr) alert_flow_->alerted = true;
    if (eve_ != nullptr) eve_->Alert(where_, *a.rule);
  }

 private:
  void Facts(const packet::Packet& p, const packet::Flow* flow, bool to_server, detect::PacketFacts& f) const {
    f.src = detect::Ip128::FromV6(p.src.bytes.data());
    f.dst = detect::Ip128::FromV6(p.dst.bytes.data());
    f.sport = p.sport;
    f.dport = p.dport;
    f.ip_proto = p.ip_proto;
    f.ip_version = p.ip_version;
    f.ttl = p.ttl;
    f.tcp_flags = p.tcp_flags;
    f.icmp_type = p.icmp_type;
    f.icmp_code = p.icmp_code;
    f.payload_size = p.payload.size();
    f.has_flow = flow != nullptr;
    f.to_server = to_server;
    if (flow != nullptr) {
      f.established = Established(*flow);
      f.app_proto = flow->app_proto;
      f.stream_bytes_to_server = flow->bytes_to_server;
      f.stream_bytes_to_client = flow->bytes_to_client;
    }
  }

  std::shared_ptr<const intel::IntelMatcher> IntelNow() const {
    return o_.intel != nullptr ? o_.intel->Get() : nullptr;
  }

  void IntelCheckFlow(packet::Flow& f, const packet::Packet& p) {
    auto m = IntelNow();
    if (!m) return;
    for (const auto* ip : {&f.client, &f.server}) {
      if (auto hit = m->MatchIp(ip->bytes)) {
        where_ = {p.ts, &f, p.src, p.dst, p.sport, p.dport, p.ip_proto, pcap_cnt_, std::nullopt, nullptr, p.link_type,
                  p.src == f.client, nullptr};
        Intel(f, *hit, ip == &f.client ? "src_ip" : "dest_ip", ip->ToString());
      }
    }
  }

  void IntelHit(packet::Flow& f, bool to_server, const intel::IntelHit& hit, std::string_view field,
                std::string_view value) {
    const packet::PacketTime ts = current_ != nullptr ? current_->ts : f.last;
    where_ = {ts, &f, to_server ? f.client : f.server, to_server ? f.server : f.client,
              to_server ? f.client_port : f.server_port, to_server ? f.server_port : f.client_port, f.proto,
              pcap_cnt_, std::nullopt, nullptr, current_ != nullptr ? current_->link_type : -1, to_server, nullptr};
    Intel(f, hit, field, value);
  }

  void Intel(packet::Flow& f, const intel::IntelHit& hit, std::string_view field, std::string_view value) {
    ++stats_.alerts;
    ++stats_.intel_matches;
    f.alerted = true;
    if (eve_ != nullptr) eve_->IntelAlert(where_, hit, field, value);
  }

  // The facts of a flow seen in one direction (for stream and transaction
  // inspections, which belong to the session rather than one packet).
  void SessionFacts(const packet::Flow& f, bool to_server, detect::PacketFacts& x) const {
    const packet::IpAddr& src = to_server ? f.client : f.server;
    const packet::IpAddr& dst = to_server ? f.server : f.client;
    x.src = detect::Ip128::FromV6(src.bytes.data());
    x.dst = detect::Ip128::FromV6(dst.bytes.data());
    x.sport = to_server ? f.client_port : f.server_port;
    x.dport = to_server ? f.server_port : f.client_port;
    x.ip_proto = f.proto;
    x.ip_version = src.is_v4() ? 4 : 6;
    x.has_flow = true;
    x.to_server = to_server;
    // A transaction belongs to a session that was established, even when
    // it completes as the session closes (a close-delimited response).
    x.established = Established(f) || f.was_established || f.proto == 17;
    x.app_proto = f.app_proto;
    x.stream_bytes_to_server = f.bytes_to_server;
    x.stream_bytes_to_client = f.bytes_to_client;
    if (current_ != nullptr) {
      x.ttl = current_->ttl;
      x.tcp_flags = current_->tcp_flags;
    }
  }

  // One side of an application transaction through the rules.
  void Transaction(packet::Flow& f, std::string_view app, detect::BufferSource& buffers, bool to_server) {
    if (!detect_) return;
    detect::Inspection in;
    in.kind = detect::Inspection::Kind::kTransaction;
    in.app = app;
    SessionFacts(f, to_server, in.facts);
    const packet::IpAddr& src = to_server ? f.client : f.server;
    const packet::IpAddr& dst = to_server ? f.server : f.client;
    const auto& x = in.facts;
    in.buffers = &buffers;
    in.flow = f.ext ? &StateOf(f)->detect : nullptr;
    const packet::PacketTime ts = current_ != nullptr ? current_->ts : f.last;
    in.time_us = ts.time_since_epoch().count();
    where_ = {ts, &f, src, dst, x.sport, x.dport, f.proto, pcap_cnt_, tx_id_, http_,
              current_ != nullptr ? current_->link_type : -1, to_server, dns_};
    alert_flow_ = &f;
    detect_->Inspect(in, *this);
  }

  const PipelineOptions& o_;
  EveWriter* eve_;
  RunStats& stats_;
  detect::DetectThread* detect_;  // null: no rules
  const packet::Packet* current_ = nullptr;
  EveWriter::Where where_;
  packet::Flow* alert_flow_ = nullptr;
  uint64_t pcap_cnt_ = 0;  // packets read so far: the current packet's number
  std::optional<uint64_t> tx_id_;
  const packet::app::HttpTransaction* http_ = nullptr;
  const packet::app::DnsMessage* dns_ = nullptr;
};

}  // namespace

Pipeline::Pipeline(PipelineOptions options, EveWriter* eve) : options_(options), eve_(eve) {
  if (options_.engine != nullptr) detect_ = std::make_unique<detect::DetectThread>(*options_.engine);
}

RunStats Pipeline::Run(packet::PacketSource& source) {
  packet::Decoder decoder(options_.decoder);
  RunStats stats;
  class Run run(options_, eve_, stats, detect_.get());
  packet::FlowTable flows(options_.flows, [&](packet::Flow& f, packet::FlowEndReason r) { run.OnFlowEnd(f, r); });
  packet::RawPacket raw;
  packet::Packet p;
  bool to_server = false;
  while (source.Next(raw)) {
    stats.last_packet = raw.ts;
    run.Count();
    if (!decoder.Decode(raw, p)) continue;
    packet::Flow* flow = flows.Update(p, to_server);
    run.OnPacket(flow, to_server, p);
  }
  flows.Flush();
  stats.capture = source.stats();
  stats.decode = decoder.stats();
  stats.defrag = decoder.defrag_stats();
  stats.flows = flows.stats();
  if (eve_ != nullptr) eve_->Stats(stats.last_packet, stats.capture, stats.decode, stats.defrag, stats.flows);
  return stats;
}

}  // namespace sw::sensor
