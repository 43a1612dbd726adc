// SPDX-License-Identifier: Apache-2.0
//
// MISP import: events ({"Event": {...}} or the bare event object, as PyMISP
// writes them) and feed folders (manifest.json plus one <uuid>.json per
// event). Attributes, top-level and inside Objects, of these types become
// indicators: ip-src, ip-dst (ipv4, ipv6 or cidr by the value), ip-src|port
// and ip-dst|port (the address), domain, hostname, domain|ip (the domain),
// url, email, email-src, email-dst, md5, sha1, sha256, filename|md5,
// filename|sha1, filename|sha256 (the hash), ja3-fingerprint-md5. An
// attribute with to_ids false is reported and not imported, as is a deleted
// one. Context: name = the event's info, source = Orgc.name, TLP from a
// "tlp:*" tag (the attribute's own tag wins over the event's; white is clear;
// none: options.default_tlp), confidence from a misp:confidence-level,
// osint:certainty, estimative-language:confidence-in-analytic-judgment or
// admiralty-scale:information-credibility tag (else the default, 50), labels
// from the category and the other tags, ATT&CK ids from mitre-attack-pattern
// galaxy tags. Both JSON numbers and strings are accepted where MISP writes
// either. Pure functions apart from ImportMispFeed, which reads files.
// Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/indicator.h"

namespace sw::intel {

struct MispImportOptions {
  int default_confidence = 50;
  model::Tlp default_tlp = model::Tlp::kAmber;  // without a tlp: tag
  size_t max_event_bytes = size_t{64} << 20;
};

enum class MispAttributeStatus { kImported, kNotForIds, kDeleted, kIgnoredType, kRejected };
std::string_view MispAttributeStatusName(MispAttributeStatus s);  // "imported", "not for IDS", ...

struct MispAttributeReport {
  std::string event_uuid;
  size_t index = 0;    // in the event: top-level attributes first, then each object's
  std::string object;  // the MISP object's name, empty for top-level attributes
  std::string uuid;
  std::string type;
  MispAttributeStatus status = MispAttributeStatus::kRejected;
  std::string reason;
};

struct MispImportResult {
  size_t events = 0;
  std::vector<model::Indicator> indicators;
  std::vector<MispAttributeReport> attributes;
  std::vector<std::string> event_errors;  // feed events that could not be read ("<uuid>: why")
  size_t Count(MispAttributeStatus s) const;
};

// One event. InvalidArgument when the text is not JSON or not an event.
Result<MispImportResult> ImportMispEvent(std::string_view text,
                                         const MispImportOptions& options = {});

// A feed folder. Fails when manifest.json is missing or malformed; an event
// file that is missing or malformed is listed in event_errors.
Result<MispImportResult> ImportMispFeed(const std::string& dir,
                                        const MispImportOptions& options = {});

}  // namespace sw::intel
