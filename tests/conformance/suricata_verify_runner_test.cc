// SPDX-License-Identifier: Apache-2.0
//
// The suricata-verify conformance runner: every test of the development
// subset (../shared/data/suricata-verify, MANIFEST.tsv) is run against the
// real `shouwang sensor` and its checks are evaluated as the suite's README
// specifies. The report (one row per test, then totals) is printed and
// written to $SW_CONFORMANCE_REPORT, else to
// <build>/test-output/conformance/suricata_verify.txt, with the sensor's
// output and eve.json of each failed test kept beside it under logs/.
//
// Assertion policy: tests/conformance/suricata_verify_expected_pass.txt lists
// the tests that pass today. A listed test that does not pass fails this test
// (a regression); a test that passes but is not listed is printed so that it
// can be added. SW_CONFORMANCE_REWRITE=1 rewrites the list from this run, for
// review in the diff.
//
// What counts: a test passes when every applicable check passes. A check is
// not applicable when its own `requires:` is unmet, when it is a `filter` on
// an event_type the sensor does not emit (README: such checks may be reported
// "not applicable"), when it is a `shell` check using a tool outside a small
// allowlist, or when it is a `file-compare` (no subset test has one). Those
// are counted in the totals so that no pass hides them.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <sys/wait.h>

#include "conformance/eve_check.h"
#include "conformance/suricata_verify_case.h"
#include "core/json.h"
#include "support/temp_dir.h"

namespace sw::conformance {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr auto kSensorTimeout = seconds(60);
constexpr auto kShellTimeout = seconds(20);

// The event types `shouwang sensor` writes (its command-line contract).
// Filter checks on other types (fileinfo, anomaly, ...) are not applicable.
const std::set<std::string, std::less<>>& EmittedEventTypes() {
  static const auto* types =
      new std::set<std::string, std::less<>>{"alert", "flow", "http", "dns", "tls", "ssh", "stats"};
  return *types;
}

// Commands a shell check may use; anything else makes the check not applicable.
const std::set<std::string, std::less<>>& AllowedShellTools() {
  static const auto* tools = new std::set<std::string, std::less<>>{
      "cat",  "wc",   "grep", "xargs", "jq",  "test", "[",    "echo",  "head",   "tail",
      "sort", "uniq", "cut",  "tr",    "awk", "sed",  "true", "false", "printf", "ls"};
  return *tools;
}

fs::path SuiteRoot() {
  const char* shared = std::getenv("SW_SHARED_DATA");
  return fs::path(shared ? shared : SW_SOURCE_DIR "/../shared/data") / "suricata-verify";
}

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal or not started
  bool timed_out = false;
};

// Runs argv[0] with `argv` in `cwd`, stdout and stderr to `log`, plus `env`
// ("NAME=value") on top of ours; kills its process group after `timeout`.
ProcessResult RunProcess(const std::vector<std::string>& argv, const fs::path& cwd,
                         const fs::path& log, const std::vector<std::string>& env,
                         std::chrono::seconds timeout) {
  ProcessResult r;
  const pid_t pid = fork();
  if (pid < 0) return r;
  if (pid == 0) {
    setpgid(0, 0);
    const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || chdir(cwd.c_str()) != 0) _exit(127);
    dup2(fd, 1);
    dup2(fd, 2);
    for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  setpgid(pid, pid);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int status = 0;
  for (;;) {
    const pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid) break;
    if (w < 0) return r;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      r.timed_out = true;
      return r;
    }
    std::this_thread::sleep_for(milliseconds(10));
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string FirstLine(const std::string& s) {
  std::string line = Trim(s.substr(0, s.find('\n')));
  return line.size() > 200 ? line.substr(0, 200) + "..." : line;
}

bool OnPath(const std::string& tool) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string d; std::getline(dirs, d, ':');) {
    if (!d.empty() && access((fs::path(d) / tool).c_str(), X_OK) == 0) return true;
  }
  return false;
}

// The first tool of a shell command that is not allowed (or not installed);
// empty when every command word is fine. Command words are the first word of
// each segment between | ; & ( ) and backquotes, after VAR=value prefixes.
std::string DisallowedTool(const std::string& command) {
  std::string spaced;
  for (char c : command) {
    if (std::string_view("|;&()`").find(c) != std::string_view::npos) {
      spaced += " \n ";
    } else {
      spaced += c;
    }
  }
  std::istringstream segments(spaced);
  for (std::string segment; std::getline(segments, segment, '\n');) {
    std::istringstream words(segment);
    std::string w;
    while (words >> w && w.find('=') != std::string::npos && w[0] != '=') {
    }
    if (w.empty() || w == "$") continue;
    if (w.starts_with("$")) return w;  // a command chosen by a variable
    if (!AllowedShellTools().contains(w)) return w;
    if (w != "[" && w != "test" && w != "echo" && w != "true" && w != "false" && w != "printf" &&
        !OnPath(w)) {
      return w + " (not installed)";
    }
  }
  return {};
}

enum class Verdict { kPass, kFail, kSkip };

struct TestOutcome {
  std::string name;
  Verdict verdict = Verdict::kSkip;
  std::string reason;  // FAIL: first failing check; SKIP: why
  size_t checks_run = 0;
  // Applicable checks that assert something happened (not a filter with
  // count: 0); a pass without any is a pass by silence, reported as such.
  size_t checks_asserting_presence = 0;
  size_t checks_not_applicable = 0;
  std::vector<std::string> failed_kinds;  // one per failing check, e.g. "filter alert"
  std::map<std::string, size_t> not_applicable_reasons;
};

// "filter alert", "filter any", "stats", "shell": for grouping failures.
std::string KindLabel(const json::object& check) {
  if (const json::value* f = check.if_contains("filter"); f != nullptr && f->is_object()) {
    const json::value* match = f->get_object().if_contains("match");
    const json::value* type = match != nullptr ? FindPath(*match, "event_type") : nullptr;
    return "filter " +
           (type != nullptr && type->is_string() ? std::string(type->get_string()) : "any");
  }
  return check.empty() ? "empty" : std::string(check.begin()->key());
}

struct Runner {
  fs::path binary = SW_BINARY_PATH;
  fs::path root = SuiteRoot();
  fs::path logs;

  void KeepLogs(const std::string& name, const fs::path& out_dir, const std::string& header) const {
    std::string flat = name;
    std::replace(flat.begin(), flat.end(), '/', '_');
    std::error_code ec;
    fs::create_directories(logs, ec);
    std::ofstream(logs / (flat + ".log")) << header << "\n" << ReadFile(out_dir / "sensor.log");
    if (fs::exists(out_dir / "eve.json"))
      fs::copy_file(out_dir / "eve.json", logs / (flat + ".eve.json"),
                    fs::copy_options::overwrite_existing, ec);
  }

  TestOutcome Run(const std::string& name) const {
    TestOutcome t;
    t.name = name;
    auto loaded = LoadCase(root / "tests", name);
    if (!loaded.ok()) {
      t.verdict = Verdict::kFail;
      t.reason = "test.yaml: " + loaded.status().message();
      return t;
    }
    const SuiteCase& c = *loaded;
    if (!c.skip_reason.empty()) {
      t.reason = c.skip_reason;
      return t;
    }

    sw::testing::TempDir dir;
    std::vector<std::string> argv = {binary.string(), "sensor", "--pcap", c.pcap.string()};
    if (c.rules) argv.insert(argv.end(), {"--rules", c.rules->string()});
    if (c.config) argv.insert(argv.end(), {"--config", c.config->string()});
    // What the upstream runner gives every test: the suite's classtype table
    // (alert.severity comes from classification.config).
    argv.insert(argv.end(), {"--classification", (root / "etc/classification.config").string()});
    argv.insert(argv.end(), c.sensor_args.begin(), c.sensor_args.end());
    argv.insert(argv.end(), {"--eve", dir.file("eve.json")});
    std::string command_line;
    for (const auto& a : argv) command_line += (command_line.empty() ? "" : " ") + a;

    const ProcessResult run = RunProcess(argv, dir.path(), dir.path() / "sensor.log",
                                         {"TEST_DIR=" + c.dir.string()}, kSensorTimeout);
    if (run.timed_out || run.exit_code != 0) {
      t.verdict = Verdict::kFail;
      t.reason = run.timed_out
                     ? "sensor timed out after " + std::to_string(kSensorTimeout.count()) + " s"
                     : "sensor exit " + std::to_string(run.exit_code) + ": " +
                           FirstLine(ReadFile(dir.path() / "sensor.log"));
      t.failed_kinds.push_back("sensor run");
      KeepLogs(name, dir.path(), command_line + "\nexit " + std::to_string(run.exit_code));
      return t;
    }

    std::map<std::string, Result<std::vector<json::value>>> files;
    auto records = [&](const std::string& file) -> const Result<std::vector<json::value>>& {
      auto it = files.find(file);
      if (it == files.end())
        it = files.emplace(file, ReadJsonLines((dir.path() / file).string())).first;
      return it->second;
    };
    auto not_applicable = [&](std::string why) {
      ++t.checks_not_applicable;
      ++t.not_applicable_reasons[std::move(why)];
    };
    size_t index = 0;
    for (const auto& check_value : c.checks) {
      ++index;
      if (!check_value.is_object() || check_value.get_object().empty()) {
        t.failed_kinds.push_back("malformed");
        if (t.reason.empty()) t.reason = "check " + std::to_string(index) + " is not a mapping";
        continue;
      }
      const json::object& check = check_value.get_object();
      const std::string kind = check.begin()->key();
      const json::value& body = check.begin()->value();
      const json::value* req =
          body.is_object() ? body.get_object().if_contains("requires") : nullptr;
      if (req != nullptr) {
        if (auto unmet = UnmetRequirement(*req); !unmet.empty()) {
          not_applicable("check " + unmet);
          continue;
        }
      }
      CheckResult r;
      if (kind == "filter" && body.is_object()) {
        const json::value* match = body.get_object().if_contains("match");
        const json::value* type = match != nullptr ? FindPath(*match, "event_type") : nullptr;
        if (type != nullptr && type->is_string() &&
            !EmittedEventTypes().contains(type->get_string())) {
          not_applicable("filter on " + std::string(type->get_string()) + " events (not emitted)");
          continue;
        }
        const json::value* fname = body.get_object().if_contains("filename");
        const std::string file =
            fname != nullptr && fname->is_string() ? std::string(fname->get_string()) : "eve.json";
        const auto& recs = records(file);
        if (!recs.ok()) {
          r.detail = recs.status().message();
        } else {
          r = EvaluateFilter(body.get_object(), *recs);
        }
      } else if (kind == "stats" && body.is_object()) {
        const auto& recs = records("eve.json");
        if (!recs.ok()) {
          r.detail = recs.status().message();
        } else {
          r = EvaluateStats(body.get_object(), *recs);
        }
      } else if (kind == "shell" && body.is_object()) {
        const json::value* args = body.get_object().if_contains("args");
        if (args == nullptr || !args->is_string()) {
          r.detail = "shell check without args";
        } else if (auto tool = DisallowedTool(std::string(args->get_string())); !tool.empty()) {
          not_applicable("shell check uses " + tool);
          continue;
        } else {
          const ProcessResult sh =
              RunProcess({"/bin/sh", "-c", std::string(args->get_string())}, dir.path(),
                         dir.path() / "shell.out", {"TEST_DIR=" + c.dir.string()}, kShellTimeout);
          const std::string out = Trim(ReadFile(dir.path() / "shell.out"));
          const json::value* expect = body.get_object().if_contains("expect");
          if (expect != nullptr) {
            const std::string want =
                expect->is_string() ? Trim(expect->get_string()) : ToJson(*expect);
            r.outcome = !sh.timed_out && out == want ? Outcome::kPass : Outcome::kFail;
            r.detail = "`" + std::string(args->get_string()) + "`: expected \"" + want +
                       "\", got \"" + FirstLine(out) + "\"";
          } else {
            r.outcome = !sh.timed_out && sh.exit_code == 0 ? Outcome::kPass : Outcome::kFail;
            r.detail =
                "`" + std::string(args->get_string()) + "`: exit " + std::to_string(sh.exit_code);
          }
        }
      } else if (kind == "file-compare") {
        not_applicable("file-compare check");
        continue;
      } else {
        r.detail = "unknown check kind " + kind;
      }
      ++t.checks_run;
      const json::value* count =
          kind == "filter" && body.is_object() ? body.get_object().if_contains("count") : nullptr;
      if (count == nullptr || !TypedEqual(*count, json::value(0))) ++t.checks_asserting_presence;
      if (r.outcome == Outcome::kFail) {
        t.failed_kinds.push_back(KindLabel(check));
        if (t.reason.empty())
          t.reason = "check " + std::to_string(index) + " (" + kind + "): " + r.detail;
      }
    }
    if (t.failed_kinds.empty() && t.checks_run == 0) {
      // Nothing left to judge: every check was not applicable.
      t.verdict = Verdict::kSkip;
      t.reason = "no applicable check";
      return t;
    }
    t.verdict = t.failed_kinds.empty() ? Verdict::kPass : Verdict::kFail;
    if (t.verdict == Verdict::kFail)
      KeepLogs(name, dir.path(), command_line + "\nexit 0\n" + t.reason);
    return t;
  }
};

const char* VerdictName(Verdict v) {
  return v == Verdict::kPass ? "PASS" : (v == Verdict::kFail ? "FAIL" : "SKIP");
}

std::string BuildReport(const std::vector<TestOutcome>& outcomes) {
  std::ostringstream o;
  size_t width = 4;
  for (const auto& t : outcomes) width = std::max(width, t.name.size());
  o << "suricata-verify development subset against shouwang sensor (engine claims Suricata "
    << kEngineVersion[0] << "." << kEngineVersion[1] << "." << kEngineVersion[2] << ")\n\n";
  o << std::left << std::setw(static_cast<int>(width)) << "test"
    << "  result  reason\n";
  for (const auto& t : outcomes) {
    std::string reason = t.reason;
    if (t.verdict == Verdict::kPass) {
      if (t.checks_asserting_presence == 0) reason = "only count: 0 checks";
      if (t.checks_not_applicable > 0) {
        reason += (reason.empty() ? "" : "; ") + std::to_string(t.checks_not_applicable) +
                  " check(s) not applicable";
      }
    }
    o << std::left << std::setw(static_cast<int>(width)) << t.name << "  " << VerdictName(t.verdict)
      << "    " << reason << "\n";
  }
  size_t passed = 0, failed = 0, skipped = 0, pass_with_na = 0, pass_by_silence = 0, checks_na = 0;
  std::map<std::string, size_t> skip_reasons, failed_kinds, na_reasons, first_fail_kind;
  for (const auto& t : outcomes) {
    checks_na += t.checks_not_applicable;
    for (const auto& [why, n] : t.not_applicable_reasons) na_reasons[why] += n;
    switch (t.verdict) {
      case Verdict::kPass:
        ++passed;
        if (t.checks_not_applicable > 0) ++pass_with_na;
        if (t.checks_asserting_presence == 0) ++pass_by_silence;
        break;
      case Verdict::kFail:
        ++failed;
        for (const auto& k : t.failed_kinds) ++failed_kinds[k];
        if (!t.failed_kinds.empty()) ++first_fail_kind[t.failed_kinds.front()];
        break;
      case Verdict::kSkip:
        ++skipped;
        ++skip_reasons[t.reason];
        break;
    }
  }
  auto by_count = [](const std::map<std::string, size_t>& m) {
    std::vector<std::pair<std::string, size_t>> v(m.begin(), m.end());
    std::stable_sort(v.begin(), v.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return v;
  };
  o << "\ntotals: " << outcomes.size() << " loaded, " << passed << " passed, " << failed
    << " failed, " << skipped << " skipped\n";
  o << "passed with some checks not applicable: " << pass_with_na << "\n";
  o << "passed with only count: 0 checks (nothing was required to happen): " << pass_by_silence
    << "\n";
  o << "\nskipped by reason:\n";
  for (const auto& [why, n] : by_count(skip_reasons))
    o << "  " << std::setw(4) << std::right << n << "  " << why << "\n";
  o << "\nfailing checks by kind (every failing check of every failed test):\n";
  for (const auto& [k, n] : by_count(failed_kinds))
    o << "  " << std::setw(4) << std::right << n << "  " << k << "\n";
  o << "\nfailed tests by kind of their first failing check:\n";
  for (const auto& [k, n] : by_count(first_fail_kind))
    o << "  " << std::setw(4) << std::right << n << "  " << k << "\n";
  o << "\nchecks not applicable (" << checks_na << "):\n";
  for (const auto& [why, n] : by_count(na_reasons))
    o << "  " << std::setw(4) << std::right << n << "  " << why << "\n";
  return o.str();
}

fs::path ExpectedPassFile() {
  return fs::path(SW_SOURCE_DIR) / "tests/conformance/suricata_verify_expected_pass.txt";
}

std::set<std::string> ReadExpectedPass() {
  std::set<std::string> names;
  std::ifstream in(ExpectedPassFile());
  for (std::string line; std::getline(in, line);) {
    line = Trim(line);
    if (!line.empty() && line[0] != '#') names.insert(line);
  }
  return names;
}

void WriteExpectedPass(const std::vector<TestOutcome>& outcomes) {
  std::ofstream out(ExpectedPassFile());
  out << "# suricata-verify subset tests that pass against shouwang sensor; one name a line.\n"
         "# conformance_suite fails when a listed test stops passing. Regenerate with\n"
         "# SW_CONFORMANCE_REWRITE=1 build/dev/tests/conformance_suite and review the diff.\n";
  for (const auto& t : outcomes) {
    if (t.verdict == Verdict::kPass) out << t.name << "\n";
  }
}

// The support folders that hold only a pcap for other tests (README).
bool IsSupportFolder(const std::string& name) {
  static const char* const kSupport[] = {"http-all-headers", "http2-keywords2",
                                         "output-eve-anomaly-02", "tcp-fastopen-05"};
  return std::find(std::begin(kSupport), std::end(kSupport), name) != std::end(kSupport);
}

TEST(SuricataVerifyConformance, SubsetAgainstSensor) {
  Runner runner;
  if (!fs::exists(runner.root / "MANIFEST.tsv")) {
    GTEST_SKIP() << "suricata-verify not found at " << runner.root << " (set SW_SHARED_DATA)";
  }
  const char* report_env = std::getenv("SW_CONFORMANCE_REPORT");
  const fs::path report =
      report_env != nullptr && *report_env != '\0'
          ? fs::path(report_env)
          : fs::path(SW_BUILD_DIR) / "test-output/conformance/suricata_verify.txt";
  runner.logs = report.parent_path() / "logs";
  std::error_code ec;
  fs::remove_all(runner.logs, ec);

  auto names = ReadManifest(runner.root / "MANIFEST.tsv");
  ASSERT_TRUE(names.ok()) << names.status().ToString();
  std::vector<TestOutcome> outcomes;
  for (const auto& name : *names) {
    if (IsSupportFolder(name)) continue;
    outcomes.push_back(runner.Run(name));
  }
  EXPECT_EQ(outcomes.size(), 150u) << "MANIFEST.tsv should list the 150 subset tests";

  const std::string text = BuildReport(outcomes);
  std::cout << text;
  fs::create_directories(report.parent_path(), ec);
  std::ofstream(report) << text;
  std::cout << "\nreport written to " << report.string() << "; logs of failed tests in "
            << runner.logs.string() << "\n";

  const char* rewrite = std::getenv("SW_CONFORMANCE_REWRITE");
  if (rewrite != nullptr && std::string(rewrite) == "1") {
    WriteExpectedPass(outcomes);
    std::cout << "rewrote " << ExpectedPassFile().string() << "\n";
    return;
  }
  const std::set<std::string> expected = ReadExpectedPass();
  std::set<std::string> seen;
  std::vector<std::string> unlisted;
  for (const auto& t : outcomes) {
    seen.insert(t.name);
    const bool listed = expected.contains(t.name);
    if (listed && t.verdict != Verdict::kPass) {
      ADD_FAILURE() << "regression: " << t.name
                    << " is in suricata_verify_expected_pass.txt but is " << VerdictName(t.verdict)
                    << ": " << t.reason;
    }
    if (!listed && t.verdict == Verdict::kPass) unlisted.push_back(t.name);
  }
  for (const auto& name : expected) {
    if (!seen.contains(name))
      ADD_FAILURE() << "suricata_verify_expected_pass.txt lists unknown test " << name;
  }
  if (!unlisted.empty()) {
    std::cout << "\n"
              << unlisted.size()
              << " test(s) pass but are not in suricata_verify_expected_pass.txt; add them:\n";
    for (const auto& n : unlisted) std::cout << "  " << n << "\n";
  }
}

}  // namespace
}  // namespace sw::conformance
