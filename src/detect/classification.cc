// SPDX-License-Identifier: Apache-2.0
#include "detect/classification.h"

#include <charconv>

#include "core/file.h"
#include "detect/text_util.h"

namespace sw::detect {

Result<Classifications> Classifications::Parse(std::string_view text, std::string_view file_name) {
  Classifications out;
  size_t line_no = 0;
  for (std::string_view line : SplitLines(text)) {
    ++line_no;
    line = Trim(line);
    if (line.empty() || line[0] == '#') continue;
    auto bad = [&](std::string_view why) {
      return InvalidArgument(std::string(file_name) + ":" + std::to_string(line_no) + ": " + std::string(why));
    };
    constexpr std::string_view kPrefix = "config classification:";
    if (!line.starts_with(kPrefix)) return bad("expected \"config classification: name,description,priority\"");
    std::string_view rest = line.substr(kPrefix.size());
    const size_t c1 = rest.find(',');
    const size_t c2 = rest.rfind(',');
    if (c1 == std::string_view::npos || c1 == c2) return bad("expected name,description,priority");
    ClassType ct;
    ct.name = std::string(Trim(rest.substr(0, c1)));
    ct.description = std::string(Trim(rest.substr(c1 + 1, c2 - c1 - 1)));
    const std::string_view prio = Trim(rest.substr(c2 + 1));
    auto [end, ec] = std::from_chars(prio.data(), prio.data() + prio.size(), ct.priority);
    if (ct.name.empty() || ec != std::errc() || end != prio.data() + prio.size() || ct.priority < 0) {
      return bad("bad classification \"" + std::string(line.substr(0, 80)) + "\"");
    }
    out.by_name_[ToLower(ct.name)] = std::move(ct);
  }
  return out;
}

Result<Classifications> Classifications::Load(const std::string& path) {
  SW_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return Parse(text, path);
}

const ClassType* Classifications::Find(std::string_view name) const {
  auto it = by_name_.find(ToLower(name));
  return it == by_name_.end() ? nullptr : &it->second;
}

}  // namespace sw::detect
