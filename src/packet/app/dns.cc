// SPDX-License-Identifier: Apache-2.0
#include "packet/app/dns.h"

#include <arpa/inet.h>

namespace sw::packet::app {
namespace {

constexpr size_t kMaxRecords = 256;

uint16_t Be16(const uint8_t* p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }
uint32_t Be32(const uint8_t* p) {
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | uint32_t{p[3]};
}

// Reads the name at `at`; moves `at` past it in the message (not past the
// target of a pointer). False on malformed input.
bool ReadName(Bytes m, size_t& at, std::string& out) {
  out.clear();
  size_t pos = at;
  bool jumped = false;
  size_t limit = pos;  // a pointer must go strictly before the lowest place read so far
  for (int labels = 0; labels < 128; ++labels) {
    if (pos >= m.size()) return false;
    const uint8_t len = m[pos];
    if ((len & 0xC0) == 0xC0) {
      if (pos + 1 >= m.size()) return false;
      const size_t target = static_cast<size_t>(len & 0x3F) << 8 | m[pos + 1];
      if (target >= limit) return false;  // forward or self pointer: a loop
      if (!jumped) at = pos + 2;
      jumped = true;
      limit = target;
      pos = target;
      continue;
    }
    if ((len & 0xC0) != 0) return false;  // reserved label types
    if (len == 0) {
      if (!jumped) at = pos + 1;
      return true;
    }
    if (pos + 1 + len > m.size() || out.size() + len + 1 > 255) return false;
    if (!out.empty()) out.push_back('.');
    out.append(reinterpret_cast<const char*>(m.data() + pos + 1), len);
    pos += 1 + len;
  }
  return false;
}

}  // namespace

std::optional<DnsMessage> ParseDns(Bytes m) {
  if (m.size() < 12) return std::nullopt;
  DnsMessage d;
  d.id = Be16(m.data());
  d.flags = Be16(m.data() + 2);
  d.response = (d.flags & 0x8000) != 0;
  d.opcode = static_cast<uint8_t>((d.flags >> 11) & 0x0F);
  d.rcode = static_cast<uint8_t>(d.flags & 0x0F);
  const size_t qd = Be16(m.data() + 4), an = Be16(m.data() + 6);
  if (qd > kMaxRecords || an > kMaxRecords) return std::nullopt;
  size_t at = 12;
  for (size_t i = 0; i < qd; ++i) {
    DnsQuestion q;
    if (!ReadName(m, at, q.name) || at + 4 > m.size()) return std::nullopt;
    q.type = Be16(m.data() + at);
    at += 4;
    d.questions.push_back(std::move(q));
  }
  for (size_t i = 0; i < an; ++i) {
    DnsAnswer a;
    if (!ReadName(m, at, a.name) || at + 10 > m.size()) return std::nullopt;
    a.type = Be16(m.data() + at);
    a.ttl = Be32(m.data() + at + 4);
    const size_t rdlen = Be16(m.data() + at + 8);
    at += 10;
    if (at + rdlen > m.size()) return std::nullopt;
    char buf[INET6_ADDRSTRLEN] = {};
    if (a.type == 1 && rdlen == 4) {
      inet_ntop(AF_INET, m.data() + at, buf, sizeof buf);
      a.data = buf;
    } else if (a.type == 28 && rdlen == 16) {
      inet_ntop(AF_INET6, m.data() + at, buf, sizeof buf);
      a.data = buf;
    } else if (a.type == 5 || a.type == 2 || a.type == 12) {
      size_t p = at;
      if (!ReadName(m, p, a.data)) return std::nullopt;
    } else if (a.type == 15 && rdlen >= 3) {
      size_t p = at + 2;
      if (!ReadName(m, p, a.data)) return std::nullopt;
    } else if (a.type == 16 && rdlen >= 1) {
      const size_t n = std::min<size_t>(m[at], rdlen - 1);
      a.data.assign(reinterpret_cast<const char*>(m.data() + at + 1), n);
    }
    at += rdlen;
    d.answers.push_back(std::move(a));
  }
  return d;
}

std::string DnsTypeName(uint16_t t) {
  switch (t) {
    case 1: return "A";
    case 2: return "NS";
    case 5: return "CNAME";
    case 6: return "SOA";
    case 12: return "PTR";
    case 15: return "MX";
    case 16: return "TXT";
    case 28: return "AAAA";
    case 33: return "SRV";
    case 65: return "HTTPS";
    case 255: return "ANY";
    default: return std::to_string(t);
  }
}

std::string DnsRcodeName(uint8_t r) {
  switch (r) {
    case 0: return "NOERROR";
    case 1: return "FORMERR";
    case 2: return "SERVFAIL";
    case 3: return "NXDOMAIN";
    case 4: return "NOTIMP";
    case 5: return "REFUSED";
    default: return std::to_string(r);
  }
}

}  // namespace sw::packet::app
