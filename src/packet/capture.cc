// SPDX-License-Identifier: Apache-2.0
#include "packet/capture.h"

#include <pcap/pcap.h>

namespace sw::packet {

struct PcapSource::Handle {
  pcap_t* pcap = nullptr;
  ~Handle() {
    if (pcap != nullptr) pcap_close(pcap);
  }
};

namespace {

Status ApplyFilter(pcap_t* p, const std::string& bpf) {
  if (bpf.empty()) return {};
  bpf_program program{};
  if (pcap_compile(p, &program, bpf.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0) {
    return InvalidArgument("bpf: " + std::string(pcap_geterr(p)), "bpf");
  }
  const int rc = pcap_setfilter(p, &program);
  pcap_freecode(&program);
  if (rc != 0) return InvalidArgument("bpf: " + std::string(pcap_geterr(p)), "bpf");
  return {};
}

}  // namespace

std::string LinkTypeName(int link_type) {
  const char* name = pcap_datalink_val_to_name(link_type);
  return name != nullptr ? name : std::to_string(link_type);
}

PcapSource::PcapSource(std::unique_ptr<Handle> h, int link_type, bool live)
    : h_(std::move(h)), link_type_(link_type), live_(live) {}

PcapSource::~PcapSource() = default;

Result<std::unique_ptr<PcapSource>> PcapSource::OpenFile(const std::string& path, const std::string& bpf) {
  char err[PCAP_ERRBUF_SIZE] = {};
  auto h = std::make_unique<Handle>();
  // Microsecond timestamps whatever the file's own resolution.
  h->pcap = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_MICRO, err);
  if (h->pcap == nullptr) return InvalidArgument(path + ": " + err);
  SW_RETURN_IF_ERROR(ApplyFilter(h->pcap, bpf));
  const int link = pcap_datalink(h->pcap);
  return std::unique_ptr<PcapSource>(new PcapSource(std::move(h), link, false));
}

Result<std::unique_ptr<PcapSource>> PcapSource::OpenLive(const std::string& interface, const std::string& bpf,
                                                         int snap_length) {
  char err[PCAP_ERRBUF_SIZE] = {};
  auto h = std::make_unique<Handle>();
  h->pcap = pcap_create(interface.c_str(), err);
  if (h->pcap == nullptr) return InvalidArgument(interface + ": " + err);
  pcap_set_snaplen(h->pcap, snap_length);
  pcap_set_promisc(h->pcap, 1);
  pcap_set_timeout(h->pcap, 100);
  pcap_set_buffer_size(h->pcap, 64 << 20);
  if (pcap_activate(h->pcap) < 0) return Unavailable(interface + ": " + pcap_geterr(h->pcap));
  SW_RETURN_IF_ERROR(ApplyFilter(h->pcap, bpf));
  const int link = pcap_datalink(h->pcap);
  return std::unique_ptr<PcapSource>(new PcapSource(std::move(h), link, true));
}

bool PcapSource::Next(RawPacket& out) {
  while (true) {
    pcap_pkthdr* hdr = nullptr;
    const u_char* data = nullptr;
    const int rc = pcap_next_ex(h_->pcap, &hdr, &data);
    if (rc == 1) {
      ++stats_.packets;
      stats_.bytes += hdr->len;
      if (hdr->caplen < hdr->len) ++stats_.truncated;
      out.ts = PacketTime(std::chrono::seconds(hdr->ts.tv_sec) + std::chrono::microseconds(hdr->ts.tv_usec));
      out.wire_length = hdr->len;
      out.link_type = link_type_;
      out.data = Bytes(data, hdr->caplen);
      return true;
    }
    if (rc == 0) continue;  // live: the read timeout passed with nothing
    if (rc == PCAP_ERROR_BREAK) return false;  // end of file, or Stop()
    ++stats_.read_errors;
    stats_.last_error = pcap_geterr(h_->pcap);
    return false;
  }
}

CaptureStats PcapSource::stats() const {
  CaptureStats s = stats_;
  if (live_) {
    pcap_stat ps{};
    if (pcap_stats(h_->pcap, &ps) == 0) s.kernel_drops = ps.ps_drop + ps.ps_ifdrop;
  }
  return s;
}

void PcapSource::Stop() { pcap_breakloop(h_->pcap); }

}  // namespace sw::packet
