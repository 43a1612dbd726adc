// SPDX-License-Identifier: Apache-2.0
//
// DNS messages (RFC 1035) as seen on UDP or, after the two-byte length, on
// TCP: header, questions and answers with names decompressed. Compression
// pointers may only point backwards and a name is at most 255 bytes, so a
// crafted loop or a name bomb ends as a parse error. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "packet/packet.h"

namespace sw::packet::app {

struct DnsQuestion {
  std::string name;  // "www.example.com" ("" for the root)
  uint16_t type = 0;
};

struct DnsAnswer {
  std::string name;
  uint16_t type = 0;
  uint32_t ttl = 0;
  std::string data;  // A/AAAA address, CNAME/NS/PTR name, MX exchange, TXT text; else empty
};

struct DnsMessage {
  uint16_t id = 0;
  bool response = false;
  uint8_t opcode = 0;
  uint8_t rcode = 0;
  uint16_t flags = 0;
  std::vector<DnsQuestion> questions;
  std::vector<DnsAnswer> answers;
};

// nullopt when `b` is not a well-formed DNS message.
std::optional<DnsMessage> ParseDns(Bytes b);

std::string DnsTypeName(uint16_t type);   // "A", "AAAA", ... or the number
std::string DnsRcodeName(uint8_t rcode);  // "NOERROR", "NXDOMAIN", ...

}  // namespace sw::packet::app
