// SPDX-License-Identifier: Apache-2.0
//
// Applying a buffer's transforms (dotprefix, to_lowercase, url_decode, ...)
// before inspection, as Suricata does. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "detect/buffers.h"

namespace sw::detect {

std::string ApplyTransforms(std::string_view data, const std::vector<Transform>& transforms);

}  // namespace sw::detect
