// SPDX-License-Identifier: Apache-2.0
#include "cmd/sensor/sensor.h"

#include <signal.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <stop_token>
#include <thread>

#include "cmd/sensor/intel_sources.h"
#include "core/log.h"
#include "detect/classification.h"
#include "detect/engine.h"
#include "detect/rule_loader.h"
#include "detect/variables.h"
#include "intel/matcher.h"
#include "packet/capture.h"
#include "sensor/eve.h"
#include "sensor/pipeline.h"
#include "sensor/uplink.h"

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
  std::printf(", %llu alerts", static_cast<unsigned long long>(s.alerts));
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

// Suricata's layout: classification.config beside the rules, or in an
// etc/ folder of a directory above them.
std::string FindClassification(const std::string& rules_file) {
  namespace fs = std::filesystem;
  fs::path dir = fs::absolute(fs::path(rules_file)).parent_path();
  if (fs::exists(dir / "classification.config")) return (dir / "classification.config").string();
  for (int up = 0; up < 4 && dir.has_parent_path() && dir != dir.parent_path(); ++up) {
    dir = dir.parent_path();
    if (fs::exists(dir / "etc" / "classification.config")) return (dir / "etc" / "classification.config").string();
  }
  return {};
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
  std::vector<std::string> rule_files, settings;
  std::string config_file, classification_file;
  app.add_option("--rules", rule_files, "Suricata rule files to load");
  std::vector<std::string> intel_files;
  app.add_option("--intel", intel_files, "threat intelligence to match every flow and event against: STIX 2.1 bundles, MISP events or feed folders, or lists (one value, or type,value, per line)");
  app.add_option("--config", config_file, "a suricata.yaml whose vars (address and port groups) the rules use");
  app.add_option("--classification", classification_file,
                 "classification.config (default: beside the first rules file, or in an etc/ folder above it)");
  std::string upload_url, token, ca_file, spool_dir = "sensor-spool";
  int upload_wait = 30;
  app.add_option("--upload", upload_url, "the platform's URL: send alerts there (https://center:8443)");
  app.add_option("--token", token, "the sensor's API token (or the environment variable SW_SENSOR_TOKEN)");
  app.add_option("--ca-file", ca_file, "trust this certificate (PEM) for the platform, e.g. its self-signed one");
  app.add_option("--spool", spool_dir, "folder for events not yet delivered (kept across restarts)");
  app.add_option("--upload-wait", upload_wait, "at the end, seconds to wait for the spool to empty")
      ->check(CLI::Range(0, 86400));
  bool intel_from_platform = false;
  int intel_refresh = 600;
  app.add_flag("--intel-from-platform", intel_from_platform,
               "also match what the platform shares with this sensor's organization (needs --upload and --token)");
  app.add_option("--intel-refresh", intel_refresh, "seconds between fetches of the platform's intelligence (live capture)")
      ->check(CLI::Range(10, 86400));
  app.add_option("--set", settings, "KEY=VALUE configuration overrides (Suricata's --set); unknown keys are ignored");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 1;
  }
  if (Status s = InitLogging("warn", "text"); !s.ok()) return Fail(s);
  if (pcaps.empty() == interface.empty()) {
    return Fail(InvalidArgument("give --pcap FILE... or --iface NAME (one of them)"));
  }

  std::unique_ptr<detect::DetectEngine> engine;
  const auto load_start = std::chrono::steady_clock::now();
  if (!rule_files.empty()) {
    auto vars = config_file.empty() ? Result<detect::Variables>(detect::Variables::SuricataDefaults())
                                    : detect::Variables::LoadYamlFile(config_file);
    if (!vars.ok()) return Fail(InvalidArgument("--config: " + vars.status().message()));
    std::optional<detect::Classifications> classes;
    const std::string cpath = classification_file.empty() ? FindClassification(rule_files.front()) : classification_file;
    if (!cpath.empty()) {
      auto loaded = detect::Classifications::Load(cpath);
      if (!loaded.ok()) return Fail(InvalidArgument("--classification: " + loaded.status().message()));
      classes = std::move(*loaded);
    }
    detect::RuleLoader loader({.vars = &*vars, .classifications = classes ? &*classes : nullptr});
    for (const auto& f : rule_files) {
      if (Status st = loader.AddFile(f); !st.ok()) return Fail(InvalidArgument("--rules: " + st.message()));
    }
    detect::RuleSet set = std::move(loader).Finish();
    std::printf("%s", detect::FormatLoadReport(set).c_str());
    auto built = detect::DetectEngine::Build(std::move(set));
    if (!built.ok()) return Fail(built.status());
    engine = std::move(*built);
    std::printf("rules compiled in %.2f s: %zu prefiltered, %zu by address, %zu checked always, %zu groups\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count(),
                engine->stats().prefiltered, engine->stats().ip_keyed, engine->stats().always,
                engine->stats().groups);
  }
  sensor::PipelineOptions options;
  intel::IntelHolder intel_holder;
  if (token.empty()) {
    if (const char* t = std::getenv("SW_SENSOR_TOKEN")) token = t;
  }
  if (intel_from_platform && (upload_url.empty() || token.empty())) {
    return Fail(InvalidArgument("--intel-from-platform needs --upload URL and --token (or SW_SENSOR_TOKEN)"));
  }
  // Files are read once; the platform's share is fetched again every
  // --intel-refresh seconds while capturing live.
  std::vector<model::Indicator> from_files;
  for (const auto& f : intel_files) {
    auto loaded = LoadIntelFile(f);
    if (!loaded.ok()) return Fail(loaded.status());
    for (auto& ind : *loaded) from_files.push_back(std::move(ind));
  }
  const auto compile = [&intel_holder, &from_files](std::vector<model::Indicator> fetched) {
    for (const auto& ind : from_files) fetched.push_back(ind);
    auto matcher = intel::IntelMatcher::Build(fetched, SystemClock::Instance().Now());
    const auto& st = matcher->stats();
    std::printf("intel: %zu indicators compiled (%zu expired, %zu duplicates, %zu invalid left out), %zu contexts, "
                "%.1f MiB\n",
                st.kept, st.expired, st.duplicates, st.invalid, st.contexts,
                static_cast<double>(matcher->MemoryBytes()) / (1 << 20));
    std::fflush(stdout);
    intel_holder.Publish(std::move(matcher));
  };
  if (intel_from_platform) {
    auto fetched = FetchPlatformIntel(upload_url, token, ca_file);
    if (!fetched.ok()) return Fail(fetched.status());
    compile(std::move(*fetched));
    options.intel = &intel_holder;
  } else if (!intel_files.empty()) {
    compile({});
    options.intel = &intel_holder;
  }
  // A refresher for live captures; it keeps the last good snapshot when the
  // platform cannot be reached.
  std::jthread refresher;
  std::mutex refresh_mu;
  std::condition_variable_any refresh_cv;
  if (intel_from_platform && !interface.empty()) {
    refresher = std::jthread([&, period = std::chrono::seconds(intel_refresh)](std::stop_token stop) {
      while (true) {
        std::unique_lock lock(refresh_mu);
        if (refresh_cv.wait_for(lock, stop, period, [] { return false; }) || stop.stop_requested()) return;
        lock.unlock();
        auto fetched = FetchPlatformIntel(upload_url, token, ca_file);
        if (!fetched.ok()) {
          std::fprintf(stderr, "shouwang sensor: %s (keeping the previous intelligence)\n",
                       fetched.status().message().c_str());
          continue;
        }
        compile(std::move(*fetched));
      }
    });
  }
  for (const auto& kv : settings) {
    const size_t eq = kv.find('=');
    if (eq == std::string::npos) return Fail(InvalidArgument("--set " + kv + ": expected KEY=VALUE"));
    const std::string key = kv.substr(0, eq), value = kv.substr(eq + 1);
    if (key == "stream.midstream") {
      if (value != "true" && value != "false") return Fail(InvalidArgument("--set " + kv + ": true or false"));
      options.flows.midstream = value == "true";
      continue;
    }
    // Checksums are never verified; other Suricata settings have no
    // counterpart yet.
    std::fprintf(stderr, "shouwang sensor: note: --set %s has no effect here\n", kv.c_str());
  }

  std::unique_ptr<sensor::Uplink> uplink;
  if (!upload_url.empty()) {
    if (token.empty()) {
      if (const char* t = std::getenv("SW_SENSOR_TOKEN")) token = t;
    }
    if (token.empty()) return Fail(InvalidArgument("--upload needs --token or SW_SENSOR_TOKEN"));
    auto u = sensor::Uplink::Open({.url = upload_url, .token = token, .ca_file = ca_file, .spool_dir = spool_dir});
    if (!u.ok()) return Fail(u.status());
    uplink = std::move(*u);
    uplink->Start();
  }

  std::ofstream eve_file, fast_file;
  std::ostringstream discard;
  std::unique_ptr<sensor::EveWriter> eve;
  if (!eve_path.empty()) {
    if (eve_path == "-") {
      eve = std::make_unique<sensor::EveWriter>(std::cout);
    } else {
      eve_file.open(eve_path, std::ios::out | std::ios::trunc);
      if (!eve_file) return Fail(InvalidArgument("--eve: cannot write " + eve_path));
      // Alerts also go to fast.log beside eve.json, as Suricata writes both.
      if (engine) fast_file.open((std::filesystem::path(eve_path).parent_path() / "fast.log").string(), std::ios::trunc);
      eve = std::make_unique<sensor::EveWriter>(eve_file, fast_file.is_open() ? &fast_file : nullptr);
    }
  }
  if (!eve && uplink) eve = std::make_unique<sensor::EveWriter>(discard);
  if (uplink) eve->SetTap([u = uplink.get()](const json::object& e) { u->Append(e); });
  options.engine = engine.get();
  sensor::Pipeline pipeline(options, eve.get());
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
      const auto t0 = std::chrono::steady_clock::now();
      const auto stats = pipeline.Run(**src);
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      PrintSummary(path, stats);
      if (secs > 0) {
        std::printf("  processed in %.3f s: %.0f packets/s, %.1f Mbit/s\n", secs,
                    static_cast<double>(stats.capture.packets) / secs,
                    static_cast<double>(stats.capture.bytes) * 8 / secs / 1e6);
      }
    }
  }
  if (uplink) {
    const bool empty = uplink->Drain(std::chrono::seconds(upload_wait));
    uplink->Stop();
    const auto st = uplink->stats();
    std::printf("uplink: %llu alerts spooled, %llu delivered (%llu already there), %llu failed attempts, "
                "%llu waiting in %s%s\n",
                static_cast<unsigned long long>(st.spooled), static_cast<unsigned long long>(st.sent),
                static_cast<unsigned long long>(st.duplicates), static_cast<unsigned long long>(st.failures),
                static_cast<unsigned long long>(st.pending),
                spool_dir.c_str(), empty ? "" : (" (last error: " + st.last_error + ")").c_str());
  }
  if (eve_file.is_open()) {
    eve_file.flush();
    if (!eve_file) return Fail(Unavailable("--eve: writing " + eve_path + " failed"));
  }
  return rc;
}

}  // namespace sw::cmd
