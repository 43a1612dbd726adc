// SPDX-License-Identifier: Apache-2.0
//
// Observation: what a scan saw on one port of one host: state, and for open
// ports the service, product, version, extra information, CPEs and banner.
// Its fingerprint is stable across runs for the same facts, so two scans can
// be diffed (a new open port, a changed version). Plain value.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/json.h"
#include "model/enum_names.h"

namespace sw::model {

enum class PortState { kOpen, kClosed, kFiltered };
inline constexpr EnumTable<PortState, 3> kPortStateNames{
    {{PortState::kOpen, "open"}, {PortState::kClosed, "closed"}, {PortState::kFiltered, "filtered"}}};

struct Observation {
  std::string host;      // address, canonical text
  std::string hostname;  // when the target was given by name
  std::string protocol = "tcp";
  uint16_t port = 0;
  PortState state = PortState::kOpen;
  std::string service;  // "http"; from detection, else the port's usual name
  std::string product;
  std::string version;
  std::string extra_info;
  std::vector<std::string> cpes;
  std::string banner;

  // SHA-256 (hex, first 32 characters) of host, protocol, port, state,
  // service, product and version: equal for the same facts in two runs.
  std::string Fingerprint() const;
};

json::object ToJson(const Observation& o);
// Reads what ToJson wrote (the fingerprint is recomputed, not read).
Result<Observation> ObservationFromJson(const json::value& v);

}  // namespace sw::model
