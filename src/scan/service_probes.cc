// SPDX-License-Identifier: Apache-2.0
#define PCRE2_CODE_UNIT_WIDTH 8
#include "scan/service_probes.h"

#include <pcre2.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/file.h"

#include "scan/port_spec.h"

namespace sw::scan {

struct CompiledRegex {
  explicit CompiledRegex(pcre2_code* c) : code(c) {}
  ~CompiledRegex() { pcre2_code_free(code); }
  CompiledRegex(const CompiledRegex&) = delete;
  CompiledRegex& operator=(const CompiledRegex&) = delete;
  pcre2_code* code;
};

namespace {

constexpr uint32_t kMatchLimit = 100000;
constexpr uint32_t kDepthLimit = 10000;

class LineError {
 public:
  LineError(std::string_view origin, int line) : origin_(origin), line_(line) {}
  Status operator()(std::string_view why) const {
    return InvalidArgument(std::string(origin_) + ":" + std::to_string(line_) + ": " + std::string(why));
  }

 private:
  std::string_view origin_;
  int line_;
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Splits "word rest" at the first space or tab.
std::pair<std::string_view, std::string_view> Word(std::string_view s) {
  s = Trim(s);
  const size_t sp = s.find_first_of(" \t");
  if (sp == std::string_view::npos) return {s, {}};
  return {s.substr(0, sp), Trim(s.substr(sp + 1))};
}

// Reads "<d>value<d>" at `s` (s[0] is the delimiter); advances `s` past it.
bool Delimited(std::string_view& s, std::string& out) {
  if (s.size() < 2) return false;
  const char d = s[0];
  const size_t end = s.find(d, 1);
  if (end == std::string_view::npos) return false;
  out.assign(s.substr(1, end - 1));
  s.remove_prefix(end + 1);
  return true;
}

Status ParseVersionInfo(std::string_view s, VersionTemplate& v, const LineError& err) {
  while (true) {
    s = Trim(s);
    if (s.empty()) return {};
    std::string value;
    if (s.substr(0, 4) == "cpe:") {
      s.remove_prefix(4);
      if (!Delimited(s, value)) return err("unterminated cpe: field");
      if (!s.empty() && s.front() == 'a') s.remove_prefix(1);  // "applies to the whole match" flag
      v.cpes.push_back("cpe:/" + value);
      continue;
    }
    const char field = s[0];
    s.remove_prefix(1);
    if (!Delimited(s, value)) return err(std::string("unterminated ") + field + " field");
    switch (field) {
      case 'p': v.product = value; break;
      case 'v': v.version = value; break;
      case 'i': v.info = value; break;
      case 'h': v.hostname = value; break;
      case 'o': v.os = value; break;
      case 'd': v.device_type = value; break;
      default: return err(std::string("unknown version field '") + field + "'");
    }
  }
}

Result<int> Number(std::string_view s, int max, const LineError& err) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < 0 || v > max) return err("expected a number");
  return v;
}

}  // namespace

Result<std::string> UnescapeProbeString(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out.push_back(s[i]);
      continue;
    }
    if (++i >= s.size()) return InvalidArgument("probe string ends in a backslash");
    switch (s[i]) {
      case '0': out.push_back('\0'); break;
      case 'a': out.push_back('\a'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'v': out.push_back('\v'); break;
      case 'x': {
        if (i + 2 >= s.size()) return InvalidArgument("short \\x escape");
        unsigned v = 0;
        auto [end, ec] = std::from_chars(s.data() + i + 1, s.data() + i + 3, v, 16);
        if (ec != std::errc() || end != s.data() + i + 3) return InvalidArgument("bad \\x escape");
        out.push_back(static_cast<char>(v));
        i += 2;
        break;
      }
      default: out.push_back(s[i]); break;  // \\ and any other escaped character
    }
  }
  return out;
}

Result<ServiceProbes> ServiceProbes::Load(const std::string& path) {
  auto text = ReadFileToString(path);
  if (!text.ok()) {
    return Unavailable(text.status().message() +
                       ": Nmap's probe database (install the Debian package nmap-common, or pass its path)");
  }
  return Parse(*text, path);
}

Result<ServiceProbes> ServiceProbes::Parse(std::string_view text, std::string_view origin) {
  ServiceProbes db;
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view raw = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    const std::string_view line = Trim(raw);
    if (line.empty() || line.front() == '#') continue;
    const LineError err(origin, line_no);
    auto [directive, rest] = Word(line);

    if (directive == "Exclude") {
      // "Exclude T:9100-9107" (TCP ports only matter to us).
      std::string spec;
      for (char c : rest) {
        if (c != ' ') spec.push_back(c);
      }
      std::string tcp;
      size_t i = 0;
      while (i < spec.size()) {
        size_t comma = spec.find(',', i);
        if (comma == std::string::npos) comma = spec.size();
        std::string item = spec.substr(i, comma - i);
        i = comma + 1;
        if (item.rfind("U:", 0) == 0) continue;
        if (item.rfind("T:", 0) == 0) item = item.substr(2);
        if (!tcp.empty()) tcp += ",";
        tcp += item;
      }
      if (!tcp.empty()) {
        auto ports = ParsePortSpec(tcp);
        if (!ports.ok()) return err(ports.status().message());
        db.exclude_tcp_ = std::move(*ports);
      }
      continue;
    }
    if (directive == "Probe") {
      Probe p;
      p.line = line_no;
      auto [proto, after_proto] = Word(rest);
      auto [name, payload] = Word(after_proto);
      if (proto != "TCP" && proto != "UDP") return err("probe protocol must be TCP or UDP");
      if (name.empty() || payload.size() < 3 || payload[0] != 'q') return err("expected Probe PROTO NAME q|...|");
      p.protocol = std::string(proto);
      p.name = std::string(name);
      std::string_view q = payload.substr(1);
      std::string raw_payload;
      if (!Delimited(q, raw_payload)) return err("unterminated probe string");
      auto decoded = UnescapeProbeString(raw_payload);
      if (!decoded.ok()) return err(decoded.status().message());
      p.payload = std::move(*decoded);
      q = Trim(q);
      if (q == "no-payload") {
        p.no_payload = true;
      } else if (!q.empty()) {
        return err("unexpected text after the probe string");
      }
      db.probes_.push_back(std::move(p));
      ++db.report_.probes;
      continue;
    }
    if (db.probes_.empty()) return err("\"" + std::string(directive) + "\" before the first Probe");
    Probe& probe = db.probes_.back();

    if (directive == "match" || directive == "softmatch") {
      MatchRule r;
      r.soft = directive == "softmatch";
      r.line = line_no;
      auto [service, spec] = Word(rest);
      if (service.empty() || spec.size() < 3 || spec[0] != 'm') return err("expected SERVICE m<d>REGEX<d>");
      r.service = std::string(service);
      std::string_view s = spec.substr(1);
      if (!Delimited(s, r.pattern)) return err("unterminated regular expression");
      while (!s.empty() && (s.front() == 'i' || s.front() == 's')) {
        (s.front() == 'i' ? r.caseless : r.dotall) = true;
        s.remove_prefix(1);
      }
      if (!s.empty() && s.front() != ' ' && s.front() != '\t') return err("unknown regular expression flag");
      if (r.soft) {
        ++db.report_.softmatches;
      } else {
        ++db.report_.matches;
      }
      SW_RETURN_IF_ERROR(ParseVersionInfo(s, r.version, err));
      int code = 0;
      PCRE2_SIZE offset = 0;
      const uint32_t options = (r.caseless ? PCRE2_CASELESS : 0u) | (r.dotall ? PCRE2_DOTALL : 0u);
      pcre2_code* compiled = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(r.pattern.data()), r.pattern.size(),
                                           options, &code, &offset, nullptr);
      if (compiled == nullptr) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(code, msg, sizeof msg);
        db.report_.failures.push_back("line " + std::to_string(line_no) + ": " + r.service + ": " +
                                      reinterpret_cast<const char*>(msg) + " at offset " + std::to_string(offset));
        continue;  // kept out, listed
      }
      r.regex = std::make_shared<const CompiledRegex>(compiled);
      ++db.report_.compiled;
      probe.rules.push_back(std::move(r));
      continue;
    }
    if (directive == "ports" || directive == "sslports") {
      std::string spec;
      for (char c : rest) {
        if (c != ' ') spec.push_back(c);
      }
      auto ports = ParsePortSpec(spec);
      if (!ports.ok()) return err(ports.status().message());
      (directive == "ports" ? probe.ports : probe.ssl_ports) = std::move(*ports);
      continue;
    }
    if (directive == "rarity") {
      SW_ASSIGN_OR_RETURN(probe.rarity, Number(rest, 9, err));
      if (probe.rarity < 1) return err("rarity must be 1-9");
      continue;
    }
    if (directive == "totalwaitms") {
      SW_ASSIGN_OR_RETURN(probe.total_wait_ms, Number(rest, 600000, err));
      continue;
    }
    if (directive == "tcpwrappedms") {
      SW_ASSIGN_OR_RETURN(probe.tcpwrapped_ms, Number(rest, 600000, err));
      continue;
    }
    if (directive == "fallback") {
      size_t i = 0;
      while (i <= rest.size()) {
        size_t comma = rest.find(',', i);
        if (comma == std::string_view::npos) comma = rest.size();
        const std::string_view f = Trim(rest.substr(i, comma - i));
        if (!f.empty()) probe.fallbacks.emplace_back(f);
        i = comma + 1;
      }
      continue;
    }
    return err("unknown directive \"" + std::string(directive) + "\"");
  }
  return db;
}

const Probe* ServiceProbes::Find(std::string_view protocol, std::string_view name) const {
  for (const auto& p : probes_) {
    if (p.protocol == protocol && p.name == name) return &p;
  }
  return nullptr;
}

namespace {

using Groups = std::vector<std::optional<std::string_view>>;

std::string_view Group(const Groups& g, size_t n) {
  return n < g.size() && g[n] ? *g[n] : std::string_view();
}

// Reads a quoted "..." argument at `s`; advances past it.
bool Quoted(std::string_view& s, std::string& out) {
  if (s.empty() || s.front() != '"') return false;
  const size_t end = s.find('"', 1);
  if (end == std::string_view::npos) return false;
  out.assign(s.substr(1, end - 1));
  s.remove_prefix(end + 1);
  return true;
}

// Fills $1..$9, $P(n), $SUBST(n,"a","b"), $I(n,">") from the capture groups.
std::string Substitute(std::string_view t, const Groups& g) {
  std::string out;
  size_t i = 0;
  while (i < t.size()) {
    if (t[i] != '$' || i + 1 >= t.size()) {
      out.push_back(t[i++]);
      continue;
    }
    const std::string_view rest = t.substr(i + 1);
    if (rest[0] >= '1' && rest[0] <= '9') {
      out.append(Group(g, static_cast<size_t>(rest[0] - '0')));
      i += 2;
      continue;
    }
    auto group_arg = [&](std::string_view args, size_t& n) {
      if (args.empty() || args[0] < '1' || args[0] > '9') return false;
      n = static_cast<size_t>(args[0] - '0');
      return true;
    };
    if (rest.substr(0, 2) == "P(") {
      size_t n = 0;
      const size_t close = rest.find(')');
      if (close != std::string_view::npos && group_arg(rest.substr(2), n)) {
        for (char c : Group(g, n)) {
          if (std::isprint(static_cast<unsigned char>(c))) out.push_back(c);
        }
        i += 1 + close + 1;
        continue;
      }
    }
    if (rest.substr(0, 6) == "SUBST(") {
      size_t n = 0;
      std::string_view args = rest.substr(6);
      std::string from, to;
      if (group_arg(args, n) && args.size() > 2 && args[1] == ',') {
        args.remove_prefix(2);
        if (Quoted(args, from) && !args.empty() && args[0] == ',' && (args.remove_prefix(1), Quoted(args, to)) &&
            !args.empty() && args[0] == ')') {
          std::string value(Group(g, n));
          if (!from.empty()) {
            for (size_t at = value.find(from); at != std::string::npos; at = value.find(from, at + to.size())) {
              value.replace(at, from.size(), to);
            }
          }
          out += value;
          i = static_cast<size_t>(args.data() - t.data()) + 1;
          continue;
        }
      }
    }
    if (rest.substr(0, 2) == "I(") {
      size_t n = 0;
      std::string_view args = rest.substr(2);
      std::string endian;
      if (group_arg(args, n) && args.size() > 2 && args[1] == ',') {
        args.remove_prefix(2);
        if (Quoted(args, endian) && !args.empty() && args[0] == ')' && (endian == ">" || endian == "<")) {
          const std::string_view bytes = Group(g, n);
          if (bytes.size() <= 8) {
            uint64_t v = 0;
            for (size_t k = 0; k < bytes.size(); ++k) {
              const auto b = static_cast<uint8_t>(bytes[endian == ">" ? k : bytes.size() - 1 - k]);
              v = (v << 8) | b;
            }
            out += std::to_string(v);
          }
          i = static_cast<size_t>(args.data() - t.data()) + 1;
          continue;
        }
      }
    }
    out.push_back(t[i++]);  // a lone '$'
  }
  return out;
}

}  // namespace

std::optional<ServiceMatch> MatchResponse(const MatchRule& rule, std::string_view response) {
  if (!rule.regex) return std::nullopt;
  pcre2_match_context* mctx = pcre2_match_context_create(nullptr);
  pcre2_set_match_limit(mctx, kMatchLimit);
  pcre2_set_depth_limit(mctx, kDepthLimit);
  pcre2_match_data* md = pcre2_match_data_create_from_pattern(rule.regex->code, nullptr);
  const int rc = pcre2_match(rule.regex->code, reinterpret_cast<PCRE2_SPTR>(response.data()), response.size(), 0, 0,
                             md, mctx);
  std::optional<ServiceMatch> out;
  if (rc > 0) {
    const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md);
    Groups groups(static_cast<size_t>(rc));
    for (size_t k = 0; k < groups.size(); ++k) {
      if (ov[2 * k] != PCRE2_UNSET) groups[k] = response.substr(ov[2 * k], ov[2 * k + 1] - ov[2 * k]);
    }
    ServiceMatch m;
    m.service = rule.service;
    m.soft = rule.soft;
    m.line = rule.line;
    m.product = Substitute(rule.version.product, groups);
    m.version = Substitute(rule.version.version, groups);
    m.info = Substitute(rule.version.info, groups);
    m.hostname = Substitute(rule.version.hostname, groups);
    m.os = Substitute(rule.version.os, groups);
    m.device_type = Substitute(rule.version.device_type, groups);
    for (const auto& c : rule.version.cpes) m.cpes.push_back(Substitute(c, groups));
    out = std::move(m);
  }
  pcre2_match_data_free(md);
  pcre2_match_context_free(mctx);
  return out;
}

}  // namespace sw::scan
