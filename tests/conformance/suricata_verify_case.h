// SPDX-License-Identifier: Apache-2.0
//
// One test of the suricata-verify subset (../shared/data/suricata-verify,
// see its README), read from its folder and test.yaml into what the runner
// needs: the capture, the rule file, the config, the sensor arguments its
// `args:` map to, its checks, and, when it cannot run against our sensor,
// the reason it is skipped.
//
// The upstream conventions applied here (README, "How a test is run"):
//   - input: test.yaml `pcap:` relative to the test folder, else the one
//     *.pcap in the folder;
//   - rules: `rules:`, else the one *.rules file, else none (detection off);
//   - config: the folder's suricata.yaml, whose `include:` files must exist
//     and parse (relative to the folder);
//   - `args:`: `-k none` is the sensor's default (no checksum validation)
//     and maps to nothing; `--set key=value` is passed through; anything
//     else skips the test ("unsupported argument X"). ${TEST_DIR} is
//     replaced by the test folder, as upstream does;
//   - `requires:`: the engine claims Suricata 8.0.0 behaviour and no build
//     features or source-tree scripts, so a min-version above 8.0.0, an
//     lt-version at or below it, a `version` pin on another release, any
//     `features`, `script` or unknown requirement skips the test.
//   - top-level `env:` (variables that change Suricata's output format)
//     skips the test: the sensor has no equivalent.
//
// Pure functions over the files they are given. Thread-safe.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "conformance/eve_check.h"
#include "core/status.h"

namespace sw::conformance {

// major, minor, patch.
using Version = std::array<int, 3>;

// The Suricata version whose behaviour the sensor claims.
inline constexpr Version kEngineVersion = {8, 0, 0};

// "8", 8, "7.0.7", 6.0 as a Version; missing parts are 0. Nullopt when the
// value is not a version.
std::optional<Version> ParseVersion(const json::value& v);

// Empty when `block` (a test's or a check's `requires:` block, converted
// with YamlToJson; null for an empty block) is met by `engine`; otherwise the
// reason, e.g. "requires min-version 9".
std::string UnmetRequirement(const json::value& block, const Version& engine = kEngineVersion);

// Maps `args:` (a string or a list of strings, each possibly several
// switches) to sensor arguments. Returns InvalidArgument("unsupported
// argument X") for a switch the sensor has no equivalent of.
Result<std::vector<std::string>> MapArguments(const json::value& args, const std::string& test_dir);

struct SuiteCase {
  std::string name;  // relative to tests/, e.g. "detect-http-uri/UriTestSig02"
  std::filesystem::path dir;
  std::filesystem::path pcap;
  std::optional<std::filesystem::path> rules;
  std::optional<std::filesystem::path> config;
  std::vector<std::string> sensor_args;  // "--set", "k=v", ...
  std::string skip_reason;               // not empty: do not run
  std::vector<json::value> checks;       // each a mapping with one kind key
};

// Reads tests/<name>/. Errors (unreadable test.yaml, no checks, a named
// pcap that does not exist) are the suite's fault and returned as a Status;
// reasons not to run are returned in skip_reason.
Result<SuiteCase> LoadCase(const std::filesystem::path& tests_root, const std::string& name);

// The test names of MANIFEST.tsv (first column, header skipped).
Result<std::vector<std::string>> ReadManifest(const std::filesystem::path& manifest);

}  // namespace sw::conformance
