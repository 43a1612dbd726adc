// SPDX-License-Identifier: Apache-2.0
#include "scan/run_diff.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace sw::scan {
namespace {

using PortKey = std::tuple<std::string, std::string, uint16_t>;

PortKey KeyOf(const model::Observation& o) { return {o.host, o.protocol, o.port}; }

bool SameService(const model::Observation& a, const model::Observation& b) {
  return a.service == b.service && a.product == b.product && a.version == b.version;
}

model::ScanChange PortChange(model::ScanChangeKind kind, const model::Observation& o) {
  model::ScanChange c;
  c.kind = kind;
  c.host = o.host;
  c.port = o.port;
  c.protocol = o.protocol;
  return c;
}

model::ScanChange FindingChange(model::ScanChangeKind kind, const model::Finding& f) {
  model::ScanChange c;
  c.kind = kind;
  c.host = f.host;
  c.port = f.port;
  c.check_id = f.check_id;
  c.severity = f.severity;
  (kind == model::ScanChangeKind::kFindingNew ? c.after : c.before) = f.title_zh;
  return c;
}

}  // namespace

std::string DescribeService(const model::Observation& o) {
  std::string out = o.service;
  for (const std::string* part : {&o.product, &o.version}) {
    if (part->empty()) continue;
    if (!out.empty()) out += ' ';
    out += *part;
  }
  if (!o.extra_info.empty()) out += " (" + o.extra_info + ")";
  return out;
}

std::vector<model::ScanChange> DiffScanResults(const std::vector<model::Observation>& before_open,
                                               const std::vector<model::Finding>& before_findings,
                                               const std::vector<model::Observation>& after_open,
                                               const std::vector<model::Finding>& after_findings) {
  std::map<PortKey, const model::Observation*> before, after;
  for (const auto& o : before_open) before.emplace(KeyOf(o), &o);
  for (const auto& o : after_open) after.emplace(KeyOf(o), &o);
  std::vector<model::ScanChange> changes;
  for (const auto& [key, now] : after) {
    auto it = before.find(key);
    if (it == before.end()) {
      auto c = PortChange(model::ScanChangeKind::kPortOpened, *now);
      c.after = DescribeService(*now);
      changes.push_back(std::move(c));
    } else if (!SameService(*it->second, *now)) {
      auto c = PortChange(model::ScanChangeKind::kServiceChanged, *now);
      c.before = DescribeService(*it->second);
      c.after = DescribeService(*now);
      changes.push_back(std::move(c));
    }
  }
  for (const auto& [key, then] : before) {
    if (after.count(key) == 0) {
      auto c = PortChange(model::ScanChangeKind::kPortClosed, *then);
      c.before = DescribeService(*then);
      changes.push_back(std::move(c));
    }
  }
  std::map<std::string, const model::Finding*> had, has;
  for (const auto& f : before_findings) had.emplace(f.Fingerprint(), &f);
  for (const auto& f : after_findings) has.emplace(f.Fingerprint(), &f);
  for (const auto& [fp, f] : has) {
    if (had.count(fp) == 0) changes.push_back(FindingChange(model::ScanChangeKind::kFindingNew, *f));
  }
  for (const auto& [fp, f] : had) {
    if (has.count(fp) == 0) changes.push_back(FindingChange(model::ScanChangeKind::kFindingGone, *f));
  }
  std::stable_sort(changes.begin(), changes.end(), [](const model::ScanChange& a, const model::ScanChange& b) {
    return std::tie(a.host, a.port, a.kind, a.check_id) < std::tie(b.host, b.port, b.kind, b.check_id);
  });
  return changes;
}

}  // namespace sw::scan
