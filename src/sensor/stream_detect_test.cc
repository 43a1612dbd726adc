// SPDX-License-Identifier: Apache-2.0
//
// Stream inspection through the whole pipeline, on a TCP session built
// packet by packet: a pattern split across two segments (and sent out of
// order) is found once; the same bytes in a session whose handshake was not
// seen are not (midstream off); a tcp-pkt rule still sees single packets.
#include <gtest/gtest.h>

#include <sstream>
#include <vector>

#include "detect/rule_loader.h"
#include "detect/variables.h"
#include "sensor/pipeline.h"

namespace sw::sensor {
namespace {

using Frame = std::vector<uint8_t>;

void Put16(Frame& f, uint16_t v) {
  f.push_back(static_cast<uint8_t>(v >> 8));
  f.push_back(static_cast<uint8_t>(v));
}
void Put32(Frame& f, uint32_t v) {
  Put16(f, static_cast<uint16_t>(v >> 16));
  Put16(f, static_cast<uint16_t>(v));
}

// A raw-IP (link type RAW) IPv4 TCP packet.
Frame Tcp(bool to_server, uint8_t flags, uint32_t seq, const std::string& data) {
  Frame f = {0x45, 0};
  Put16(f, static_cast<uint16_t>(40 + data.size()));
  Put32(f, 0);
  f.push_back(64);
  f.push_back(6);
  Put16(f, 0);
  const uint8_t client[4] = {10, 0, 0, 5}, server[4] = {192, 0, 2, 80};
  f.insert(f.end(), to_server ? client : server, (to_server ? client : server) + 4);
  f.insert(f.end(), to_server ? server : client, (to_server ? server : client) + 4);
  Put16(f, to_server ? 40000 : 9999);
  Put16(f, to_server ? 9999 : 40000);
  Put32(f, seq);
  Put32(f, 0);
  f.push_back(0x50);
  f.push_back(flags);
  Put16(f, 65535);
  Put32(f, 0);
  f.insert(f.end(), data.begin(), data.end());
  return f;
}

class FramesSource final : public packet::PacketSource {
 public:
  explicit FramesSource(std::vector<Frame> frames) : frames_(std::move(frames)) {}
  bool Next(packet::RawPacket& out) override {
    if (next_ == frames_.size()) return false;
    const Frame& f = frames_[next_++];
    out.ts = packet::PacketTime(std::chrono::seconds(1700000000) + std::chrono::milliseconds(next_));
    out.link_type = packet::kLinkRaw;
    out.data = packet::Bytes(f);
    out.wire_length = static_cast<uint32_t>(f.size());
    return true;
  }
  packet::CaptureStats stats() const override { return {}; }
  int link_type() const override { return packet::kLinkRaw; }

 private:
  std::vector<Frame> frames_;
  size_t next_ = 0;
};

std::vector<uint32_t> Alerts(const std::vector<Frame>& frames, bool midstream = false) {
  const auto vars = detect::Variables::SuricataDefaults();
  detect::RuleLoader loader({.vars = &vars});
  loader.AddText(
      "alert tcp any any -> any 9999 (msg:\"split\"; flow:established,to_server; content:\"EVIL_PAYLOAD\"; sid:1;)\n"
      "alert tcp-pkt any any -> any 9999 (msg:\"packet\"; content:\"EVIL_\"; sid:2;)\n",
      "t.rules");
  auto engine = detect::DetectEngine::Build(std::move(loader).Finish());
  EXPECT_TRUE(engine.ok());
  std::ostringstream out;
  EveWriter eve(out);
  PipelineOptions o;
  o.engine = engine->get();
  o.flows.midstream = midstream;
  Pipeline pipeline(o, &eve);
  FramesSource source(frames);
  pipeline.Run(source);
  std::vector<uint32_t> sids;
  std::istringstream lines(out.str());
  for (std::string l; std::getline(lines, l);) {
    const size_t at = l.find("\"signature_id\":");
    if (at != std::string::npos) sids.push_back(static_cast<uint32_t>(std::stoul(l.substr(at + 15))));
  }
  return sids;
}

TEST(StreamDetect, APatternSplitAcrossSegmentsIsFoundOnce) {
  const std::vector<Frame> frames = {
      Tcp(true, packet::kTcpSyn, 100, ""),
      Tcp(false, packet::kTcpSyn | packet::kTcpAck, 500, ""),
      Tcp(true, packet::kTcpAck, 101, ""),
      Tcp(true, packet::kTcpAck | packet::kTcpPsh, 107, "AYLOAD and more"),  // arrives first
      Tcp(true, packet::kTcpAck | packet::kTcpPsh, 101, "EVIL_P"),
      Tcp(true, packet::kTcpAck | packet::kTcpPsh, 101, "EVIL_P"),  // a retransmission
  };
  // The fifth packet completes the stream (rule 1) and matches as a packet
  // (rule 2); the retransmission is a packet again but nothing new in the stream.
  EXPECT_EQ(Alerts(frames), (std::vector<uint32_t>{1, 2, 2}));
}

TEST(StreamDetect, EachNewOccurrenceAlertsButTheOverlapDoesNotRepeat) {
  const std::vector<Frame> frames = {
      Tcp(true, packet::kTcpSyn, 100, ""),
      Tcp(false, packet::kTcpSyn | packet::kTcpAck, 500, ""),
      Tcp(true, packet::kTcpAck, 101, ""),
      Tcp(true, packet::kTcpAck | packet::kTcpPsh, 101, "xx EVIL_PAYLOAD"),  // 15 bytes: 101..115
      Tcp(true, packet::kTcpAck | packet::kTcpPsh, 116, " harmless"),        // the old match is in the overlap
      Tcp(true, packet::kTcpAck | packet::kTcpPsh, 125, " EVIL_PAYLOAD"),    // a second one
  };
  EXPECT_EQ(Alerts(frames), (std::vector<uint32_t>{1, 2, 1, 2}));
}

TEST(StreamDetect, NoHandshakeNoStreamUnlessMidstream) {
  const std::vector<Frame> frames = {
      Tcp(true, packet::kTcpAck | packet::kTcpPsh, 101, "EVIL_P"),
      Tcp(true, packet::kTcpAck | packet::kTcpPsh, 107, "AYLOAD"),
  };
  EXPECT_EQ(Alerts(frames, false), (std::vector<uint32_t>{2}));
  EXPECT_EQ(Alerts(frames, true), (std::vector<uint32_t>{2, 1}));
}

}  // namespace
}  // namespace sw::sensor
