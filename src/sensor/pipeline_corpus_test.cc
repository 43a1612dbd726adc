// SPDX-License-Identifier: Apache-2.0
//
// The whole sensor pipeline (decoding, flows, TCP reassembly, HTTP/DNS/TLS/
// SSH parsing, EVE output) over every capture of ../shared/data/pcaps. Under
// ASan+UBSan (`make test` runs it so) this is the "no capture crashes the
// sensor" test; here it also checks that every EVE line is valid JSON with
// an event_type, and that application events were found.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/json.h"
#include "detect/engine.h"
#include "detect/rule_loader.h"
#include "detect/variables.h"
#include "packet/capture.h"
#include "sensor/pipeline.h"

namespace sw::sensor {
namespace {

namespace fs = std::filesystem;

TEST(PipelineCorpus, EveryCaptureThroughTheWholeSensor) {
  const char* shared = std::getenv("SW_SHARED_DATA");
  const fs::path dir = fs::path(shared ? shared : "../shared/data") / "pcaps";
  std::ifstream index(dir / "INDEX.tsv");
  if (!index) GTEST_SKIP() << (dir / "INDEX.tsv").string() << " is missing (../shared/data not beside the project)";
  std::string line;
  std::getline(index, line);
  // With the whole Emerging Threats Open ruleset when it is there: hostile
  // captures through the matcher too.
  std::unique_ptr<detect::DetectEngine> engine;
  const detect::Variables vars = detect::Variables::SuricataDefaults();
  if (const fs::path rules = dir.parent_path() / "rules"; fs::exists(rules)) {
    detect::RuleLoader loader({.vars = &vars});
    for (const auto& e : fs::directory_iterator(rules)) {
      if (e.path().extension() == ".rules") {
        ASSERT_TRUE(loader.AddFile(e.path().string()).ok());
      }
    }
    auto built = detect::DetectEngine::Build(std::move(loader).Finish());
    ASSERT_TRUE(built.ok()) << built.status().message();
    engine = std::move(*built);
  }
  std::map<std::string, uint64_t> by_type;
  size_t files = 0;
  uint64_t bad_lines = 0;
  while (std::getline(index, line)) {
    const std::string path = line.substr(0, line.find('\t'));
    auto src = packet::PcapSource::OpenFile((dir / path).string());
    ASSERT_TRUE(src.ok()) << path << ": " << src.status().message();
    std::ostringstream out;
    EveWriter eve(out);
    PipelineOptions options;
    options.engine = engine.get();
    Pipeline pipeline(options, &eve);
    pipeline.Run(**src);
    ++files;
    std::istringstream lines(out.str());
    for (std::string ev; std::getline(lines, ev);) {
      auto v = ParseJson(ev);
      if (!v.ok() || !v->is_object() || !v->as_object().contains("event_type")) {
        ++bad_lines;
        ADD_FAILURE() << path << ": " << ev.substr(0, 200);
        continue;
      }
      ++by_type[std::string(v->as_object().at("event_type").as_string())];
    }
  }
  std::printf("%zu captures:", files);
  for (const auto& [type, n] : by_type) std::printf(" %s %llu", type.c_str(), static_cast<unsigned long long>(n));
  std::printf("\n");
  EXPECT_EQ(bad_lines, 0u);
  EXPECT_EQ(by_type["stats"], files);
  EXPECT_GT(by_type["http"], 1000u);
  EXPECT_GT(by_type["dns"], 1000u);
  EXPECT_GT(by_type["tls"], 100u);
  EXPECT_GT(by_type["ssh"], 10u);
  if (engine) {
    EXPECT_GT(by_type["alert"], 500u);
  }
}

}  // namespace
}  // namespace sw::sensor
