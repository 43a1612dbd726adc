// SPDX-License-Identifier: Apache-2.0
//
// Every capture of ../shared/data/pcaps (about 1,300 real files: malformed
// and truncated ones, nine link types) read, decoded and put into flows to
// the end. Run under ASan+UBSan this is the "no capture crashes the sensor"
// test. Per file, the packets read must equal what capinfos counted
// (INDEX.tsv), unless libpcap reports the file damaged, in which case we
// must have stopped no later than capinfos did.
#include <gtest/gtest.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "packet/capture.h"
#include "packet/decoder.h"
#include "packet/flow.h"

namespace sw::packet {
namespace {

namespace fs = std::filesystem;

TEST(PcapCorpus, EveryCaptureRunsToTheEnd) {
  const char* shared = std::getenv("SW_SHARED_DATA");
  const fs::path dir = fs::path(shared ? shared : "../shared/data") / "pcaps";
  std::ifstream index(dir / "INDEX.tsv");
  if (!index) GTEST_SKIP() << (dir / "INDEX.tsv").string() << " is missing (../shared/data not beside the project)";
  std::string line;
  std::getline(index, line);  // header
  size_t files = 0, unreadable = 0, damaged = 0;
  std::array<uint64_t, kDecodeErrorCount> by_kind{};
  uint64_t packets = 0, decoded = 0, errors = 0, unsupported = 0, flows = 0, ip = 0, tcp = 0, udp = 0;
  while (std::getline(index, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, '\t');) cols.push_back(c);
    if (cols.size() < 6) continue;
    ++files;
    const uint64_t expected = cols[5].empty() ? 0 : std::stoull(cols[5]);
    auto src = PcapSource::OpenFile((dir / cols[0]).string());
    if (!src.ok()) {
      ++unreadable;
      ADD_FAILURE() << cols[0] << ": " << src.status().message();
      continue;
    }
    Decoder decoder;
    FlowTable table({}, [&](Flow&, FlowEndReason) { ++flows; });
    RawPacket raw;
    Packet p;
    bool dir_to_server = false;
    while ((*src)->Next(raw)) {
      if (decoder.Decode(raw, p)) table.Update(p, dir_to_server);
    }
    table.Flush();
    const CaptureStats cs = (*src)->stats();
    packets += cs.packets;
    decoded += decoder.stats().packets;
    ip += decoder.stats().ipv4 + decoder.stats().ipv6;
    tcp += decoder.stats().tcp;
    udp += decoder.stats().udp;
    errors += decoder.stats().decode_errors();
    unsupported += decoder.stats().errors[static_cast<size_t>(DecodeError::kUnsupportedLink)];
    for (size_t k = 0; k < kDecodeErrorCount; ++k) by_kind[k] += decoder.stats().errors[k];
    if (cs.read_errors > 0) {
      ++damaged;
      EXPECT_LE(cs.packets, expected) << cols[0] << ": " << cs.last_error;
    } else {
      EXPECT_EQ(cs.packets, expected) << cols[0];
    }
  }
  std::printf("pcaps: %zu files (%zu unreadable, %zu damaged), %llu packets, %llu decode errors, "
              "%llu on unsupported link types; %llu IP, %llu TCP, %llu UDP; %llu flows\n",
              files, unreadable, damaged, static_cast<unsigned long long>(packets),
              static_cast<unsigned long long>(errors), static_cast<unsigned long long>(unsupported), static_cast<unsigned long long>(ip),
              static_cast<unsigned long long>(tcp), static_cast<unsigned long long>(udp),
              static_cast<unsigned long long>(flows));
  for (size_t k = 1; k < kDecodeErrorCount; ++k) {
    if (by_kind[k] != 0) {
      std::printf("  %s: %llu\n", std::string(DecodeErrorName(static_cast<DecodeError>(k))).c_str(),
                  static_cast<unsigned long long>(by_kind[k]));
    }
  }
  EXPECT_GT(files, 1200u);
  EXPECT_EQ(decoded, packets);
}

}  // namespace
}  // namespace sw::packet
