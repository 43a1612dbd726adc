// SPDX-License-Identifier: Apache-2.0
//
// Writing intelligence out: STIX 2.1 bundles, MISP events and CSV. Writers
// stream to an std::ostream one object at a time, so an export of millions
// of indicators never holds them all. The caller decides what goes in (TLP
// is the platform's business, not the format's). Not thread-safe: one
// writer per stream.
//
// MakeStixIndicator gives intelligence that did not come as STIX (MISP
// attributes, lists) a STIX indicator object, so that the platform stores
// and serves one form: `[ipv4-addr:value = '198.51.100.7']` style patterns,
// the TLP 2.0 marking-definition id, ATT&CK ids as mitre-attack external
// references. JA3 has no STIX object; it is written as the custom
// `[x-ja3:hash = '...']`, which this importer reads back and others ignore.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/time.h"
#include "model/indicator.h"

namespace sw::intel {

// The STIX pattern that means exactly this value.
std::string StixPatternFor(model::IndicatorType type, std::string_view value);
// The TLP 2.0 marking-definition id of `tlp`.
std::string_view TlpMarkingId(model::Tlp tlp);

// A STIX 2.1 indicator for `ind`, with `id` ("indicator--<uuid>") created
// and modified at `created`.
boost::json::object MakeStixIndicator(const model::Indicator& ind, std::string_view id, Timestamp created);

// {"type":"bundle","id":"bundle--<uuid4>","objects":[...]}.
class StixBundleWriter {
 public:
  explicit StixBundleWriter(std::ostream& out);
  // One object as compact JSON text.
  void Add(std::string_view object_json);
  void Finish();
  size_t count() const { return count_; }

 private:
  std::ostream& out_;
  size_t count_ = 0;
};

// One MISP event ({"Event": {...}}) holding one attribute per indicator,
// with to_ids set and the TLP as an attribute tag; PyMISP and MISP's
// "add event from JSON" read it.
class MispEventWriter {
 public:
  MispEventWriter(std::ostream& out, std::string_view info, std::string_view org, Timestamp now);
  void Add(const model::Indicator& ind);
  void Finish();
  size_t count() const { return count_; }

 private:
  std::ostream& out_;
  size_t count_ = 0;
};

// RFC 4180 CSV: a header line, then
// type,value,confidence,tlp,source,name,valid_until,labels,attack_techniques,stix_id
// (lists joined with ';'). Free-text cells that a spreadsheet would run as a
// formula (starting with = + - @) are prefixed with a quote.
class CsvWriter {
 public:
  explicit CsvWriter(std::ostream& out);
  void Add(const model::Indicator& ind);
  size_t count() const { return count_; }

 private:
  std::ostream& out_;
  size_t count_ = 0;
};

}  // namespace sw::intel
