// SPDX-License-Identifier: Apache-2.0
#include "sensor/pipeline.h"

#include <memory>

namespace sw::sensor {

Pipeline::Pipeline(PipelineOptions options, EveWriter* eve) : options_(options), eve_(eve) {}

RunStats Pipeline::Run(packet::PacketSource& source) {
  packet::Decoder decoder(options_.decoder);
  RunStats stats;
  EveAppEvents app_events(eve_);
  // Only this pipeline puts state in flows, always an AppSession.
  auto session_of = [](packet::Flow& f) { return static_cast<packet::app::AppSession*>(f.ext.get()); };
  packet::FlowTable flows(options_.flows, [&](packet::Flow& f, packet::FlowEndReason r) {
    // The application layer finishes its transactions before the flow goes.
    if (f.ext) session_of(f)->End(f, app_events, stats.app);
    if (eve_ != nullptr && options_.flow_events) eve_->Flow(f, r);
  });
  packet::RawPacket raw;
  packet::Packet p;
  bool to_server = false;
  while (source.Next(raw)) {
    stats.last_packet = raw.ts;
    if (!decoder.Decode(raw, p)) continue;
    packet::Flow* flow = flows.Update(p, to_server);
    if (flow == nullptr || !options_.app_layer || (p.ip_proto != 6 && p.ip_proto != 17)) continue;
    if (!flow->ext) flow->ext = std::make_unique<packet::app::AppSession>();
    session_of(*flow)->Packet(*flow, to_server, p, app_events, stats.app);
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
