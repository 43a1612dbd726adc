// SPDX-License-Identifier: Apache-2.0
//
// Packet sources. PcapSource reads pcap and pcapng files, or captures live
// from an interface, through libpcap, with an optional BPF filter. The
// PacketSource interface is what a faster capture (AF_PACKET TPACKET_V3)
// will implement later. Counters per run: packets, bytes, kernel drops
// (live), packets cut short by the snap length, and read errors (a damaged
// file ends the run early with the error kept, never a crash).
// Not thread-safe: one source per capture thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/status.h"
#include "packet/packet.h"

namespace sw::packet {

struct CaptureStats {
  uint64_t packets = 0;
  uint64_t bytes = 0;       // on the wire
  uint64_t truncated = 0;   // captured shorter than on the wire
  uint64_t kernel_drops = 0;
  uint64_t read_errors = 0;
  std::string last_error;   // why reading stopped early, if it did
};

// libpcap's name of a link type ("EN10MB", "C_HDLC", "LINUX_SLL"), as
// Suricata prints it; the number when unknown.
std::string LinkTypeName(int link_type);

class PacketSource {
 public:
  virtual ~PacketSource() = default;
  // True with a packet in `out` (its bytes valid until the next call);
  // false at the end (of a file) or when stopped. A damaged file ends with
  // false and stats().read_errors / last_error set.
  virtual bool Next(RawPacket& out) = 0;
  virtual CaptureStats stats() const = 0;
  virtual int link_type() const = 0;
};

class PcapSource final : public PacketSource {
 public:
  // NotFound / InvalidArgument (not a capture file, bad filter) with the reason.
  static Result<std::unique_ptr<PcapSource>> OpenFile(const std::string& path, const std::string& bpf = "");
  // Live capture; needs CAP_NET_RAW.
  static Result<std::unique_ptr<PcapSource>> OpenLive(const std::string& interface, const std::string& bpf = "",
                                                      int snap_length = 65535);
  ~PcapSource() override;
  bool Next(RawPacket& out) override;
  CaptureStats stats() const override;
  int link_type() const override { return link_type_; }
  // From another thread, or a signal handler: makes Next() return false.
  void Stop();

 private:
  struct Handle;
  explicit PcapSource(std::unique_ptr<Handle> h, int link_type, bool live);
  std::unique_ptr<Handle> h_;
  const int link_type_;
  const bool live_;
  CaptureStats stats_;
};

}  // namespace sw::packet
