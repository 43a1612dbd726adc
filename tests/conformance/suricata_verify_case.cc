// SPDX-License-Identifier: Apache-2.0
#include "conformance/suricata_verify_case.h"

#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace sw::conformance {
namespace {

namespace fs = std::filesystem;

// The single file in `dir` with extension `ext`; empty when none, and an
// error when several make the choice ambiguous.
Result<fs::path> OnlyFileWithExtension(const fs::path& dir, const std::string& ext) {
  std::vector<fs::path> found;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ext) found.push_back(e.path());
  }
  if (found.size() > 1)
    return InvalidArgument("several " + ext + " files and no test.yaml key naming one");
  return found.empty() ? fs::path() : found[0];
}

// Empty when the config and every file it includes parse; otherwise why not.
std::string ConfigProblem(const fs::path& config, const fs::path& test_dir, int depth = 0) {
  if (depth > 8) return "config includes nest deeper than 8";
  YAML::Node root;
  try {
    root = YAML::LoadFile(config.string());
  } catch (const YAML::Exception& e) {
    return "config " + config.filename().string() + " does not parse: " + e.what();
  }
  if (!root.IsMap() || !root["include"]) return {};
  std::vector<std::string> includes;
  const YAML::Node inc = root["include"];
  if (inc.IsScalar()) includes.push_back(inc.Scalar());
  if (inc.IsSequence()) {
    for (const auto& i : inc) includes.push_back(i.Scalar());
  }
  for (const auto& i : includes) {
    const fs::path p = fs::path(i).is_absolute() ? fs::path(i) : test_dir / i;
    if (!fs::exists(p)) return "config include " + i + " does not exist";
    if (auto problem = ConfigProblem(p, test_dir, depth + 1); !problem.empty()) return problem;
  }
  return {};
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

}  // namespace

std::optional<Version> ParseVersion(const json::value& v) {
  std::string text;
  if (v.is_int64()) {
    text = std::to_string(v.get_int64());
  } else if (v.is_uint64()) {
    text = std::to_string(v.get_uint64());
  } else if (v.is_double()) {
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%g", v.get_double());
    text = buf;
  } else if (v.is_string()) {
    text = v.get_string();
  } else {
    return std::nullopt;
  }
  Version out = {0, 0, 0};
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (size_t i = 0; i < out.size() && p < end; ++i) {
    const auto [next, ec] = std::from_chars(p, end, out[i]);
    if (ec != std::errc()) return i == 0 ? std::nullopt : std::optional<Version>(out);
    p = next;
    if (p < end && *p != '.') break;  // "8.0.0-dev": the suffix does not count
    if (p < end) ++p;
  }
  return out;
}

std::string UnmetRequirement(const json::value& block, const Version& engine) {
  if (block.is_null()) return {};
  if (!block.is_object()) return "requires block is not a mapping";
  for (const auto& kv : block.get_object()) {
    const std::string key = kv.key();
    const json::value& v = kv.value();
    if (key == "min-version" || key == "lt-version" || key == "version") {
      const auto want = ParseVersion(v);
      if (!want) return "requires " + key + " " + Describe(v) + " (not a version)";
      if (key == "min-version" && engine < *want) return "requires min-version " + Describe(v);
      if (key == "lt-version" && !(engine < *want)) return "requires lt-version " + Describe(v);
      if (key == "version") {
        // A pin on a release: the parts it names must agree ("7" = any 7.x.y).
        const std::string text = v.is_string() ? std::string(v.get_string()) : Describe(v);
        const size_t parts = static_cast<size_t>(std::count(text.begin(), text.end(), '.')) + 1;
        for (size_t i = 0; i < parts && i < engine.size(); ++i) {
          if ((*want)[i] != engine[i]) return "requires version " + Describe(v);
        }
      }
    } else if (key == "features") {
      if (v.is_array() && !v.get_array().empty())
        return "requires feature " + Describe(v.get_array()[0]);
      if (v.is_string()) return "requires feature " + std::string(v.get_string());
    } else if (key == "pcap") {
      if (v.is_bool() && !v.get_bool()) return "requires no pcap input (pcap: false)";
    } else if (key == "script") {
      return "requires a script run in Suricata's source tree";
    } else {
      return "unsupported requirement " + key;
    }
  }
  return {};
}

Result<std::vector<std::string>> MapArguments(const json::value& args,
                                              const std::string& test_dir) {
  std::vector<std::string> tokens;
  auto split = [&](const json::value& v) -> Status {
    if (!v.is_string()) return InvalidArgument("unsupported argument " + Describe(v));
    std::istringstream in(Replace(std::string(v.get_string()), "${TEST_DIR}", test_dir));
    for (std::string t; in >> t;) tokens.push_back(t);
    return {};
  };
  if (args.is_array()) {
    for (const auto& a : args.get_array()) SW_RETURN_IF_ERROR(split(a));
  } else if (!args.is_null()) {
    SW_RETURN_IF_ERROR(split(args));
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    const std::string next = i + 1 < tokens.size() ? tokens[i + 1] : std::string();
    if (t == "-k" && next == "none") {
      ++i;  // the sensor never validates checksums
    } else if (t == "--set" && next.find('=') != std::string::npos && next[0] != '=') {
      out.push_back("--set");
      out.push_back(next);
      ++i;
    } else if (t == "-k" || t == "--set") {
      return InvalidArgument("unsupported argument " + t + (next.empty() ? "" : " " + next));
    } else {
      return InvalidArgument("unsupported argument " + t);
    }
  }
  return out;
}

Result<SuiteCase> LoadCase(const fs::path& tests_root, const std::string& name) {
  SuiteCase c;
  c.name = name;
  c.dir = tests_root / name;
  const fs::path yaml_path = c.dir / "test.yaml";
  json::value doc;
  try {
    doc = YamlToJson(YAML::LoadFile(yaml_path.string()));
  } catch (const YAML::Exception& e) {
    return InvalidArgument(yaml_path.string() + ": " + e.what());
  }
  if (!doc.is_object()) return InvalidArgument(yaml_path.string() + ": not a mapping");
  const json::object& top = doc.get_object();

  const json::value* checks = top.if_contains("checks");
  if (checks == nullptr || !checks->is_array() || checks->get_array().empty()) {
    return InvalidArgument(yaml_path.string() + ": no checks");
  }
  for (const auto& check : checks->get_array()) c.checks.push_back(check);

  auto skip = [&](std::string reason) -> Result<SuiteCase> {
    c.skip_reason = std::move(reason);
    return c;
  };
  for (const auto& kv : top) {
    static const char* const kKnown[] = {"requires", "args", "pcap", "rules", "checks", "env"};
    if (std::find(std::begin(kKnown), std::end(kKnown), kv.key()) == std::end(kKnown)) {
      return skip("unsupported test.yaml key " + std::string(kv.key()));
    }
  }
  if (const json::value* req = top.if_contains("requires")) {
    if (auto unmet = UnmetRequirement(*req); !unmet.empty()) return skip(unmet);
  }
  if (const json::value* env = top.if_contains("env"); env != nullptr && !env->is_null()) {
    const std::string var = env->is_object() && !env->get_object().empty()
                                ? std::string(env->get_object().begin()->key())
                                : Describe(*env);
    return skip("sets environment variable " + var);
  }

  // Input.
  if (const json::value* pcap = top.if_contains("pcap")) {
    if (!pcap->is_string()) return skip("pcap: " + Describe(*pcap) + " (no input)");
    c.pcap = fs::weakly_canonical(c.dir / std::string(pcap->get_string()));
    if (!fs::exists(c.pcap))
      return NotFound(name + ": pcap " + c.pcap.string() + " does not exist");
  } else {
    auto found = OnlyFileWithExtension(c.dir, ".pcap");
    if (!found.ok()) return skip(found.status().message());
    if (found->empty()) return skip("no pcap");
    c.pcap = *found;
  }

  // Rules.
  if (const json::value* rules = top.if_contains("rules")) {
    if (!rules->is_string()) return skip("inline rules in test.yaml");
    c.rules = fs::weakly_canonical(c.dir / std::string(rules->get_string()));
  } else {
    auto found = OnlyFileWithExtension(c.dir, ".rules");
    if (!found.ok()) return skip(found.status().message());
    if (!found->empty()) c.rules = *found;
  }

  // Config.
  if (fs::exists(c.dir / "suricata.yaml")) {
    if (auto problem = ConfigProblem(c.dir / "suricata.yaml", c.dir); !problem.empty())
      return skip(problem);
    c.config = c.dir / "suricata.yaml";
  }

  // Arguments.
  if (const json::value* args = top.if_contains("args")) {
    auto mapped = MapArguments(*args, c.dir.string());
    if (!mapped.ok()) return skip(mapped.status().message());
    c.sensor_args = std::move(*mapped);
  }
  return c;
}

Result<std::vector<std::string>> ReadManifest(const fs::path& manifest) {
  std::ifstream in(manifest);
  if (!in) return NotFound(manifest.string() + ": does not exist");
  std::vector<std::string> names;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const std::string name = line.substr(0, line.find('\t'));
    if (!name.empty()) names.push_back(name);
  }
  return names;
}

}  // namespace sw::conformance
