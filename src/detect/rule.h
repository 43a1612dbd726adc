// SPDX-License-Identifier: Apache-2.0
//
// detect::Rule: one Suricata rule as parsed and validated, holding everything
// a matcher needs so it never reparses text: the header with compiled address
// and port sets, the detection options in rule order each bound to its
// inspection buffer, contents as raw bytes, pcre compiled with PCRE2, the
// chosen fast pattern, flow and flowbits conditions, thresholds and the alert
// metadata. Rules are values; a loaded rule is immutable and may be shared
// between threads (the compiled regexes are read-only).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "detect/address.h"
#include "detect/buffers.h"
#include "detect/regex.h"

namespace sw::detect {

// The action is kept as written: the sensor is passive and only alerts, but a
// `pass` rule still suppresses alerts and drop/reject are reported as such.
enum class Action : uint8_t { kAlert, kPass, kDrop, kReject, kRejectSrc, kRejectDst, kRejectBoth };
std::string_view ActionName(Action a);

enum class Transport : uint8_t { kAny, kTcp, kUdp, kIcmp, kTcpOrUdp };

struct Protocol {
  std::string name;                    // as written: "tcp", "http", "tcp-pkt"
  Transport transport = Transport::kAny;
  // The application protocol the rule inspects ("http", "dns"); empty for
  // ip/tcp/udp/icmp rules that inspect no app-layer buffer.
  std::string app;
  // tcp-pkt: packets only; tcp-stream: the reassembled stream only.
  bool packet_only = false;
  bool stream_only = false;
  uint8_t ip_version = 0;  // 4 or 6 for ipv4/ipv6 rules; 0: either
};

// app-layer-protocol:[!]name[,mode]: the protocol detected on the flow.
struct AppLayerProtocol {
  std::string name;
  bool negated = false;
  std::string mode;  // to_server, to_client, direction, final, original, either; empty: any
};

enum class Direction : uint8_t {
  kToDst,  // ->
  kBoth,   // <> : either way round
};

struct Header {
  Action action = Action::kAlert;
  Protocol protocol;
  AddressSpec src;
  PortSpec src_ports;
  Direction direction = Direction::kToDst;
  AddressSpec dst;
  PortSpec dst_ports;
};

// A numeric comparison: dsize, bsize, urilen, itype, icode, ttl, ip_proto,
// stream_size. For kRange the test is
// lo < x < hi (Suricata's `lo<>hi`, exclusive); otherwise `x op lo`.
struct Compare {
  enum class Op : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe, kRange };
  Op op = Op::kEq;
  uint64_t lo = 0;
  uint64_t hi = 0;
  bool Matches(uint64_t x) const;
  bool operator==(const Compare&) const = default;
};

// content:"..." with its modifiers. Offsets are as written; absent means not
// given. distance/within are relative to the end of the previous content or
// pcre match on the same buffer.
struct Content {
  std::string bytes;  // raw bytes, |hex| and escapes decoded
  bool negated = false;
  bool nocase = false;
  bool startswith = false;  // same as depth = size, offset 0
  bool endswith = false;    // the match must end the buffer
  std::optional<int32_t> offset;
  std::optional<int32_t> depth;
  std::optional<int32_t> distance;
  std::optional<int32_t> within;
  bool fast_pattern = false;       // the rule says fast_pattern
  bool fast_pattern_only = false;  // fast_pattern:only (Suricata treats it as plain fast_pattern)
  // fast_pattern:offset,length: only this slice feeds the prefilter.
  std::optional<std::pair<uint16_t, uint16_t>> fast_pattern_slice;
  bool relative() const { return distance.has_value() || within.has_value(); }
};

struct Pcre {
  std::string source;  // "/regex/flags" as written
  std::string pattern;
  bool negated = false;
  bool relative = false;        // R: continues after the previous match
  bool no_match_limit = false;  // O: Suricata lifts its match limits
  std::shared_ptr<const Regex> regex;
  // "/re/, pkt:uid, flow:gid": where each capture group is stored, in group
  // order (named groups alert_*, pkt_*, flow_* name themselves in `pattern`).
  std::vector<std::string> captures;
};

struct IsDataAt {
  int32_t offset = 0;
  bool negated = false;
  bool relative = false;
};

enum class Endian : uint8_t { kBig, kLittle, kDce };
enum class NumBase : uint8_t { kBinary, kHex, kDec, kOct };  // kBinary: not `string`

struct ByteTest {
  // 1-8 for binary numbers; 0-20 with a NumBase other than kBinary (`string`),
  // 0 meaning as many digits as follow.
  uint8_t nbytes = 0;
  enum class Op : uint8_t { kLt, kGt, kEq, kLe, kGe, kAnd, kXor } op = Op::kEq;
  bool negated = false;
  uint64_t value = 0;
  int32_t offset = 0;
  bool relative = false;
  Endian endian = Endian::kBig;
  NumBase base = NumBase::kBinary;
  std::optional<uint64_t> bitmask;
};

struct ByteJump {
  uint8_t nbytes = 0;  // as ByteTest::nbytes
  int32_t offset = 0;
  bool relative = false;
  uint32_t multiplier = 1;
  Endian endian = Endian::kBig;
  NumBase base = NumBase::kBinary;
  bool align = false;  // round up to a multiple of 4
  bool from_beginning = false;
  bool from_end = false;
  int32_t post_offset = 0;
  std::optional<uint64_t> bitmask;
};

// bsize (the size of the buffer) and urilen (the size of http.uri or
// http.uri.raw; it is bound to that buffer).
struct BufferSize {
  Compare cmp;
};

// One detection option, in rule order, and the buffer it inspects.
struct DetectOption {
  BufferRef buffer;
  std::variant<Content, Pcre, IsDataAt, ByteTest, ByteJump, BufferSize> kind;
};

// The flow keyword. Unset fields do not constrain.
struct FlowCondition {
  enum class State : uint8_t { kAny, kEstablished, kNotEstablished, kStateless } state = State::kAny;
  // to_server == from_client; to_client == from_server.
  enum class Side : uint8_t { kAny, kToServer, kToClient } side = Side::kAny;
  enum class Stream : uint8_t { kAny, kOnlyStream, kNoStream } stream = Stream::kAny;
  enum class Frag : uint8_t { kAny, kOnlyFrag, kNoFrag } frag = Frag::kAny;
  bool operator==(const FlowCondition&) const = default;
};

struct Flowbit {
  enum class Cmd : uint8_t { kSet, kIsSet, kIsNotSet, kUnset, kToggle } cmd = Cmd::kSet;
  std::vector<std::string> names;
  // isset/isnotset with `a|b`: true when any of the names passes; otherwise
  // all names (a single name, or `a&b`) are set/tested.
  bool any_of = false;
};

// threshold: and detection_filter: (type kDetectionFilter).
struct Threshold {
  enum class Type : uint8_t { kLimit, kThreshold, kBoth, kDetectionFilter } type = Type::kLimit;
  enum class Track : uint8_t { kBySrc, kByDst, kByRule, kByBoth, kByFlow } track = Track::kBySrc;
  uint32_t count = 0;
  uint32_t seconds = 0;
};

// The prefilter literal: one content of the rule (see FastPattern in
// rule_parser.h for how it is chosen).
struct FastPattern {
  size_t option_index = 0;  // into Rule::options; that option is a Content
  std::string bytes;        // the literal fed to the multi-pattern matcher
  bool nocase = false;
  BufferRef buffer;
  bool explicit_choice = false;  // chosen by fast_pattern, not by length
};

// flags: the TCP flags byte. kExact: exactly `set` (bits in `ignore` aside);
// kAll (+): at least `set`; kAny (*): any of `set`; kNot (!): none of `set`.
struct TcpFlags {
  static constexpr uint8_t kFin = 0x01, kSyn = 0x02, kRst = 0x04, kPsh = 0x08, kAck = 0x10, kUrg = 0x20,
                           kEce = 0x40, kCwr = 0x80;
  uint8_t set = 0;
  uint8_t ignore = 0;
  enum class Mode : uint8_t { kExact, kAll, kAny, kNot } mode = Mode::kExact;
  bool operator==(const TcpFlags&) const = default;
};

// stream_size: bytes seen on the TCP stream by one side, both or either.
struct StreamSize {
  enum class Side : uint8_t { kServer, kClient, kBoth, kEither } side = Side::kServer;
  Compare cmp;
};

struct Reference {
  std::string type;  // "url", "cve"
  std::string value;
};

struct Rule {
  Header header;
  std::vector<DetectOption> options;
  std::optional<FastPattern> fast_pattern;  // absent when the rule has no content

  // Alert metadata.
  uint32_t gid = 1;
  uint32_t sid = 0;
  uint32_t rev = 0;
  std::string msg;
  std::string classtype;           // as written; empty if none
  std::string class_description;   // from classification.config
  int priority = 3;                // priority: > classtype priority > 3; the alert severity
  std::vector<Reference> references;
  std::vector<std::pair<std::string, std::string>> metadata;  // "created_at 2024_01_01" -> key, value
  enum class Target : uint8_t { kNone, kSrcIp, kDestIp } target = Target::kNone;

  // Packet-level and flow conditions.
  std::optional<Compare> dsize;
  std::optional<Compare> itype;     // ICMP type
  std::optional<Compare> icode;     // ICMP code
  std::optional<Compare> ttl;       // IP TTL / hop limit
  std::optional<Compare> ip_proto;  // IP protocol number
  std::optional<TcpFlags> tcp_flags;
  std::vector<StreamSize> stream_sizes;  // all must hold
  std::optional<uint16_t> tls_version;  // tls.version: 0x0303 for "1.2"
  std::vector<AppLayerProtocol> app_layer_protocols;
  std::optional<FlowCondition> flow;
  std::vector<Flowbit> flowbits;
  bool noalert = false;  // flowbits:noalert or noalert;
  std::optional<Threshold> threshold;
  std::optional<Threshold> detection_filter;

  // Where it came from, for reports.
  std::string file;
  size_t line = 0;
  std::string text;
};

}  // namespace sw::detect
