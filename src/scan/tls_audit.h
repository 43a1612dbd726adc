// SPDX-License-Identifier: Apache-2.0
//
// TLS audit of one host and port with OpenSSL: which protocol versions the
// server accepts (TLS 1.0 to 1.3; SSLv3 where the library still can), the
// certificate's facts (validity and days left, self-signed, name match, key
// type and size, signature algorithm), and whether weak cipher families are
// accepted. Each problem becomes a Finding with a severity and remediation in
// Chinese and English. The host is admitted through the ScanScope first.
// Every connection is bounded by `timeout`. Thread-safe (no shared state).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "model/finding.h"
#include "scan/scope.h"
#include "scan/target_spec.h"

namespace sw::scan {

struct TlsFacts {
  std::vector<std::string> protocols;  // accepted: "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"
  std::string subject;
  std::string issuer;
  Timestamp not_before;
  Timestamp not_after;
  int64_t days_left = 0;  // negative when expired
  bool self_signed = false;
  bool name_matches = false;
  std::string key_type;  // "RSA", "EC", ...
  int key_bits = 0;
  std::string signature_algorithm;  // "sha256WithRSAEncryption"
  std::vector<std::string> weak_ciphers;  // families accepted: "RC4", "3DES", "NULL", "anonymous"
};

struct TlsAudit {
  TlsFacts facts;
  std::vector<model::Finding> findings;
};

struct TlsAuditOptions {
  std::chrono::milliseconds timeout{3000};
  int expiring_days = 30;  // warn this long before expiry
};

// Unavailable when no TLS handshake succeeds at all (not a TLS port);
// PermissionDenied when the scope refuses the host.
Result<TlsAudit> AuditTls(const TargetHost& host, uint16_t port, const ScanScope& scope,
                          const TlsAuditOptions& options, Timestamp now);

}  // namespace sw::scan
