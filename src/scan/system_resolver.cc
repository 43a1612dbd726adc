// SPDX-License-Identifier: Apache-2.0
#include "scan/system_resolver.h"

#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <cstring>
#include <string>

namespace sw::scan {

Result<std::vector<boost::asio::ip::address>> SystemResolver::Resolve(std::string_view name) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  const std::string n(name);
  const int rc = getaddrinfo(n.c_str(), nullptr, &hints, &res);
  if (rc != 0) return Unavailable(gai_strerror(rc));
  std::vector<boost::asio::ip::address> out;
  for (addrinfo* p = res; p != nullptr; p = p->ai_next) {
    boost::asio::ip::tcp::endpoint ep;
    std::memcpy(ep.data(), p->ai_addr, std::min<size_t>(p->ai_addrlen, ep.capacity()));
    ep.resize(p->ai_addrlen);
    if (std::find(out.begin(), out.end(), ep.address()) == out.end()) out.push_back(ep.address());
  }
  freeaddrinfo(res);
  return out;
}

}  // namespace sw::scan
