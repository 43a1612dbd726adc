// SPDX-License-Identifier: Apache-2.0
#include <algorithm>

#include "model/page.h"
#include "store/backends/sqlite/sqlite_repositories.h"

namespace sw::store::backends::sqlite {

std::string LikePattern(const std::string& q) {
  if (q.empty()) return {};
  std::string out = "%";
  for (char c : q) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

int PageLimit(const PageRequest& p) { return std::clamp(p.limit, 1, model::kMaxPageLimit); }

}  // namespace sw::store::backends::sqlite
