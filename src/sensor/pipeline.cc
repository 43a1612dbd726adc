// SPDX-License-Identifier: Apache-2.0
#include "sensor/pipeline.h"

namespace sw::sensor {

Pipeline::Pipeline(PipelineOptions options, EveWriter* eve) : options_(options), eve_(eve) {}

RunStats Pipeline::Run(packet::PacketSource& source) {
  packet::Decoder decoder(options_.decoder);
  packet::FlowTable flows(options_.flows, [this](const packet::Flow& f, packet::FlowEndReason r) {
    if (eve_ != nullptr && options_.flow_events) eve_->Flow(f, r);
  });
  RunStats stats;
  packet::RawPacket raw;
  packet::Packet p;
  bool to_server = false;
  while (source.Next(raw)) {
    stats.last_packet = raw.ts;
    if (!decoder.Decode(raw, p)) continue;
    flows.Update(p, to_server);
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
