// SPDX-License-Identifier: Apache-2.0
//
// The product version, reported by /api/v1/health, the OpenAPI document and
// `shouwang version`.
#pragma once

namespace sw::api {

inline constexpr const char* kVersion = "0.1.0";

}  // namespace sw::api
