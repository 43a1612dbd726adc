// SPDX-License-Identifier: Apache-2.0
//
// Plain HTTP request and response values shared by the server (api/), the
// client and tests, so that handlers never see the network library. Header
// names are compared case-insensitively. Values; not synchronized.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sw::sys {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// First value of header `name` (case-insensitive), or "" when absent.
std::string_view FindHeader(const HeaderList& headers, std::string_view name);

struct HttpRequest {
  std::string method;  // "GET"
  std::string target;  // "/api/v1/tenants?limit=5", as received
  HeaderList headers;
  std::string body;
  std::string source_ip;  // peer address

  std::string_view header(std::string_view name) const { return FindHeader(headers, name); }
};

struct HttpResponse {
  int status = 200;
  HeaderList headers;
  std::string body;
  // Closes the connection after this response (set by the server on errors).
  bool close = false;

  std::string_view header(std::string_view name) const { return FindHeader(headers, name); }
  void SetHeader(std::string name, std::string value);
};

}  // namespace sw::sys
