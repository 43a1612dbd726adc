// SPDX-License-Identifier: Apache-2.0
#include "scan/scope.h"

#include <charconv>

namespace sw::scan {
namespace {

bool Contains(const boost::asio::ip::address& base, unsigned prefix, const boost::asio::ip::address& a) {
  if (base.is_v4() != a.is_v4()) return false;
  if (a.is_v4()) {
    const uint32_t mask = prefix == 0 ? 0 : ~uint32_t{0} << (32 - prefix);
    return (a.to_v4().to_uint() & mask) == (base.to_v4().to_uint() & mask);
  }
  const auto x = a.to_v6().to_bytes(), y = base.to_v6().to_bytes();
  for (unsigned bit = 0; bit < prefix; ++bit) {
    const auto m = static_cast<uint8_t>(0x80u >> (bit % 8));
    if ((x[bit / 8] & m) != (y[bit / 8] & m)) return false;
  }
  return true;
}

}  // namespace

Result<CidrScope> CidrScope::Parse(const std::vector<std::string>& entries) {
  CidrScope s;
  for (const auto& e : entries) {
    const size_t slash = e.find('/');
    boost::system::error_code ec;
    const auto base = boost::asio::ip::make_address(e.substr(0, slash), ec);
    if (ec) return InvalidArgument("scope \"" + e + "\": not an address or network", "scope");
    unsigned prefix = base.is_v4() ? 32 : 128;
    if (slash != std::string::npos) {
      const std::string_view p = std::string_view(e).substr(slash + 1);
      unsigned v = 0;
      auto [end, perr] = std::from_chars(p.data(), p.data() + p.size(), v);
      if (perr != std::errc() || end != p.data() + p.size() || p.empty() || v > prefix) {
        return InvalidArgument("scope \"" + e + "\": bad prefix length", "scope");
      }
      prefix = v;
    }
    s.nets_.push_back({base, prefix});
    s.text_.push_back(e);
  }
  return s;
}

Status CidrScope::Admit(const TargetHost& host) const {
  for (const auto& n : nets_) {
    if (Contains(n.base, n.prefix, host.address)) return {};
  }
  return PermissionDenied(host.address.to_string() + " is outside the authorized scope");
}

}  // namespace sw::scan
