// SPDX-License-Identifier: Apache-2.0
//
// Hostile frames through the decoder, the defragmenter and the flow table:
// the first byte picks the link type, the second splits the input into two
// packets (so fragments can meet), the rest is the frames. No input may
// crash, read out of bounds or grow memory without bound.
#include <cstddef>
#include <cstdint>

#include "packet/decoder.h"
#include "packet/flow.h"

namespace {

constexpr int kLinks[] = {sw::packet::kLinkEthernet, sw::packet::kLinkNull,     sw::packet::kLinkRaw,
                          sw::packet::kLinkLinuxSll, sw::packet::kLinkLinuxSll2, sw::packet::kLinkPpp,
                          sw::packet::kLinkCiscoHdlc, sw::packet::kLinkNflog,   sw::packet::kLinkLoop};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  using namespace sw::packet;
  static Decoder decoder;
  static FlowTable flows({.max_flows = 1024});
  const int link = kLinks[data[0] % (sizeof kLinks / sizeof kLinks[0])];
  const size_t split = std::min<size_t>(data[1], size - 2);
  const Bytes rest(data + 2, size - 2);
  for (const Bytes frame : {rest.first(split), rest.subspan(split)}) {
    RawPacket raw;
    raw.link_type = link;
    raw.data = frame;
    raw.wire_length = static_cast<uint32_t>(frame.size());
    Packet p;
    bool to_server = false;
    if (decoder.Decode(raw, p)) flows.Update(p, to_server);
  }
  return 0;
}
