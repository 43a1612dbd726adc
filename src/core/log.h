// SPDX-License-Identifier: Apache-2.0
//
// Process-wide logging on spdlog. InitLogging() runs once at start-up (cmd/),
// before any thread is started; afterwards the spdlog free functions
// (spdlog::info, ...) are thread-safe. In "json" format every line is one JSON
// object with ts, level and msg, for log shippers. Secrets never go to the log.
#pragma once

#include <string>

#include "core/status.h"

namespace sw {

// `level`: trace, debug, info, warn, error. `format`: text or json.
Status InitLogging(const std::string& level, const std::string& format);

}  // namespace sw
