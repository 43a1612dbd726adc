// SPDX-License-Identifier: Apache-2.0
#include "scan/service_table.h"

#include <algorithm>
#include <charconv>

#include "core/file.h"

namespace sw::scan {

Result<ServiceTable> ServiceTable::Load(const std::string& path) {
  auto text = ReadFileToString(path);
  if (!text.ok()) {
    return Unavailable(text.status().message() +
                       ": Nmap's service table (install the Debian package nmap-common, or pass its path)");
  }
  return Parse(*text, path);
}

Result<ServiceTable> ServiceTable::Parse(std::string_view text, std::string_view origin) {
  ServiceTable t;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    // Fields: name, port/proto, frequency, separated by tabs or spaces.
    std::vector<std::string_view> fields;
    size_t i = 0;
    while (i < line.size() && fields.size() < 4) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      const size_t b = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
      if (i > b) fields.push_back(line.substr(b, i - b));
    }
    if (fields.empty()) continue;
    auto bad = [&](std::string_view why) {
      return InvalidArgument(std::string(origin) + ":" + std::to_string(line_no) + ": " + std::string(why));
    };
    if (fields.size() < 3) return bad("expected NAME PORT/PROTOCOL FREQUENCY");
    const std::string_view pp = fields[1];
    const size_t slash = pp.find('/');
    if (slash == std::string_view::npos) return bad("expected PORT/PROTOCOL");
    uint32_t port = 0;
    auto [pend, pec] = std::from_chars(pp.data(), pp.data() + slash, port);
    if (pec != std::errc() || pend != pp.data() + slash || port > 65535) return bad("bad port number");
    double freq = 0;
    auto [fend, fec] = std::from_chars(fields[2].data(), fields[2].data() + fields[2].size(), freq);
    if (fec != std::errc() || fend != fields[2].data() + fields[2].size() || freq < 0 || freq > 1) {
      return bad("bad frequency");
    }
    if (pp.substr(slash + 1) != "tcp" || port == 0) continue;
    t.tcp_.push_back({static_cast<uint16_t>(port), freq, std::string(fields[0])});
  }
  std::stable_sort(t.tcp_.begin(), t.tcp_.end(), [](const Entry& a, const Entry& b) {
    return a.frequency != b.frequency ? a.frequency > b.frequency : a.port < b.port;
  });
  for (size_t i = 0; i < t.tcp_.size(); ++i) t.by_port_.emplace(t.tcp_[i].port, i);
  return t;
}

std::vector<uint16_t> ServiceTable::TopTcpPorts(size_t n) const {
  std::vector<uint16_t> out;
  for (size_t i = 0; i < tcp_.size() && out.size() < n; ++i) out.push_back(tcp_[i].port);
  std::sort(out.begin(), out.end());
  return out;
}

std::string_view ServiceTable::TcpServiceName(uint16_t port) const {
  auto it = by_port_.find(port);
  return it == by_port_.end() ? std::string_view() : std::string_view(tcp_[it->second].name);
}

}  // namespace sw::scan
