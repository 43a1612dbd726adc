// SPDX-License-Identifier: Apache-2.0
#include "detect/address.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>
#include <optional>

#include "detect/variables.h"

namespace sw::detect {
namespace {

// Variables may refer to variables; deeper than this is taken to be a cycle.
constexpr int kMaxDepth = 16;
// Brackets and negations nest by recursion; bound it so hostile input cannot
// exhaust the stack.
constexpr int kMaxNesting = 64;

// One item of a list as parsed: its set, and whether it was negated (a
// negated item is subtracted by the enclosing list).
template <typename T>
struct Item {
  IntervalSet<T> set;
  bool negated = false;
};

// Recursive descent over one field. `Kind` supplies the literal parser and the
// variable lookup: the grammar is shared by addresses and ports.
template <typename T, typename Kind>
class FieldParser {
 public:
  FieldParser(std::string_view text, const Variables& vars, int depth)
      : text_(text), vars_(vars), depth_(depth) {}

  Result<IntervalSet<T>> ParseAll() {
    SW_ASSIGN_OR_RETURN(Item<T> item, ParseItem());
    SkipSpace();
    if (pos_ != text_.size()) return Bad("unexpected \"" + std::string(text_.substr(pos_, 20)) + "\"");
    return item.negated ? item.set.Complement() : std::move(item.set);
  }

 private:
  Status Bad(const std::string& why) const {
    return InvalidArgument(std::string(Kind::kName) + " \"" + std::string(text_.substr(0, 80)) + "\": " + why);
  }

  void SkipSpace() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }

  Result<Item<T>> ParseItem() {
    if (++nesting_ > kMaxNesting) return Bad("nested too deeply");
    auto item = ParseItemInner();
    --nesting_;
    return item;
  }

  Result<Item<T>> ParseItemInner() {
    SkipSpace();
    if (pos_ >= text_.size()) return Bad("missing value");
    if (text_[pos_] == '!') {
      ++pos_;
      SW_ASSIGN_OR_RETURN(Item<T> inner, ParseItem());
      inner.negated = !inner.negated;
      return inner;
    }
    if (text_[pos_] == '[') {
      ++pos_;
      IntervalSet<T> pos_set, neg_set;
      bool any_positive = false;
      while (true) {
        SW_ASSIGN_OR_RETURN(Item<T> item, ParseItem());
        if (item.negated) {
          neg_set.AddAll(item.set);
        } else {
          pos_set.AddAll(item.set);
          any_positive = true;
        }
        SkipSpace();
        if (pos_ >= text_.size()) return Bad("unterminated list");
        if (text_[pos_] == ',') {
          ++pos_;
          continue;
        }
        if (text_[pos_] == ']') {
          ++pos_;
          break;
        }
        return Bad("expected ',' or ']' at \"" + std::string(text_.substr(pos_, 20)) + "\"");
      }
      if (!any_positive) pos_set = IntervalSet<T>::All();
      return Item<T>{pos_set.Subtract(neg_set), false};
    }
    const size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != ']' && text_[pos_] != '[' &&
           text_[pos_] != ' ' && text_[pos_] != '\t') {
      ++pos_;
    }
    const std::string_view token = text_.substr(start, pos_ - start);
    if (token.empty()) return Bad("empty item");
    if (token == "any") return Item<T>{IntervalSet<T>::All(), false};
    if (token[0] == '$') return ParseVariable(token.substr(1));
    SW_ASSIGN_OR_RETURN(IntervalSet<T> set, Kind::ParseLiteral(token));
    return Item<T>{std::move(set), false};
  }

  Result<Item<T>> ParseVariable(std::string_view name) {
    const std::string* value = Kind::Find(vars_, name);
    if (value == nullptr) {
      return InvalidArgument("unknown " + std::string(Kind::kName) + " variable $" + std::string(name));
    }
    if (depth_ >= kMaxDepth) {
      return InvalidArgument(std::string(Kind::kName) + " variable $" + std::string(name) +
                             " nests too deeply (a cycle?)");
    }
    FieldParser inner(*value, vars_, depth_ + 1);
    auto set = inner.ParseAll();
    if (!set.ok()) return set.status().WithContext("variable $" + std::string(name));
    return Item<T>{std::move(set).value(), false};
  }

  std::string_view text_;
  const Variables& vars_;
  int depth_;
  int nesting_ = 0;
  size_t pos_ = 0;
};

std::optional<uint32_t> ParseV4(std::string_view s) {
  char buf[INET_ADDRSTRLEN];
  if (s.size() >= sizeof buf) return std::nullopt;
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = '\0';
  in_addr a{};
  if (inet_pton(AF_INET, buf, &a) != 1) return std::nullopt;
  return ntohl(a.s_addr);
}

std::optional<Ip128> ParseV6(std::string_view s) {
  char buf[INET6_ADDRSTRLEN + 1];
  if (s.size() >= sizeof buf) return std::nullopt;
  std::memcpy(buf, s.data(), s.size());
  buf[s.size()] = '\0';
  in6_addr a{};
  if (inet_pton(AF_INET6, buf, &a) != 1) return std::nullopt;
  return Ip128::FromV6(a.s6_addr);
}

std::optional<unsigned> ParseSmall(std::string_view s, unsigned max) {
  unsigned v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || v > max) return std::nullopt;
  return v;
}

struct AddressKind {
  static constexpr const char* kName = "address";
  static const std::string* Find(const Variables& v, std::string_view name) { return v.FindAddress(name); }

  static Status Bad(std::string_view token, std::string_view why) {
    return InvalidArgument("address \"" + std::string(token.substr(0, 80)) + "\": " + std::string(why));
  }

  static Result<IpSet> ParseLiteral(std::string_view token) {
    IpSet set;
    const size_t slash = token.find('/');
    const size_t dash = token.find('-');
    if (slash == std::string_view::npos && dash != std::string_view::npos) {
      SW_ASSIGN_OR_RETURN(Ip128 lo, ParseIp(token.substr(0, dash)));
      SW_ASSIGN_OR_RETURN(Ip128 hi, ParseIp(token.substr(dash + 1)));
      if (hi < lo) return Bad(token, "reversed range");
      set.Add(lo, hi);
      return set;
    }
    const std::string_view ip = token.substr(0, slash);
    if (auto v4 = ParseV4(ip)) {
      unsigned bits = 32;
      if (slash != std::string_view::npos) {
        const std::string_view p = token.substr(slash + 1);
        if (auto mask = ParseV4(p)) {  // netmask form 10.0.0.0/255.0.0.0
          const uint32_t inv = ~*mask;
          if ((inv & (inv + 1)) != 0) return Bad(token, "netmask is not contiguous");
          bits = static_cast<unsigned>(__builtin_popcount(*mask));
        } else if (auto b = ParseSmall(p, 32)) {
          bits = *b;
        } else {
          return Bad(token, "bad IPv4 prefix length");
        }
      }
      const uint32_t host = bits == 32 ? 0 : (0xffffffffU >> bits);
      set.Add(Ip128::FromV4(*v4 & ~host), Ip128::FromV4(*v4 | host));
      return set;
    }
    if (auto v6 = ParseV6(ip)) {
      unsigned bits = 128;
      if (slash != std::string_view::npos) {
        auto b = ParseSmall(token.substr(slash + 1), 128);
        if (!b) return Bad(token, "bad IPv6 prefix length");
        bits = *b;
      }
      Ip128 lo = *v6, hi = *v6;
      const uint64_t hi_mask = bits >= 64 ? ~uint64_t{0} : (bits == 0 ? 0 : ~uint64_t{0} << (64 - bits));
      const uint64_t lo_mask = bits <= 64 ? 0 : (bits == 128 ? ~uint64_t{0} : ~uint64_t{0} << (128 - bits));
      lo.hi &= hi_mask;
      lo.lo &= lo_mask;
      hi.hi |= ~hi_mask;
      hi.lo |= ~lo_mask;
      set.Add(lo, hi);
      return set;
    }
    return Bad(token, "not an IP address or CIDR");
  }
};

struct PortKind {
  static constexpr const char* kName = "port";
  static const std::string* Find(const Variables& v, std::string_view name) { return v.FindPort(name); }

  static Status Bad(std::string_view token, std::string_view why) {
    return InvalidArgument("port \"" + std::string(token.substr(0, 80)) + "\": " + std::string(why));
  }

  static Result<PortSet> ParseLiteral(std::string_view token) {
    PortSet set;
    const size_t colon = token.find(':');
    auto port = [&](std::string_view s) -> Result<uint16_t> {
      auto v = ParseSmall(s, 65535);
      if (!v) return Bad(token, "not a port number (0-65535)");
      return static_cast<uint16_t>(*v);
    };
    if (colon == std::string_view::npos) {
      SW_ASSIGN_OR_RETURN(uint16_t p, port(token));
      set.Add(p, p);
      return set;
    }
    const std::string_view a = token.substr(0, colon), b = token.substr(colon + 1);
    if (a.empty() && b.empty()) return Bad(token, "empty range");
    uint16_t lo = 0, hi = 65535;
    if (!a.empty()) {
      SW_ASSIGN_OR_RETURN(lo, port(a));
    }
    if (!b.empty()) {
      SW_ASSIGN_OR_RETURN(hi, port(b));
    }
    if (lo > hi) return Bad(token, "reversed range");
    set.Add(lo, hi);
    return set;
  }
};

}  // namespace

Ip128 Ip128::FromV6(const uint8_t* bytes) {
  Ip128 v;
  for (int i = 0; i < 8; ++i) v.hi = (v.hi << 8) | bytes[i];
  for (int i = 8; i < 16; ++i) v.lo = (v.lo << 8) | bytes[i];
  return v;
}

Result<Ip128> ParseIp(std::string_view text) {
  if (auto v4 = ParseV4(text)) return Ip128::FromV4(*v4);
  if (auto v6 = ParseV6(text)) return *v6;
  return InvalidArgument("address \"" + std::string(text.substr(0, 80)) + "\": not an IP address");
}

Result<AddressSpec> ParseAddressSpec(std::string_view text, const Variables& vars) {
  FieldParser<Ip128, AddressKind> p(text, vars, 0);
  SW_ASSIGN_OR_RETURN(IpSet set, p.ParseAll());
  if (set.empty()) return InvalidArgument("address \"" + std::string(text.substr(0, 80)) + "\" matches no address");
  return AddressSpec{std::string(text), std::move(set)};
}

Result<PortSpec> ParsePortSpec(std::string_view text, const Variables& vars) {
  FieldParser<uint16_t, PortKind> p(text, vars, 0);
  SW_ASSIGN_OR_RETURN(PortSet set, p.ParseAll());
  if (set.empty()) return InvalidArgument("port \"" + std::string(text.substr(0, 80)) + "\" matches no port");
  return PortSpec{std::string(text), std::move(set)};
}

}  // namespace sw::detect
