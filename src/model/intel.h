// SPDX-License-Identifier: Apache-2.0
//
// Intelligence as the platform holds it, and who may read it.
//
// Every piece of intelligence has an owner organization: the center
// ("center"), an enterprise ("enterprise:<tenant id>") or an external partner
// ("partner:<partner id>"), and a TLP 2.0 marking. A reader is an
// organization too (or nobody, for anonymous access). TLP decides, as
// FIRST's TLP 2.0 defines it for the platform's roles:
//
//   CLEAR         anyone, also anonymous readers
//   GREEN         the community: every organization on the platform
//   AMBER         the owner and the owner's clients (the center's clients
//                 are every enterprise; a partner's are the enterprises it
//                 serves; an enterprise has none)
//   AMBER+STRICT  the owner only
//   RED           the owner and the recipients named on the object
//
// The center runs the platform and is the recipient of everything shared
// with it, so it reads everything it holds. CanRead is the rule; the store's
// queries apply the same rule in SQL and are tested against it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/status.h"
#include "core/time.h"
#include "model/indicator.h"
#include "model/tenant.h"

namespace sw::model {

using PartnerId = StrongId<struct PartnerIdTag>;

// An organization outside the platform that exchanges intelligence with the
// center (运营商, 安全厂商), and the enterprises it serves.
struct Partner {
  PartnerId id;
  std::string name;
  std::vector<TenantId> clients;
  Timestamp created_at;
};

// Organization keys.
inline constexpr std::string_view kCenterOrg = "center";
std::string EnterpriseOrg(const TenantId& tenant);
std::string PartnerOrg(const PartnerId& partner);
// "center", "enterprise:<id>" or "partner:<id>" with a plausible id.
bool IsOrgKey(std::string_view key);

struct IntelReader {
  std::string org;  // empty: anonymous
  bool center = false;
  // Owners whose AMBER intelligence this reader gets as their client.
  std::vector<std::string> amber_owners;

  static IntelReader Anonymous() { return {}; }
  static IntelReader Center() { return {std::string(kCenterOrg), true, {}}; }
  // `serving_partners`: the partners that list this enterprise as a client.
  static IntelReader Enterprise(const TenantId& tenant, const std::vector<PartnerId>& serving_partners);
  static IntelReader OfPartner(const PartnerId& partner);
};

bool CanRead(const IntelReader& reader, std::string_view owner, Tlp tlp,
             const std::vector<std::string>& recipients);

// A TAXII 2.1 collection: a named set of STIX objects, and who may read and
// add to it. Readers and writers are organization patterns: "*" (every
// organization on the platform), "center", "enterprise:*", "partner:*" or
// one organization key. The center may always do both. What a reader gets
// from a collection is still limited by TLP.
struct IntelCollection {
  std::string id;  // a UUID, as TAXII wants
  std::string title;
  std::string description;
  std::vector<std::string> readers, writers;
  Timestamp created_at;
};

// The collection every import goes to unless told otherwise.
inline constexpr std::string_view kSharedCollectionId = "4c8f6b2e-1d3a-4e57-9b0c-7a2d5e8f1c36";

// True when `org` (an organization key, or "" for anonymous) is among
// `patterns`.
bool OrgInPatterns(std::string_view org, const std::vector<std::string>& patterns);

// A remote TAXII 2.1 collection the platform polls (a partner's or a
// vendor's feed). What it gives is stored for `owner` with `default_tlp` for
// unmarked objects. `added_after` is the checkpoint: the date_added of the
// last object received, so each poll asks only for what is new.
struct TaxiiRemote {
  std::string id;
  std::string name;
  std::string api_root;  // "https://taxii.example/api1/"
  std::string collection_id;
  // The Authorization header value the remote wants ("Bearer ...", "Basic
  // ..."): kept in the database as given, like any client credential; the
  // data folder is readable by the platform's user only.
  std::string authorization;
  std::string ca_file;  // extra trusted CA for the remote, PEM; "" for the system's
  std::string owner;    // organization key
  Tlp default_tlp = Tlp::kAmber;
  int interval_seconds = 3600;
  std::string added_after;
  int failures = 0;  // consecutive failed polls (backoff)
  std::optional<Timestamp> last_poll_at;
  std::string last_status;  // "12 objects, 3 new indicators" or the error
  Timestamp next_poll_at;
  Timestamp created_at;
};

// One version of a STIX 2.1 object as stored: exactly the JSON that came in
// (or that the platform made for intelligence from MISP and lists), so that
// an export gives back what was imported.
struct IntelObject {
  int64_t seq = 0;       // insertion order: TAXII date_added order and cursor
  std::string collection;  // TAXII collection id
  std::string id;        // "indicator--<uuid>"
  std::string type;      // "indicator"
  std::string version;   // `modified`, else `created`, else "" (SCOs)
  std::string owner;     // organization key
  Tlp tlp = Tlp::kAmber;
  std::vector<std::string> recipients;  // organization keys, for RED
  Timestamp added_at;
  std::string json;  // the object, compact
};

// One source's claim that a value is bad: an indicator as one source gave it.
// The same value from two sources is two records with one (type, value).
struct IndicatorRecord {
  Indicator indicator;
  std::string source_key;  // the STIX id it came from, else "<source>"
  std::string owner;
  std::vector<std::string> recipients;
  Timestamp first_seen, last_seen;  // when the platform first and last received it
  int64_t seq = 0;                  // storage order (a list's cursor)
  // The warning lists (known-benign values) that hold this value, by name.
  // Such a record is kept and shown, and never matched against traffic.
  std::vector<std::string> warnings;
};

}  // namespace sw::model
