// SPDX-License-Identifier: Apache-2.0
#include "cmd/sensor/sensor.h"

#include <signal.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "core/log.h"
#include "packet/capture.h"
#include "sensor/eve.h"
#include "sensor/pipeline.h"

namespace sw::cmd {
namespace {

int Fail(const Status& s) {
  std::fprintf(stderr, "shouwang sensor: %s\n", s.message().c_str());
  return s.code() == StatusCode::kInvalidArgument ? 1 : 2;
}

void PrintSummary(const std::string& name, const sensor::RunStats& s) {
  std::printf("%s: %llu packets, %llu bytes, %llu flows", name.c_str(),
              static_cast<unsigned long long>(s.capture.packets), static_cast<unsigned long long>(s.capture.bytes),
              static_cast<unsigned long long>(s.flows.created));
  std::printf(", %llu decode errors", static_cast<unsigned long long>(s.decode.decode_errors()));
  const uint64_t unsupported = s.decode.errors[static_cast<size_t>(packet::DecodeError::kUnsupportedLink)];
  if (unsupported > 0) std::printf(", %llu on an unsupported link type", static_cast<unsigned long long>(unsupported));
  if (s.capture.truncated > 0) {
    std::printf(", %llu cut by the snap length", static_cast<unsigned long long>(s.capture.truncated));
  }
  if (s.capture.kernel_drops > 0) {
    std::printf(", %llu dropped by the kernel", static_cast<unsigned long long>(s.capture.kernel_drops));
  }
  std::printf("\n");
  for (size_t k = 2; k < packet::kDecodeErrorCount; ++k) {
    if (s.decode.errors[k] == 0) continue;
    std::printf("  %-28s %llu\n", std::string(packet::DecodeErrorName(static_cast<packet::DecodeError>(k))).c_str(),
                static_cast<unsigned long long>(s.decode.errors[k]));
  }
  if (s.capture.read_errors > 0) std::printf("  the file is damaged: %s\n", s.capture.last_error.c_str());
}

}  // namespace

int RunSensor(int argc, char** argv) {
  CLI::App app{"Network sensor: decode captures, track flows, write EVE JSON", "shouwang sensor"};
  std::vector<std::string> pcaps;
  std::string interface, bpf, eve_path;
  app.add_option("--pcap", pcaps, "pcap or pcapng files to read, in order");
  app.add_option("--iface", interface, "capture live from this interface (needs CAP_NET_RAW)");
  app.add_option("--bpf", bpf, "BPF filter, as for tcpdump");
  app.add_option("--eve", eve_path, "write EVE JSON lines to this file (- for standard output)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 1;
  }
  if (Status s = InitLogging("warn", "text"); !s.ok()) return Fail(s);
  if (pcaps.empty() == interface.empty()) {
    return Fail(InvalidArgument("give --pcap FILE... or --iface NAME (one of them)"));
  }

  std::ofstream eve_file;
  std::unique_ptr<sensor::EveWriter> eve;
  if (!eve_path.empty()) {
    if (eve_path == "-") {
      eve = std::make_unique<sensor::EveWriter>(std::cout);
    } else {
      eve_file.open(eve_path, std::ios::out | std::ios::trunc);
      if (!eve_file) return Fail(InvalidArgument("--eve: cannot write " + eve_path));
      eve = std::make_unique<sensor::EveWriter>(eve_file);
    }
  }
  sensor::Pipeline pipeline({}, eve.get());
  int rc = 0;
  if (!interface.empty()) {
    auto src = packet::PcapSource::OpenLive(interface, bpf);
    if (!src.ok()) return Fail(src.status());
    // SIGINT/SIGTERM stop the capture; the summary and stats still print.
    static packet::PcapSource* live = nullptr;
    live = src->get();
    signal(SIGINT, [](int) { live->Stop(); });
    signal(SIGTERM, [](int) { live->Stop(); });
    PrintSummary(interface, pipeline.Run(**src));
  } else {
    for (const auto& path : pcaps) {
      auto src = packet::PcapSource::OpenFile(path, bpf);
      if (!src.ok()) {
        std::fprintf(stderr, "shouwang sensor: %s\n", src.status().message().c_str());
        rc = src.status().code() == StatusCode::kInvalidArgument && pcaps.size() == 1 ? 1 : 2;
        continue;
      }
      PrintSummary(path, pipeline.Run(**src));
    }
  }
  if (eve_file.is_open()) {
    eve_file.flush();
    if (!eve_file) return Fail(Unavailable("--eve: writing " + eve_path + " failed"));
  }
  return rc;
}

}  // namespace sw::cmd
