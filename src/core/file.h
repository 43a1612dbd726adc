// SPDX-License-Identifier: Apache-2.0
//
// Reading whole files: the data files read at start-up (Nmap's tables, the
// console, secrets). Thread-safe.
#pragma once

#include <cstddef>
#include <string>

#include "core/status.h"

namespace sw {

// The file's bytes; Unavailable naming the path when it cannot be read,
// ResourceExhausted when it is larger than `max_bytes`.
Result<std::string> ReadFileToString(const std::string& path, size_t max_bytes = size_t{256} << 20);

}  // namespace sw
