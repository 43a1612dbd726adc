// SPDX-License-Identifier: Apache-2.0
//
// SystemResolver: the Resolver of target_spec.h over the system's
// getaddrinfo (hosts file, DNS), every address of a name in the system's
// preferred order. Thread-safe.
#pragma once

#include "scan/target_spec.h"

namespace sw::scan {

class SystemResolver final : public Resolver {
 public:
  Result<std::vector<boost::asio::ip::address>> Resolve(std::string_view name) override;
};

}  // namespace sw::scan
