// SPDX-License-Identifier: Apache-2.0
//
// Self-signed TLS certificate for first start: an ECDSA P-256 key and an
// X.509 v3 certificate valid for one year, with the given DNS names and IP
// addresses as subjectAltNames. The key file is written with mode 0600.
// Thread-safe (no shared state).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace sw::sys {

// Creates both files unless both already exist. `names`: "localhost",
// "127.0.0.1", ... (IP literals become IP SANs).
Status EnsureSelfSignedCertificate(const std::string& cert_file, const std::string& key_file,
                                   const std::vector<std::string>& names);

}  // namespace sw::sys
