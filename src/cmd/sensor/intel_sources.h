// SPDX-License-Identifier: Apache-2.0
//
// Where the sensor's threat intelligence comes from: files given with
// --intel (STIX 2.1 bundles, MISP events or feed folders, lists; the format
// by its shape) and the platform (--intel-from-platform): the MISP export of
// what TLP lets the sensor's organization see, without expired values and
// values on warning lists. Each prints one summary line to standard output.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "model/indicator.h"

namespace sw::cmd {

// InvalidArgument naming the file when it cannot be read or parsed.
Result<std::vector<model::Indicator>> LoadIntelFile(const std::string& path);

// GET <url>/api/v1/intel/export?format=misp with the sensor's token.
Result<std::vector<model::Indicator>> FetchPlatformIntel(const std::string& url, const std::string& token,
                                                        const std::string& ca_file);

}  // namespace sw::cmd
