// SPDX-License-Identifier: Apache-2.0
//
// Identifiers. Objects get time-ordered random ids (ULIDs: 48-bit millisecond
// time + 80 random bits, Crockford base32, 26 characters), so that sorting by id
// is sorting by creation and a list can page with "the last id seen" as its
// cursor. Ids that cross modules are strong types (TenantId, AssetId, ...) so
// that one cannot be passed where another is meant. Thread-safe.
#pragma once

#include <compare>
#include <string>
#include <string_view>
#include <utility>

#include "core/time.h"

namespace sw {

// A new ULID for time `now`.
std::string NewUlid(Timestamp now);

// True if `text` could be an id we issued: 1..64 characters of [0-9A-Za-z_-].
// Used to reject garbage in paths and cursors before it reaches storage.
bool IsPlausibleId(std::string_view text);

// RFC 9562 UUIDs in their lower-case text form, for identifiers defined by
// other standards (STIX object ids, MISP uuids): version 4 (random) and
// version 5 (SHA-1 of a namespace UUID and a name, the same for the same
// input; STIX uses it for deterministic ids). Uuid5 requires a valid
// `namespace_uuid` text.
std::string NewUuid4();
std::string Uuid5(std::string_view namespace_uuid, std::string_view name);
// True for 8-4-4-4-12 hex digits (any version, any case).
bool IsUuid(std::string_view text);

template <typename Tag>
class StrongId {
 public:
  StrongId() = default;
  explicit StrongId(std::string value) : value_(std::move(value)) {}
  const std::string& str() const { return value_; }
  bool empty() const { return value_.empty(); }
  auto operator<=>(const StrongId&) const = default;

 private:
  std::string value_;
};

}  // namespace sw
