// SPDX-License-Identifier: Apache-2.0
//
// The platform's configuration schema (every key `shouwang serve` and
// `shouwang admin` read, with defaults, ranges and help) and the wiring that
// opens the store from it. `shouwang config describe` prints the schema; the
// configuration reference in docs/configuration.md is generated from it.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "core/config.h"
#include "service/context.h"
#include "store/store.h"

namespace sw::cmd {

const ConfigSchema& PlatformSchema();

// Loads the configuration: file (may be empty), SW_* environment, then
// `overrides` (from flags).
Result<Config> LoadPlatformConfig(const std::string& file,
                                  const std::map<std::string, std::string>& overrides);

service::AuthSettings AuthSettingsFrom(const Config& c);
Result<service::ScanSettings> ScanSettingsFrom(const Config& c);
service::IntelSettings IntelSettingsFrom(const Config& c);

// Creates the data folder (mode 0700) and opens and migrates the store.
Result<std::unique_ptr<store::Store>> OpenPlatformStore(const Config& c);

// "docs/configuration.md" body generated from the schema.
std::string ConfigurationMarkdown();

}  // namespace sw::cmd
