// SPDX-License-Identifier: Apache-2.0
//
// Nmap's service probe database (`nmap-service-probes`), read at run time
// from Debian's nmap-common package and never shipped with Shouwang. The
// whole file format is understood: Exclude, Probe (with q|...| payloads and
// no-payload), match and softmatch (m<d>regex<d>[is] plus the version fields
// p/ v/ i/ h/ o/ d/ and cpe:/.../a with any delimiter), ports, sslports,
// rarity, fallback, totalwaitms, tcpwrappedms. Regexes are compiled with
// PCRE2 (bytes, not UTF-8; flags i and s as Nmap uses them) and matched with
// match and depth limits, so a hostile banner cannot make a match run away.
// A rule whose regex does not compile is kept out and listed with the reason.
// Immutable after Load; matching is thread-safe (per-call match data).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sw::scan {

inline constexpr std::string_view kDefaultProbesFile = "/usr/share/nmap/nmap-service-probes";

// The version fields of a match line, with $1..$9, $P(), $SUBST() and $I()
// still to be substituted.
struct VersionTemplate {
  std::string product;     // p/
  std::string version;     // v/
  std::string info;        // i/
  std::string hostname;    // h/
  std::string os;          // o/
  std::string device_type;  // d/
  std::vector<std::string> cpes;  // cpe:/.../
};

struct CompiledRegex;  // PCRE2 code, private to the .cc

struct MatchRule {
  std::string service;
  bool soft = false;
  std::string pattern;
  bool caseless = false;  // flag i
  bool dotall = false;    // flag s
  VersionTemplate version;
  int line = 0;
  std::shared_ptr<const CompiledRegex> regex;
};

struct Probe {
  std::string protocol;  // "TCP" or "UDP"
  std::string name;      // "NULL", "GetRequest", ...
  std::string payload;   // decoded bytes
  bool no_payload = false;
  std::vector<uint16_t> ports;
  std::vector<uint16_t> ssl_ports;
  int rarity = 5;
  int total_wait_ms = 5000;
  int tcpwrapped_ms = 2000;
  std::vector<std::string> fallbacks;
  std::vector<MatchRule> rules;  // matches and softmatches in file order
  int line = 0;
};

// What one response revealed, with the version template filled in.
struct ServiceMatch {
  std::string service;
  bool soft = false;
  std::string product, version, info, hostname, os, device_type;
  std::vector<std::string> cpes;
  int line = 0;  // of the rule in the probe file
};

struct ProbeFileReport {
  size_t probes = 0;
  size_t matches = 0;      // match lines
  size_t softmatches = 0;  // softmatch lines
  size_t compiled = 0;     // rules whose regex compiled
  std::vector<std::string> failures;  // "line N: service: reason"
};

class ServiceProbes {
 public:
  // Errors (a line the format does not allow) name the file and line.
  static Result<ServiceProbes> Load(const std::string& path);
  static Result<ServiceProbes> Parse(std::string_view text, std::string_view origin);

  const std::vector<Probe>& probes() const { return probes_; }
  const Probe* Find(std::string_view protocol, std::string_view name) const;
  const std::vector<uint16_t>& excluded_tcp_ports() const { return exclude_tcp_; }
  const ProbeFileReport& report() const { return report_; }

 private:
  std::vector<Probe> probes_;
  std::vector<uint16_t> exclude_tcp_;
  ProbeFileReport report_;
};

// Tries `rule` on a response; fills the version template on a match.
// Bounded: PCRE2 match limit 100,000 and depth limit 10,000; a limit hit
// counts as no match.
std::optional<ServiceMatch> MatchResponse(const MatchRule& rule, std::string_view response);

// Decodes a probe string's escapes (\0 \a \b \f \n \r \t \v \\ \xHH).
Result<std::string> UnescapeProbeString(std::string_view s);

}  // namespace sw::scan
