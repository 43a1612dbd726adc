// SPDX-License-Identifier: Apache-2.0
//
// MISP warning lists: lists of known-benign values (public DNS resolvers,
// cloud and CDN ranges, top domains, RFC special ranges, hashes of empty
// files, ...) that mark an indicator as a probable false positive. The
// platform flags an indicator that hits a list when it is imported and does
// not alert on it. The format is MISP's list.json (name, description,
// version, type, matching_attributes, list); see
// https://github.com/MISP/misp-warninglists.
//
// LoadWarningList parses one list.json, LoadWarningLists a folder of them;
// WarningListSet::Build compiles lists into an immutable index that answers
// "which lists hold this value?" with hash lookups (strings, host names and
// each parent domain), one hash lookup per prefix length in use (networks),
// a trigram index (substrings) and PCRE2 with match limits (regexes).
//
// Matching, per list type (as MISP does; src/intel/README.md, "Warning
// lists", has the full table):
//   string     the value equals an entry, ASCII case-insensitively; a
//              leading or trailing "." of an entry is ignored
//   hostname   the host is an entry or a sub-domain of one (".x.com" and
//              "x.com" are the same entry)
//   substring  an entry occurs in the value, ASCII case-insensitively
//   cidr       the address, or the whole network of a cidr indicator, is
//              inside one listed network (IPv4 and IPv6; a bare address is
//              a /32 or /128)
//   regex      a "/pattern/flags" entry matches somewhere in the value
// A list applies only to the indicator types its matching_attributes name
// (WarningListApplies); a list without matching_attributes applies to all.
// A URL indicator is also checked by its host against the hostname, string
// and cidr lists that name "url"; an e-mail by its domain against the
// hostname lists that name an e-mail type.
//
// The loading functions are pure (LoadWarningLists reads files) and
// thread-safe. A built WarningListSet is immutable: Check may be called from
// any number of threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/indicator.h"

namespace sw::intel {

enum class WarningListType { kString, kSubstring, kHostname, kCidr, kRegex };
// "string", "substring", "hostname", "cidr", "regex".
std::string_view WarningListTypeName(WarningListType t);

// An entry that was left out of a list because it cannot be used (a cidr
// entry that is not an address or network, a regex that does not compile,
// an empty string). The rest of the list still loads.
struct WarningListEntryIssue {
  size_t index = 0;   // in the file's "list" array
  std::string entry;  // cut at 200 bytes
  std::string reason;
};

struct WarningList {
  std::string origin;  // what the caller called it: the folder name for LoadWarningLists
  std::string name;
  std::string description;
  int64_t version = 0;
  WarningListType type = WarningListType::kString;
  std::vector<std::string> matching_attributes;  // MISP attribute types, as given
  std::vector<std::string> entries;              // the usable entries, in file order
  std::vector<WarningListEntryIssue> skipped;    // the entries left out, with why
};

struct WarningListLimits {
  size_t max_bytes = size_t{64} << 20;  // per list.json
  size_t max_entries = 2'000'000;       // per list
  size_t max_entry_bytes = 4096;
};

// Parses one list.json. InvalidArgument "<origin>: <field>: <why>" when the
// text is not JSON, not an object, or a required field (name, description,
// version, type, list) is missing or of the wrong type; when type is not
// one of the five; when a list item is not a string; ResourceExhausted when
// a limit is passed. Unusable entries are skipped and listed in `skipped`
// (see WarningListEntryIssue), never fatal. Fields the format does not
// define are ignored, as MISP does.
Result<WarningList> LoadWarningList(std::string_view text, std::string_view origin,
                                    const WarningListLimits& limits = {});

struct WarningListFileError {
  std::string path;
  Status status;
};

struct WarningListsLoad {
  std::vector<WarningList> lists;  // sorted by folder name; origin = folder name
  std::vector<WarningListFileError> failures;
  size_t EntryCount() const;  // usable entries over all lists
};

// Loads `dir`/lists/*/list.json. NotFound when `dir`/lists is not a folder.
// A file that cannot be read or parsed is listed in `failures`; the other
// lists still load. A folder without list.json is ignored.
Result<WarningListsLoad> LoadWarningLists(const std::string& dir,
                                          const WarningListLimits& limits = {});

// Whether `list` applies to indicators of `type`, from its
// matching_attributes: ip-src, ip-dst, ip-src|port, ip-dst|port, ip → ipv4,
// ipv6, cidr; domain, hostname, hostname|port → domain; domain|ip → domain,
// and the address types too when the list is a cidr list; url → url; email,
// email-src, email-dst, target-email, whois-registrant-email, dns-soa-email
// → email; md5, filename|md5 → md5; sha1, filename|sha1 → sha1; sha256,
// filename|sha256 → sha256; ja3-fingerprint-md5 → ja3. Other MISP types
// (uri, sha512, x509-fingerprint-*, phone-number, ...) have no indicator
// type and add nothing. No matching_attributes at all: every type.
bool WarningListApplies(const WarningList& list, model::IndicatorType type);

class WarningListSet {
 public:
  // Compiles `lists` (their order is kept: Check answers in it).
  // InvalidArgument naming the list and entry when an entry cannot be
  // compiled (only possible for lists not made by LoadWarningList);
  // ResourceExhausted over 65,535 lists.
  static Result<std::shared_ptr<const WarningListSet>> Build(std::vector<WarningList> lists);

  WarningListSet(const WarningListSet&) = delete;
  WarningListSet& operator=(const WarningListSet&) = delete;
  ~WarningListSet();

  // The lists that hold `value`, an indicator of `type` in canonical form
  // (intel/normalize.h), in list order; empty when none does. The pointers
  // stay valid while this set lives. Thread-safe.
  std::vector<const WarningList*> Check(model::IndicatorType type,
                                        std::string_view normalized_value) const;

  const std::vector<WarningList>& lists() const { return lists_; }
  size_t entry_count() const;

 private:
  struct Index;
  explicit WarningListSet(std::vector<WarningList> lists);

  std::vector<WarningList> lists_;
  std::unique_ptr<Index> index_;
};

}  // namespace sw::intel
