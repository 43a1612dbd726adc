// SPDX-License-Identifier: Apache-2.0
//
// Keyset paging shared by every list: a page holds up to `limit` items in a
// stable order, and `next_cursor` (empty on the last page) continues after the
// last item. Cursors are opaque to clients; stores encode the sort key in them,
// so inserts between two page reads never shift or repeat items.
#pragma once

#include <string>
#include <vector>

namespace sw::model {

inline constexpr int kDefaultPageLimit = 50;
inline constexpr int kMaxPageLimit = 500;

struct PageRequest {
  int limit = kDefaultPageLimit;
  std::string cursor;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;
};

}  // namespace sw::model
