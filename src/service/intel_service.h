// SPDX-License-Identifier: Apache-2.0
//
// IntelService: threat intelligence in and out of the platform (威胁情报共享).
//
// Import takes a STIX 2.1 bundle, a MISP event, a MISP feed folder or a
// plain/CSV list and stores it for one owner organization in one
// transaction: STIX objects as they came (every version once), and one
// indicator record per (value, source). Intelligence that is not STIX gets a
// STIX indicator made for it (deterministic id: the same value from the same
// source is the same object), so every read path serves one form. Bad
// objects are reported by index and reason and never stored; the good ones
// of the same file are.
//
// Every read is for a reader organization and applies TLP
// (model/intel.h): a center user reads as the center, an enterprise user as
// its enterprise (with the AMBER of the partners that serve it), an export
// for an audience as that audience. Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "intel/warninglist.h"
#include "model/intel.h"
#include "service/context.h"
#include "service/principal.h"
#include "service/user_service.h"
#include "store/store.h"

namespace sw::service {

struct IntelImportOptions {
  // The owner: the importer's own organization by default; center users may
  // import for an enterprise or a partner (a feed they received).
  std::optional<model::TenantId> tenant;
  std::optional<model::PartnerId> partner;
  // The marking of intelligence that comes without one.
  model::Tlp default_tlp = model::Tlp::kAmber;
  std::vector<std::string> recipients;  // organization keys, for RED
  std::string origin;                   // file name, for the report and as the source of lists
  std::string collection;               // TAXII collection; "" for the shared one
};

enum class IntelFormat { kStix, kMispEvent, kMispFeed, kList };
std::string_view IntelFormatName(IntelFormat f);  // "STIX 2.1 bundle", ...

struct IntelImportReport {
  std::string origin;
  IntelFormat format = IntelFormat::kList;
  std::string owner;
  size_t items = 0;              // objects, attributes or lines read
  size_t objects_stored = 0;     // STIX object versions new to the platform
  size_t objects_known = 0;      // versions it already had
  size_t indicators_new = 0;     // values no source had before
  size_t indicators_merged = 0;  // values known from another source, or this one again
  size_t rejected = 0;
  size_t not_matchable = 0;
  size_t skipped = 0;               // e.g. MISP attributes not for IDS, revoked objects
  size_t warned = 0;                // values on a warning list: kept, never matched
  std::vector<std::string> issues;  // "#12 indicator--...: reason", "line 7: reason"
  // STIX imports: every object in order, stored (ok) or not, with why.
  struct ObjectOutcome {
    std::string id, version, message;
    bool ok = false;
  };
  std::vector<ObjectOutcome> outcomes;
};

// Human-readable, several lines: the counts, then every issue.
std::string FormatImportReport(const IntelImportReport& r);

enum class IntelExportFormat { kStix, kMisp, kCsv };

// One indicator record that matches a value checked with Match.
struct IntelMatch {
  std::string input;                            // as given
  std::string checked;                          // "ipv4 198.51.100.7", or the reason it could not be
  std::vector<model::IndicatorRecord> matches;  // every visible source, most specific value first
};

// A TAXII collection as one caller sees it.
struct TaxiiCollectionView {
  model::IntelCollection collection;
  bool can_read = false;
  bool can_write = false;
};

// The partner a principal acts for: intel_exchange tokens made for a partner
// carry the scope "partner:<id>".
std::optional<model::PartnerId> PartnerOf(const Principal& who);

class IntelService {
 public:
  explicit IntelService(ServiceContext& ctx) : ctx_(ctx) {}

  // The warning lists of ctx.intel.warninglists_dir, loaded on first use
  // (null when none are configured). A folder that cannot be read is an
  // error, reported again on every call until it can.
  Result<std::shared_ptr<const intel::WarningListSet>> WarningLists();

  // `text` is a STIX bundle (or object, or array of objects), a MISP event,
  // or a list (one value or "type,value" per line).
  Result<IntelImportReport> Import(const Principal& who, std::string_view text, const IntelImportOptions& options);
  // STIX objects (a TAXII envelope's, a remote collection's page).
  Result<IntelImportReport> ImportObjects(const Principal& who, const json::array& objects,
                                          const IntelImportOptions& options);
  // A MISP feed folder: manifest.json and <uuid>.json per event.
  Result<IntelImportReport> ImportMispFeed(const Principal& who, const std::string& dir,
                                           const IntelImportOptions& options);

  // What the principal's organization may see, newest first (q.reader is
  // set here).
  Result<model::Page<model::IndicatorRecord>> ListIndicators(const Principal& who, store::IndicatorQuery q);

  // The reader a principal reads as.
  Result<model::IntelReader> ReaderFor(const Principal& who);
  // An export audience: "center", "anonymous", "enterprise:<tenant id>" or
  // "partner:<partner id>" (which must exist). Center roles only.
  Result<model::IntelReader> AudienceReader(const Principal& who, std::string_view audience);

  // STIX: every visible object version, newest versions only, in storage
  // order. MISP and CSV: every visible value once (its most confident
  // visible source), leaving out expired ones and those on a warning list:
  // these exports are what sensors and partners match traffic against.
  Status Export(const Principal& who, const model::IntelReader& reader, IntelExportFormat format, std::ostream& out);

  // For each value: the indicators it matches as the sensor would (an
  // address: itself and the networks holding it; a host: itself and its
  // parent domains; a URL: itself and its host; an e-mail: itself and its
  // domain; a hash: itself).
  Result<std::vector<IntelMatch>> Match(const Principal& who, const model::IntelReader& reader,
                                        const std::vector<std::string>& values);

  // TAXII. The collections the caller may read or write; others are
  // invisible (NotFound).
  Result<std::vector<TaxiiCollectionView>> Collections(const Principal& who);
  Result<TaxiiCollectionView> Collection(const Principal& who, const std::string& id);
  // Objects of a readable collection as TLP lets the caller's organization
  // see them (q.reader and q.collection are set here); up to q.limit + 1.
  Result<std::vector<model::IntelObject>> CollectionObjects(const Principal& who, const std::string& collection,
                                                           store::IntelObjectQuery q);
  // TAXII POST: stores the envelope's objects in a writable collection as the
  // caller's organization; returns (and keeps) the TAXII status resource.
  Result<json::object> AddObjects(const Principal& who, const std::string& collection, const json::array& objects);
  // A status resource the caller's organization posted (the center sees all).
  // (Named TaxiiStatus, not Status: that name is the error type.)
  Result<json::object> TaxiiStatus(const Principal& who, const std::string& status_id);

  // An intel_exchange API token that acts for `partner` (center admins).
  Result<CreatedToken> CreatePartnerToken(const Principal& who, const model::PartnerId& partner, const std::string& name);

  // Remote TAXII collections the platform polls (center admins add them;
  // center roles list them, without their credentials).
  struct RemoteInput {
    std::string name, api_root, collection_id, authorization, ca_file;
    std::optional<model::PartnerId> partner;  // owner of what it gives; else the center
    model::Tlp default_tlp = model::Tlp::kAmber;
    int interval_seconds = 3600;
  };
  Result<model::TaxiiRemote> AddRemote(const Principal& who, const RemoteInput& in);
  Result<std::vector<model::TaxiiRemote>> ListRemotes(const Principal& who);

  Result<model::Partner> AddPartner(const Principal& who, const std::string& name,
                                    const std::vector<model::TenantId>& clients);
  Result<std::vector<model::Partner>> ListPartners(const Principal& who);

 private:
  Result<std::string> OwnerFor(const Principal& who, const IntelImportOptions& options);
  Result<IntelImportReport> ImportAs(const Principal& who, std::string_view text, IntelFormat format,
                                     const IntelImportOptions& options);
  ServiceContext& ctx_;
  std::mutex warninglists_mu_;
  std::shared_ptr<const intel::WarningListSet> warninglists_;  // guarded by warninglists_mu_
};

}  // namespace sw::service
