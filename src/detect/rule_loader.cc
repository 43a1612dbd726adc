// SPDX-License-Identifier: Apache-2.0
#include "detect/rule_loader.h"

#include <algorithm>

#include "core/file.h"
#include "detect/text_util.h"

namespace sw::detect {
namespace {

constexpr std::string_view kActionWords[] = {"alert",     "pass",      "drop",       "reject",
                                             "rejectsrc", "rejectdst", "rejectboth"};

// "#alert tcp ..." or "# alert tcp ...": a rule shipped disabled.
bool IsDisabledRule(std::string_view comment) {
  comment = Trim(comment.substr(1));
  for (std::string_view a : kActionWords) {
    if (comment.starts_with(a) && comment.size() > a.size() && (comment[a.size()] == ' ' || comment[a.size()] == '\t') &&
        comment.find('(') != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

// The sid of a rule that failed to parse, for the report; 0 if none found.
uint32_t FindSid(std::string_view text) {
  size_t at = 0;
  while ((at = text.find("sid", at)) != std::string_view::npos) {
    const bool word_start = at == 0 || text[at - 1] == ';' || text[at - 1] == ' ' || text[at - 1] == '(';
    at += 3;
    size_t i = at;
    while (i < text.size() && text[i] == ' ') ++i;
    if (!word_start || i >= text.size() || text[i] != ':') continue;
    ++i;
    while (i < text.size() && text[i] == ' ') ++i;
    uint32_t sid = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && sid < 400000000U) {
      sid = sid * 10 + static_cast<uint32_t>(text[i++] - '0');
    }
    return sid;
  }
  return 0;
}

}  // namespace

void RuleLoader::AddText(std::string_view text, std::string_view file_name) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a UTF-8 byte order mark
  const std::vector<std::string_view> lines = SplitLines(text);
  std::string joined;
  size_t start_line = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = Trim(lines[i]);
    if (joined.empty()) {
      if (line.empty()) continue;
      if (line[0] == '#') {
        if (IsDisabledRule(line)) ++set_.disabled;
        continue;
      }
      start_line = i + 1;
    }
    if (!line.empty() && line.back() == '\\') {
      line.remove_suffix(1);
      joined.append(line);
      if (i + 1 < lines.size()) continue;
    } else {
      joined.append(line);
    }
    AddRule(joined, file_name, start_line);
    joined.clear();
  }
}

Status RuleLoader::AddFile(const std::string& path) {
  SW_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  const size_t slash = path.rfind('/');
  AddText(text, slash == std::string::npos ? path : path.substr(slash + 1));
  return Status::Ok();
}

void RuleLoader::AddRule(std::string_view text, std::string_view file_name, size_t line) {
  ++set_.enabled;
  Result<Rule> rule = ParseRule(text, ctx_);
  if (!rule.ok()) {
    RuleIssue issue{std::string(file_name), line, FindSid(text), rule.status().message()};
    if (rule.status().code() == StatusCode::kUnimplemented) {
      ++set_.skip_reasons[std::string(SkipReason(rule.status()))];
      set_.skipped.push_back(std::move(issue));
    } else {
      set_.errors.push_back(std::move(issue));
    }
    return;
  }
  const auto key = std::make_pair(rule->gid, rule->sid);
  rule->file = std::string(file_name);
  rule->line = line;
  if (auto it = seen_.find(key); it != seen_.end()) {
    // As in Suricata: the higher rev wins, the other is reported.
    Rule& first = set_.rules[it->second];
    const std::string id = std::to_string(rule->gid) + ":" + std::to_string(rule->sid);
    if (rule->rev > first.rev) {
      set_.errors.push_back({first.file, first.line, first.sid,
                             "duplicate sid " + id + ": rev " + std::to_string(first.rev) + " replaced by rev " +
                                 std::to_string(rule->rev) + " at " + rule->file + ":" + std::to_string(line)});
      first = std::move(rule).value();
    } else {
      set_.errors.push_back({std::string(file_name), line, rule->sid,
                             "duplicate sid " + id + " (first at " + first.file + ":" + std::to_string(first.line) +
                                 ")"});
    }
    return;
  }
  seen_.emplace(key, set_.rules.size());
  set_.rules.push_back(std::move(rule).value());
}

std::string FormatLoadReport(const RuleSet& set, size_t max_errors) {
  std::string out = "rules: " + std::to_string(set.enabled) + " enabled (" + std::to_string(set.disabled) +
                    " commented out), " + std::to_string(set.loaded()) + " loaded, " +
                    std::to_string(set.skipped.size()) + " skipped, " + std::to_string(set.errors.size()) +
                    " errors\n";
  if (!set.skip_reasons.empty()) {
    std::vector<std::pair<std::string, size_t>> reasons(set.skip_reasons.begin(), set.skip_reasons.end());
    std::stable_sort(reasons.begin(), reasons.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    out += "skipped by reason:\n";
    for (const auto& [reason, n] : reasons) out += "  " + std::to_string(n) + "  " + reason + "\n";
  }
  if (!set.errors.empty()) {
    out += "errors:\n";
    for (size_t i = 0; i < set.errors.size() && i < max_errors; ++i) {
      const RuleIssue& e = set.errors[i];
      out += "  " + e.file + ":" + std::to_string(e.line);
      if (e.sid != 0) out += " (sid " + std::to_string(e.sid) + ")";
      out += ": " + e.message + "\n";
    }
    if (set.errors.size() > max_errors) {
      out += "  ... and " + std::to_string(set.errors.size() - max_errors) + " more\n";
    }
  }
  return out;
}

}  // namespace sw::detect
