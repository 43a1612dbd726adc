// SPDX-License-Identifier: Apache-2.0
//
// STIX 2.1 bundle import. A bundle's indicators whose patterns mean "any of
// these values" (stix_pattern.h) become model::Indicators, one per value,
// carrying the indicator's name, confidence, validity, labels
// (indicator_types, labels and kill-chain phases as "<chain>:<phase>"),
// ATT&CK technique ids (from the indicator's own external_references and from
// attack-patterns it `indicates` in the same bundle), TLP (from
// object_marking_refs: the TLP 2.0 and TLP 1.0 marking-definition ids, or a
// TLP marking-definition in the bundle; white maps to clear; the most
// restrictive wins; unmarked stays amber) and source (the name of the
// created_by_ref identity when it is in the bundle).
//
// Every object gets one line in the report, in bundle order: imported, not
// matchable (the pattern is kept with the reason), revoked, ignored type
// (other SDOs, SROs and SCOs, which are read only for the context above) or
// rejected (malformed: the reason names the field). Malformed objects never
// stop the import of the others; only a bundle that is not JSON, not a
// bundle, or over the limits fails as a whole. Also accepts a bare STIX
// object or a JSON array of objects. Pure function, thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/indicator.h"

namespace sw::intel {

struct StixImportOptions {
  size_t max_objects = 100'000;
  size_t max_object_bytes = size_t{1} << 20;  // serialized size of one object
  size_t max_bundle_bytes = size_t{512} << 20;
  std::string default_source;  // when created_by_ref names no identity in the bundle
  model::Tlp default_tlp = model::Tlp::kAmber;  // for objects without a TLP marking
};

enum class StixObjectStatus { kImported, kNotMatchable, kRevoked, kIgnoredType, kRejected };
std::string_view StixObjectStatusName(StixObjectStatus s);  // "imported", "not matchable", ...

struct StixObjectReport {
  size_t index = 0;  // position in the bundle's objects
  std::string id;    // empty when the object has none
  std::string type;
  StixObjectStatus status = StixObjectStatus::kRejected;
  std::string reason;     // why not imported; for imported ones, values that were left out
  size_t indicators = 0;  // indicators made from it
  // Objects that are not rejected, as they came (compact JSON), to be
  // stored and given back unchanged: the version (`modified`, else
  // `created`, else empty for SCOs) and the TLP (marking definitions are
  // clear: readers need them to read the markings).
  std::string json;
  std::string version;
  model::Tlp tlp = model::Tlp::kAmber;
};

// An indicator whose pattern a value matcher cannot evaluate, kept so that an
// analyst can see it.
struct UnmatchableIndicator {
  std::string stix_id;
  std::string name;
  std::string pattern;
  std::string reason;
};

struct StixImportResult {
  std::vector<model::Indicator> indicators;
  std::vector<UnmatchableIndicator> not_matchable;
  std::vector<StixObjectReport> objects;
  size_t Count(StixObjectStatus s) const;
};

Result<StixImportResult> ImportStixBundle(std::string_view text,
                                          const StixImportOptions& options = {});

// "12 objects: 3 imported (5 indicators), 1 not matchable, 8 ignored" and a
// line per rejected or not matchable object ("#4 indicator--...: reason").
std::string FormatStixImportReport(const StixImportResult& r);

}  // namespace sw::intel
