// SPDX-License-Identifier: Apache-2.0
#include "intel/warninglist.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <functional>
#include <optional>
#include <unordered_map>
#include <utility>

#include <arpa/inet.h>

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

#include <boost/json/value.hpp>

#include "core/file.h"
#include "core/json.h"

namespace sw::intel {
namespace {

using model::IndicatorType;

constexpr std::array<std::pair<WarningListType, std::string_view>, 5> kTypeNames{{
    {WarningListType::kString, "string"},
    {WarningListType::kSubstring, "substring"},
    {WarningListType::kHostname, "hostname"},
    {WarningListType::kCidr, "cidr"},
    {WarningListType::kRegex, "regex"},
}};

// Regex matches run under these limits; a value that hits them is treated
// as not matching (a warning list must never hide an indicator by accident).
constexpr uint32_t kRegexMatchLimit = 10000;
constexpr uint32_t kRegexDepthLimit = 1000;

char LowerChar(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerChar(c);
  return out;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// The key of a string or hostname entry, and of a value looked up in them:
// lower case, without surrounding white space or dots (".x.com", "x.com."
// and "X.com" are one key).
std::string Fold(std::string_view s) {
  s = Trim(s);
  while (!s.empty() && s.front() == '.') s.remove_prefix(1);
  while (!s.empty() && s.back() == '.') s.remove_suffix(1);
  return Lower(s);
}

std::string Cut(std::string_view s) {
  std::string out(s.substr(0, 200));
  if (s.size() > 200) out += "...";
  return out;
}

// An address or network. IPv4 and IPv6 are kept apart: ::ffff:1.2.3.4 is
// not 1.2.3.4 here.
struct Network {
  bool v6 = false;
  int len = 0;                      // prefix length
  std::array<uint8_t, 16> bytes{};  // masked to len; IPv4 in the first 4
};

void Mask(Network& n) {
  for (int i = 0; i < 16; ++i) {
    const int keep = std::clamp(n.len - i * 8, 0, 8);
    const auto mask = static_cast<uint8_t>(keep == 0 ? 0 : (0xFF << (8 - keep)) & 0xFF);
    n.bytes[static_cast<size_t>(i)] &= mask;
  }
}

// "a.b.c.d", "a.b.c.d/len", "v6", "v6/len". Host bits of a network are
// cleared (MISP does not reject 10.1.2.3/8 either).
std::optional<Network> ParseNetwork(std::string_view text) {
  text = Trim(text);
  std::string_view addr = text, len_text;
  if (const size_t slash = text.find('/'); slash != std::string_view::npos) {
    addr = text.substr(0, slash);
    len_text = text.substr(slash + 1);
    if (len_text.empty() || len_text.size() > 3) return std::nullopt;
  }
  if (addr.empty() || addr.size() > 45) return std::nullopt;
  char buf[64];
  std::memcpy(buf, addr.data(), addr.size());
  buf[addr.size()] = '\0';
  Network n;
  if (inet_pton(AF_INET, buf, n.bytes.data()) == 1) {
    n.len = 32;
  } else if (inet_pton(AF_INET6, buf, n.bytes.data()) == 1) {
    n.v6 = true;
    n.len = 128;
  } else {
    return std::nullopt;
  }
  if (!len_text.empty()) {
    int len = 0;
    for (char c : len_text) {
      if (c < '0' || c > '9') return std::nullopt;
      len = len * 10 + (c - '0');
    }
    if (len > n.len) return std::nullopt;
    n.len = len;
  }
  Mask(n);
  return n;
}

struct NetKey {
  std::array<uint8_t, 18> b{};  // family, length, 16 address bytes
  bool operator==(const NetKey&) const = default;
};
struct NetKeyHash {
  size_t operator()(const NetKey& k) const {
    return std::hash<std::string_view>{}(
        std::string_view(reinterpret_cast<const char*>(k.b.data()), k.b.size()));
  }
};
NetKey KeyOf(const Network& n) {
  NetKey k;
  k.b[0] = n.v6 ? 6 : 4;
  k.b[1] = static_cast<uint8_t>(n.len);
  std::memcpy(k.b.data() + 2, n.bytes.data(), 16);
  return k;
}

struct PcreDeleter {
  void operator()(pcre2_code* c) const { pcre2_code_free(c); }
};
using PcrePtr = std::unique_ptr<pcre2_code, PcreDeleter>;

// A PHP-style "/pattern/flags" regex, as MISP writes them. The delimiter is
// any character but a letter, digit, backslash or white space; ( [ { < close
// with ) ] } >. Flags: i m s x u, and g (meaningless for a yes/no test, and
// used by MISP's phone_numbers list) is accepted and ignored.
Result<PcrePtr> CompileDelimited(std::string_view entry) {
  if (entry.size() < 2) return InvalidArgument("not a /pattern/flags regex");
  const char open = entry.front();
  if (std::isalnum(static_cast<unsigned char>(open)) || open == '\\' || IsSpace(open)) {
    return InvalidArgument("not a /pattern/flags regex");
  }
  char close = open;
  if (open == '(') close = ')';
  if (open == '[') close = ']';
  if (open == '{') close = '}';
  if (open == '<') close = '>';
  const size_t end = entry.rfind(close);
  if (end == 0 || end == std::string_view::npos) {
    return InvalidArgument("no closing delimiter '" + std::string(1, close) + "'");
  }
  uint32_t options = 0;
  for (char f : entry.substr(end + 1)) {
    switch (f) {
      case 'i':
        options |= PCRE2_CASELESS;
        break;
      case 'm':
        options |= PCRE2_MULTILINE;
        break;
      case 's':
        options |= PCRE2_DOTALL;
        break;
      case 'x':
        options |= PCRE2_EXTENDED;
        break;
      case 'u':
        options |= PCRE2_UTF | PCRE2_UCP;
        break;
      case 'g':
        break;
      default:
        return InvalidArgument("unknown regex flag '" + std::string(1, f) + "'");
    }
  }
  const std::string_view pattern = entry.substr(1, end - 1);
  int code = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* re = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                 options, &code, &offset, nullptr);
  if (re == nullptr) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(code, msg, sizeof msg);
    return InvalidArgument(std::string(reinterpret_cast<const char*>(msg)) + " at offset " +
                           std::to_string(offset));
  }
  return PcrePtr(re);
}

// Why an entry of a list of `type` cannot be used, or "" when it can.
std::string EntryProblem(WarningListType type, std::string_view entry, size_t max_bytes) {
  if (entry.size() > max_bytes) return "longer than " + std::to_string(max_bytes) + " bytes";
  if (Trim(entry).empty()) return "empty";
  if (type == WarningListType::kCidr && !ParseNetwork(entry)) {
    return "not an IPv4 or IPv6 address or network";
  }
  if (type == WarningListType::kRegex) {
    auto re = CompileDelimited(entry);
    if (!re.ok()) return re.status().message();
  }
  return "";
}

Status WithOrigin(std::string_view origin, const Status& s) {
  if (origin.empty()) return s;
  return Status(s.code(), std::string(origin) + ": " + s.message(), s.field());
}

// The indicator types one MISP attribute type stands for, as a bit mask.
constexpr uint32_t Bit(IndicatorType t) { return 1u << static_cast<unsigned>(t); }
constexpr uint32_t kAddressBits =
    Bit(IndicatorType::kIpv4) | Bit(IndicatorType::kIpv6) | Bit(IndicatorType::kCidr);
constexpr uint32_t kAllBits = (1u << 10) - 1;

uint32_t TypeBits(std::string_view a, WarningListType list_type) {
  struct Row {
    std::string_view attribute;
    uint32_t bits;
  };
  static constexpr Row kRows[] = {
      {"ip-src", kAddressBits},
      {"ip-dst", kAddressBits},
      {"ip-src|port", kAddressBits},
      {"ip-dst|port", kAddressBits},
      {"ip", kAddressBits},
      {"domain", Bit(IndicatorType::kDomain)},
      {"hostname", Bit(IndicatorType::kDomain)},
      {"hostname|port", Bit(IndicatorType::kDomain)},
      {"url", Bit(IndicatorType::kUrl)},
      {"email", Bit(IndicatorType::kEmail)},
      {"email-src", Bit(IndicatorType::kEmail)},
      {"email-dst", Bit(IndicatorType::kEmail)},
      {"target-email", Bit(IndicatorType::kEmail)},
      {"whois-registrant-email", Bit(IndicatorType::kEmail)},
      {"dns-soa-email", Bit(IndicatorType::kEmail)},
      {"md5", Bit(IndicatorType::kMd5)},
      {"filename|md5", Bit(IndicatorType::kMd5)},
      {"sha1", Bit(IndicatorType::kSha1)},
      {"filename|sha1", Bit(IndicatorType::kSha1)},
      {"sha256", Bit(IndicatorType::kSha256)},
      {"filename|sha256", Bit(IndicatorType::kSha256)},
      {"ja3-fingerprint-md5", Bit(IndicatorType::kJa3)},
  };
  // domain|ip: the domain half, and the address half for address lists.
  // Every cidr list in MISP's repository names ip-src/ip-dst as well, and
  // the string lists that name domain|ip (top domains) are about domains.
  if (a == "domain|ip") {
    return Bit(IndicatorType::kDomain) | (list_type == WarningListType::kCidr ? kAddressBits : 0);
  }
  for (const Row& r : kRows) {
    if (r.attribute == a) return r.bits;
  }
  return 0;
}

uint32_t AppliesBits(const WarningList& list) {
  if (list.matching_attributes.empty()) return kAllBits;
  uint32_t bits = 0;
  for (const auto& a : list.matching_attributes) bits |= TypeBits(a, list.type);
  return bits;
}

struct SvHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using StringMap = std::unordered_map<std::string, uint32_t, SvHash, std::equal_to<>>;

uint32_t Trigram(std::string_view s, size_t i) {
  return static_cast<uint32_t>(static_cast<uint8_t>(s[i])) << 16 |
         static_cast<uint32_t>(static_cast<uint8_t>(s[i + 1])) << 8 |
         static_cast<uint32_t>(static_cast<uint8_t>(s[i + 2]));
}

// The host of a canonical URL ("scheme://[user@]host[:port]/..."), without
// brackets around an IPv6 address; empty when there is none.
std::string_view UrlHost(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (!rest.empty() && rest.front() == '[') {
    const size_t close = rest.find(']');
    if (close == std::string_view::npos) return {};
    return rest.substr(1, close - 1);
  }
  return rest.substr(0, rest.find(':'));
}

}  // namespace

std::string_view WarningListTypeName(WarningListType t) {
  for (const auto& [v, n] : kTypeNames) {
    if (v == t) return n;
  }
  return "unknown";
}

Result<WarningList> LoadWarningList(std::string_view text, std::string_view origin,
                                    const WarningListLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return WithOrigin(
        origin, ResourceExhausted("larger than " + std::to_string(limits.max_bytes) + " bytes"));
  }
  JsonLimits json_limits;
  json_limits.max_bytes = limits.max_bytes;
  json_limits.max_depth = 8;
  auto doc = ParseJson(text, json_limits);
  if (!doc.ok()) {
    // ParseJson speaks of a request "body"; here it is a file.
    std::string m = doc.status().message();
    if (m.rfind("body: ", 0) == 0) m.erase(0, 6);
    return WithOrigin(origin, InvalidArgument(std::move(m)));
  }
  if (!doc->is_object()) return WithOrigin(origin, InvalidArgument("expected a JSON object"));
  auto reader = ObjectReader::Of(*doc, "");
  if (!reader.ok()) return WithOrigin(origin, reader.status());
  ObjectReader& r = *reader;

  WarningList list;
  list.origin = std::string(origin);
  std::string type;
  for (Status s :
       {r.String("name", list.name, kRequired, 1024),
        r.String("description", list.description, kRequired, 64 * 1024),
        r.Int("version", list.version, kRequired), r.String("type", type, kRequired, 64)}) {
    if (!s.ok()) return WithOrigin(origin, s);
  }
  bool known = false;
  for (const auto& [v, n] : kTypeNames) {
    if (n == type) {
      list.type = v;
      known = true;
    }
  }
  if (!known) {
    return WithOrigin(origin, InvalidArgument("type: unknown list type \"" + Cut(type) +
                                                  "\" (string, substring, hostname, cidr or regex)",
                                              "type"));
  }

  if (const json::value* ma = r.Get("matching_attributes"); ma != nullptr) {
    if (!ma->is_array()) {
      return WithOrigin(origin, InvalidArgument("matching_attributes: expected an array of strings",
                                                "matching_attributes"));
    }
    const auto& arr = ma->get_array();
    if (arr.size() > 1000) {
      return WithOrigin(origin, ResourceExhausted("matching_attributes: more than 1000 items"));
    }
    for (size_t i = 0; i < arr.size(); ++i) {
      const std::string path = IndexPath("matching_attributes", i);
      if (!arr[i].is_string() || arr[i].get_string().size() > 256) {
        return WithOrigin(origin,
                          InvalidArgument(path + ": expected a string of at most 256 bytes", path));
      }
      list.matching_attributes.emplace_back(arr[i].get_string());
    }
  }

  const json::value* items = r.Get("list");
  if (items == nullptr) return WithOrigin(origin, InvalidArgument("list: required", "list"));
  if (!items->is_array()) {
    return WithOrigin(origin, InvalidArgument("list: expected an array of strings", "list"));
  }
  const auto& arr = items->get_array();
  if (arr.size() > limits.max_entries) {
    return WithOrigin(origin, ResourceExhausted("list: more than " +
                                                std::to_string(limits.max_entries) + " entries"));
  }
  list.entries.reserve(arr.size());
  for (size_t i = 0; i < arr.size(); ++i) {
    if (!arr[i].is_string()) {
      const std::string path = IndexPath("list", i);
      return WithOrigin(origin, InvalidArgument(path + ": expected a string", path));
    }
    const std::string_view entry = arr[i].get_string();
    std::string problem = EntryProblem(list.type, entry, limits.max_entry_bytes);
    if (!problem.empty()) {
      list.skipped.push_back({i, Cut(entry), std::move(problem)});
      continue;
    }
    list.entries.emplace_back(entry);
  }
  return list;
}

size_t WarningListsLoad::EntryCount() const {
  size_t n = 0;
  for (const auto& l : lists) n += l.entries.size();
  return n;
}

Result<WarningListsLoad> LoadWarningLists(const std::string& dir, const WarningListLimits& limits) {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(dir) / "lists";
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    return NotFound("warning lists: " + root.string() + " is not a folder");
  }
  std::vector<fs::path> folders;
  for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_directory(ec)) folders.push_back(it->path());
  }
  if (ec) return Unavailable("warning lists: " + root.string() + ": " + ec.message());
  std::sort(folders.begin(), folders.end(),
            [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });

  WarningListsLoad out;
  for (const auto& folder : folders) {
    const fs::path file = folder / "list.json";
    if (!fs::exists(file, ec)) continue;
    auto text = ReadFileToString(file.string(), limits.max_bytes);
    if (!text.ok()) {
      out.failures.push_back({file.string(), text.status()});
      continue;
    }
    auto list = LoadWarningList(*text, folder.filename().string(), limits);
    if (!list.ok()) {
      out.failures.push_back({file.string(), list.status()});
      continue;
    }
    out.lists.push_back(std::move(*list));
  }
  return out;
}

bool WarningListApplies(const WarningList& list, model::IndicatorType type) {
  return (AppliesBits(list) & Bit(type)) != 0;
}

// The compiled lookup structures. Each key (a folded string, a host name, a
// network) maps to a set of list indices; equal sets are stored once.
struct WarningListSet::Index {
  std::vector<std::vector<uint16_t>> sets{{}};  // sets[0] is the empty set
  std::unordered_map<uint64_t, uint32_t> next;  // (set, list) -> set + list, while building
  StringMap strings;                            // string lists
  StringMap hosts;                              // hostname lists
  std::unordered_map<NetKey, uint32_t, NetKeyHash> networks;  // cidr lists
  std::vector<int> v4_lengths, v6_lengths;                    // prefix lengths in use, ascending
  struct Substrings {
    uint16_t list = 0;
    std::vector<std::string> entries;                                // lower case
    std::unordered_map<uint32_t, std::vector<uint32_t>> by_trigram;  // first 3 bytes
    std::vector<uint32_t> short_entries;                             // under 3 bytes
  };
  std::vector<Substrings> substrings;
  struct Regexes {
    uint16_t list = 0;
    std::vector<PcrePtr> entries;
  };
  std::vector<Regexes> regexes;
  std::vector<uint32_t> applies;  // per list: IndicatorType bits
  pcre2_match_context* match_context = nullptr;

  ~Index() { pcre2_match_context_free(match_context); }

  // Lists are added in ascending order, so a set grows by appending.
  uint32_t Add(uint32_t set, uint16_t list) {
    if (!sets[set].empty() && sets[set].back() == list) return set;
    const uint64_t key = uint64_t{set} << 16 | list;
    auto [it, inserted] = next.try_emplace(key, static_cast<uint32_t>(sets.size()));
    if (inserted) {
      std::vector<uint16_t> grown = sets[set];
      grown.push_back(list);
      sets.push_back(std::move(grown));
    }
    return it->second;
  }

  bool Applies(uint16_t list, IndicatorType as) const { return (applies[list] & Bit(as)) != 0; }

  void Collect(uint32_t set, IndicatorType as, std::vector<uint16_t>& hits) const {
    for (uint16_t l : sets[set]) {
      if (Applies(l, as)) hits.push_back(l);
    }
  }

  void CheckString(std::string_view value, IndicatorType as, std::vector<uint16_t>& hits) const {
    if (auto it = strings.find(Fold(value)); it != strings.end()) Collect(it->second, as, hits);
  }

  // The host itself, then each parent domain ("a.b.c", "b.c", "c").
  void CheckHost(std::string_view host, bool parents, IndicatorType as,
                 std::vector<uint16_t>& hits) const {
    const std::string h = Fold(host);
    std::string_view rest = h;
    while (!rest.empty()) {
      if (auto it = hosts.find(rest); it != hosts.end()) Collect(it->second, as, hits);
      if (!parents) break;
      const size_t dot = rest.find('.');
      if (dot == std::string_view::npos) break;
      rest.remove_prefix(dot + 1);
    }
  }

  // Listed networks containing `n`: one lookup per prefix length in use up
  // to n's own.
  void CheckNetwork(Network n, IndicatorType as, std::vector<uint16_t>& hits) const {
    const Network original = n;
    for (int len : n.v6 ? v6_lengths : v4_lengths) {
      if (len > original.len) break;
      n = original;
      n.len = len;
      Mask(n);
      if (auto it = networks.find(KeyOf(n)); it != networks.end()) Collect(it->second, as, hits);
    }
  }

  void CheckSubstrings(std::string_view value, IndicatorType as,
                       std::vector<uint16_t>& hits) const {
    if (substrings.empty()) return;
    const std::string v = Lower(value);
    for (const auto& s : substrings) {
      if (!Applies(s.list, as)) continue;
      bool hit = false;
      for (uint32_t e : s.short_entries) {
        if (v.find(s.entries[e]) != std::string::npos) hit = true;
      }
      for (size_t i = 0; !hit && i + 3 <= v.size(); ++i) {
        auto it = s.by_trigram.find(Trigram(v, i));
        if (it == s.by_trigram.end()) continue;
        for (uint32_t e : it->second) {
          if (v.compare(i, s.entries[e].size(), s.entries[e]) == 0) {
            hit = true;
            break;
          }
        }
      }
      if (hit) hits.push_back(s.list);
    }
  }

  void CheckRegexes(std::string_view value, IndicatorType as, std::vector<uint16_t>& hits) const {
    pcre2_match_data* md = nullptr;
    for (const auto& r : regexes) {
      if (!Applies(r.list, as)) continue;
      if (md == nullptr) md = pcre2_match_data_create(1, nullptr);
      if (md == nullptr) return;
      for (const auto& re : r.entries) {
        const int rc = pcre2_match(re.get(), reinterpret_cast<PCRE2_SPTR>(value.data()),
                                   value.size(), 0, 0, md, match_context);
        if (rc >= 0) {  // errors, limits included, count as no match
          hits.push_back(r.list);
          break;
        }
      }
    }
    pcre2_match_data_free(md);
  }
};

WarningListSet::WarningListSet(std::vector<WarningList> lists)
    : lists_(std::move(lists)), index_(std::make_unique<Index>()) {}
WarningListSet::~WarningListSet() = default;

Result<std::shared_ptr<const WarningListSet>> WarningListSet::Build(
    std::vector<WarningList> lists) {
  if (lists.size() > 65535) return ResourceExhausted("warning lists: more than 65535 lists");
  std::shared_ptr<WarningListSet> set(new WarningListSet(std::move(lists)));
  Index& x = *set->index_;
  x.match_context = pcre2_match_context_create(nullptr);
  if (x.match_context == nullptr) return Internal("warning lists: out of memory");
  pcre2_set_match_limit(x.match_context, kRegexMatchLimit);
  pcre2_set_depth_limit(x.match_context, kRegexDepthLimit);
  bool v4_used[33] = {}, v6_used[129] = {};

  for (size_t i = 0; i < set->lists_.size(); ++i) {
    const WarningList& l = set->lists_[i];
    const auto id = static_cast<uint16_t>(i);
    x.applies.push_back(AppliesBits(l));
    auto bad = [&](size_t e, std::string_view why) {
      return InvalidArgument("warning list \"" + Cut(l.name) + "\": entry " + std::to_string(e) +
                             " '" + Cut(l.entries[e]) + "': " + std::string(why));
    };
    switch (l.type) {
      case WarningListType::kString:
      case WarningListType::kHostname: {
        StringMap& map = l.type == WarningListType::kString ? x.strings : x.hosts;
        for (const auto& e : l.entries) {
          std::string key = Fold(e);
          if (key.empty()) continue;
          uint32_t& s = map[std::move(key)];
          s = x.Add(s, id);
        }
        break;
      }
      case WarningListType::kCidr:
        for (size_t e = 0; e < l.entries.size(); ++e) {
          const auto n = ParseNetwork(l.entries[e]);
          if (!n) return bad(e, "not an IPv4 or IPv6 address or network");
          (n->v6 ? v6_used : v4_used)[n->len] = true;
          uint32_t& s = x.networks[KeyOf(*n)];
          s = x.Add(s, id);
        }
        break;
      case WarningListType::kSubstring: {
        Index::Substrings sub;
        sub.list = id;
        for (const auto& e : l.entries) {
          if (e.empty()) continue;
          const auto n = static_cast<uint32_t>(sub.entries.size());
          sub.entries.push_back(Lower(e));
          if (e.size() < 3) {
            sub.short_entries.push_back(n);
          } else {
            sub.by_trigram[Trigram(sub.entries.back(), 0)].push_back(n);
          }
        }
        x.substrings.push_back(std::move(sub));
        break;
      }
      case WarningListType::kRegex: {
        Index::Regexes rx;
        rx.list = id;
        for (size_t e = 0; e < l.entries.size(); ++e) {
          auto re = CompileDelimited(l.entries[e]);
          if (!re.ok()) return bad(e, re.status().message());
          rx.entries.push_back(std::move(*re));
        }
        x.regexes.push_back(std::move(rx));
        break;
      }
    }
  }
  for (int len = 0; len <= 32; ++len) {
    if (v4_used[len]) x.v4_lengths.push_back(len);
  }
  for (int len = 0; len <= 128; ++len) {
    if (v6_used[len]) x.v6_lengths.push_back(len);
  }
  x.next.clear();
  return std::shared_ptr<const WarningListSet>(std::move(set));
}

size_t WarningListSet::entry_count() const {
  size_t n = 0;
  for (const auto& l : lists_) n += l.entries.size();
  return n;
}

std::vector<const WarningList*> WarningListSet::Check(model::IndicatorType type,
                                                      std::string_view value) const {
  const Index& x = *index_;
  std::vector<uint16_t> hits;
  // The whole value against string, substring and regex lists.
  x.CheckString(value, type, hits);
  x.CheckSubstrings(value, type, hits);
  x.CheckRegexes(value, type, hits);
  switch (type) {
    case IndicatorType::kIpv4:
    case IndicatorType::kIpv6:
    case IndicatorType::kCidr:
      if (const auto n = ParseNetwork(value)) x.CheckNetwork(*n, type, hits);
      x.CheckHost(value, /*parents=*/false, type, hits);
      break;
    case IndicatorType::kDomain:
      x.CheckHost(value, /*parents=*/true, type, hits);
      break;
    case IndicatorType::kUrl:
      // The host, against the lists that name "url" (MISP's hostname check
      // takes the host out of a URL; string and cidr lists get the same).
      if (const std::string_view host = UrlHost(value); !host.empty()) {
        if (const auto n = ParseNetwork(host)) {
          x.CheckNetwork(*n, type, hits);
          x.CheckHost(host, /*parents=*/false, type, hits);
        } else {
          x.CheckHost(host, /*parents=*/true, type, hits);
        }
        x.CheckString(host, type, hits);
      }
      break;
    case IndicatorType::kEmail:
      if (const size_t at = value.rfind('@'); at != std::string_view::npos) {
        x.CheckHost(value.substr(at + 1), /*parents=*/true, type, hits);
      }
      break;
    case IndicatorType::kMd5:
    case IndicatorType::kSha1:
    case IndicatorType::kSha256:
    case IndicatorType::kJa3:
      x.CheckHost(value, /*parents=*/false, type, hits);
      break;
  }
  std::sort(hits.begin(), hits.end());
  hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
  std::vector<const WarningList*> out;
  out.reserve(hits.size());
  for (uint16_t h : hits) out.push_back(&lists_[h]);
  return out;
}

}  // namespace sw::intel
