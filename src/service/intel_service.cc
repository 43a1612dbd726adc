// SPDX-License-Identifier: Apache-2.0
#include "service/intel_service.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <map>

#include <spdlog/spdlog.h>

#include "core/ids.h"
#include "intel/export.h"
#include "intel/line_list.h"
#include "intel/misp_import.h"
#include "intel/normalize.h"
#include "intel/stix_import.h"
#include "service/audit_log.h"
#include "service/permissions.h"

namespace sw::service {
namespace {

using model::IndicatorType;

// Namespace of the ids of STIX indicators made for MISP and list
// intelligence: uuid5 of "<source>|<type>|<value>".
constexpr std::string_view kMadeIndicatorNamespace = "3c7e4a52-91b6-4f0e-8d2a-6b1f0c9e5d47";

// Stores one import's objects and indicators; counts into the report.
class ImportWriter {
 public:
  ImportWriter(store::Transaction& tx, IntelImportReport& report, const IntelImportOptions& options, Timestamp now,
               const intel::WarningListSet* warninglists)
      : tx_(tx), report_(report), options_(options), now_(now), warninglists_(warninglists) {}

  Status Object(std::string id, std::string type, std::string version, model::Tlp tlp, std::string json) {
    model::IntelObject o;
    o.id = std::move(id);
    o.type = std::move(type);
    o.version = std::move(version);
    o.collection = options_.collection.empty() ? std::string(model::kSharedCollectionId) : options_.collection;
    o.owner = report_.owner;
    o.tlp = tlp;
    o.recipients = options_.recipients;
    o.added_at = now_;
    o.json = std::move(json);
    SW_ASSIGN_OR_RETURN(bool stored, tx_.intel().PutObject(o));
    ++(stored ? report_.objects_stored : report_.objects_known);
    return {};
  }

  Status Indicator(model::Indicator ind) {
    model::IndicatorRecord r;
    r.source_key = ind.stix_id.empty() ? ind.source : ind.stix_id;
    r.indicator = std::move(ind);
    r.owner = report_.owner;
    r.recipients = options_.recipients;
    r.first_seen = r.last_seen = now_;
    if (warninglists_ != nullptr) {
      for (const intel::WarningList* l : warninglists_->Check(r.indicator.type, r.indicator.value)) {
        r.warnings.push_back(l->name);
      }
      if (!r.warnings.empty()) {
        ++report_.warned;
        std::string names;
        for (const auto& n : r.warnings) names += (names.empty() ? "" : "; ") + n;
        report_.issues.push_back(std::string(model::NameIn(model::kIndicatorTypeNames, r.indicator.type)) + " " +
                                 r.indicator.value + ": on a warning list (known benign, never alerts): " + names);
      }
    }
    SW_ASSIGN_OR_RETURN(bool fresh, tx_.intel().PutIndicator(r));
    ++(fresh ? report_.indicators_new : report_.indicators_merged);
    return {};
  }

  // Intelligence that came without a STIX object gets one.
  Status MadeIndicator(model::Indicator ind) {
    const std::string key =
        ind.source + "|" + std::string(model::NameIn(model::kIndicatorTypeNames, ind.type)) + "|" + ind.value;
    ind.stix_id = "indicator--" + Uuid5(kMadeIndicatorNamespace, key);
    SW_ASSIGN_OR_RETURN(bool known, tx_.intel().HasObject(ind.stix_id));
    if (known) {
      ++report_.objects_known;
    } else {
      SW_RETURN_IF_ERROR(Object(ind.stix_id, "indicator", FormatRfc3339(now_), ind.tlp,
                                ToJson(intel::MakeStixIndicator(ind, ind.stix_id, now_))));
    }
    return Indicator(std::move(ind));
  }

 private:
  store::Transaction& tx_;
  IntelImportReport& report_;
  const IntelImportOptions& options_;
  Timestamp now_;
  const intel::WarningListSet* warninglists_;
};

void AddMispResult(const intel::MispImportResult& r, IntelImportReport& report) {
  report.items += r.attributes.size();
  for (const auto& a : r.attributes) {
    switch (a.status) {
      case intel::MispAttributeStatus::kImported:
        break;
      case intel::MispAttributeStatus::kRejected:
        ++report.rejected;
        report.issues.push_back("event " + a.event_uuid + " attribute #" + std::to_string(a.index) + " " + a.uuid +
                                ": " + a.reason);
        break;
      default:
        ++report.skipped;
    }
  }
  for (const auto& e : r.event_errors) {
    ++report.rejected;
    report.issues.push_back("event " + e);
  }
}

// The JSON top level says which format a text is; lists are not JSON.
IntelFormat Sniff(std::string_view text) {
  const size_t start = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (start == std::string_view::npos || (text[start] != '{' && text[start] != '[')) return IntelFormat::kList;
  const std::string_view head = text.substr(start, 4096);
  // MISP events are {"Event": {...}} or a bare event with "info" and attributes.
  if (head.find("\"Event\"") != std::string_view::npos ||
      (head.find("\"info\"") != std::string_view::npos && head.find("\"spec_version\"") == std::string_view::npos &&
       head.find("\"type\"") == std::string_view::npos)) {
    return IntelFormat::kMispEvent;
  }
  return IntelFormat::kStix;
}

// Every network of `address` from /0 to its full length, longest first.
std::vector<std::string> NetworksOf(const std::string& address) {
  std::array<uint8_t, 16> b{};
  const bool v6 = address.find(':') != std::string::npos;
  if (inet_pton(v6 ? AF_INET6 : AF_INET, address.c_str(), b.data()) != 1) return {};
  const int bits = v6 ? 128 : 32;
  std::vector<std::string> out;
  char text[INET6_ADDRSTRLEN];
  for (int len = bits; len >= 0; --len) {
    std::array<uint8_t, 16> m = b;
    for (int i = 0; i < 16; ++i) {
      const int keep = std::clamp(len - i * 8, 0, 8);
      m[static_cast<size_t>(i)] &= static_cast<uint8_t>(0xff00 >> keep);
    }
    if (inet_ntop(v6 ? AF_INET6 : AF_INET, m.data(), text, sizeof text) == nullptr) continue;
    out.push_back(std::string(text) + "/" + std::to_string(len));
  }
  return out;
}

// A domain and each parent ("a.b.example", "b.example", "example").
std::vector<std::string> DomainAndParents(std::string domain) {
  std::vector<std::string> out;
  while (!domain.empty()) {
    out.push_back(domain);
    const size_t dot = domain.find('.');
    if (dot == std::string::npos) break;
    domain.erase(0, dot + 1);
  }
  return out;
}

// The host of a normalized URL, without brackets.
std::string UrlHost(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  if (const size_t at = rest.find('@'); at != std::string_view::npos && at < rest.find('/')) rest = rest.substr(at + 1);
  if (!rest.empty() && rest[0] == '[') return std::string(rest.substr(1, rest.find(']') - 1));
  return std::string(rest.substr(0, rest.find_first_of(":/?#")));
}

}  // namespace

std::string_view IntelFormatName(IntelFormat f) {
  switch (f) {
    case IntelFormat::kStix:
      return "STIX 2.1 bundle";
    case IntelFormat::kMispEvent:
      return "MISP event";
    case IntelFormat::kMispFeed:
      return "MISP feed";
    case IntelFormat::kList:
      return "list";
  }
  return "unknown";
}

std::string FormatImportReport(const IntelImportReport& r) {
  std::string out = r.origin + " (" + std::string(IntelFormatName(r.format)) + ", owner " + r.owner + "): " +
                    std::to_string(r.items) + " read; indicators: " + std::to_string(r.indicators_new) + " new, " +
                    std::to_string(r.indicators_merged) + " merged; STIX objects: " + std::to_string(r.objects_stored) +
                    " stored, " + std::to_string(r.objects_known) + " already held; " +
                    std::to_string(r.warned) + " on warning lists, " + std::to_string(r.not_matchable) +
                    " not matchable, " + std::to_string(r.skipped) +
                    " skipped, " + std::to_string(r.rejected) + " rejected\n";
  for (const auto& i : r.issues) out += "  " + i + "\n";
  return out;
}

std::optional<model::PartnerId> PartnerOf(const Principal& who) {
  if (who.kind != Principal::Kind::kToken) return std::nullopt;
  for (const auto& s : who.scopes) {
    if (s.rfind("partner:", 0) == 0) return model::PartnerId(s.substr(8));
  }
  return std::nullopt;
}

Result<std::string> IntelService::OwnerFor(const Principal& who, const IntelImportOptions& options) {
  SW_RETURN_IF_ERROR(Require(who, Permission::kIntelImport));
  if (options.tenant && options.partner) return InvalidArgument("owner: give an enterprise or a partner, not both");
  if (auto partner = PartnerOf(who)) {
    if (options.tenant || (options.partner && *options.partner != *partner)) {
      return PermissionDenied("a partner imports intelligence only as its own");
    }
    return model::PartnerOrg(*partner);
  }
  if (!who.is_center()) {
    if (options.partner || (options.tenant && *options.tenant != who.tenant_id)) {
      return PermissionDenied("an enterprise imports intelligence only as its own");
    }
    return model::EnterpriseOrg(who.tenant_id);
  }
  auto tx = ctx_.store.Begin(store::Store::Mode::kRead);
  if (!tx.ok()) return tx.status();
  if (options.tenant) {
    SW_RETURN_IF_ERROR((*tx)->tenants().Get(ScopeIssuer::For(who), *options.tenant).status());
    return model::EnterpriseOrg(*options.tenant);
  }
  if (options.partner) {
    SW_RETURN_IF_ERROR((*tx)->intel().GetPartner(*options.partner).status());
    return model::PartnerOrg(*options.partner);
  }
  return std::string(model::kCenterOrg);
}

Result<IntelImportReport> IntelService::Import(const Principal& who, std::string_view text,
                                               const IntelImportOptions& options) {
  return ImportAs(who, text, Sniff(text), options);
}

Result<IntelImportReport> IntelService::ImportObjects(const Principal& who, const json::array& objects,
                                                      const IntelImportOptions& options) {
  return ImportAs(who, ToJson(objects), IntelFormat::kStix, options);
}

Result<IntelImportReport> IntelService::ImportAs(const Principal& who, std::string_view text, IntelFormat format,
                                                 const IntelImportOptions& options) {
  IntelImportReport report;
  report.origin = options.origin;
  SW_ASSIGN_OR_RETURN(report.owner, OwnerFor(who, options));
  for (const auto& r : options.recipients) {
    if (!model::IsOrgKey(r)) return InvalidArgument("recipients: '" + r + "' is not an organization key");
  }
  report.format = format;
  SW_ASSIGN_OR_RETURN(auto lists, WarningLists());
  const Timestamp now = ctx_.clock.Now();
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Result<IntelImportReport> {
    ImportWriter w(tx, report, options, now, lists.get());
    switch (report.format) {
      case IntelFormat::kStix: {
        SW_ASSIGN_OR_RETURN(auto r, intel::ImportStixBundle(text, {.default_source = options.origin,
                                                                   .default_tlp = options.default_tlp}));
        report.items = r.objects.size();
        for (const auto& o : r.objects) {
          if (o.status == intel::StixObjectStatus::kRejected || o.status == intel::StixObjectStatus::kNotMatchable) {
            ++(o.status == intel::StixObjectStatus::kRejected ? report.rejected : report.not_matchable);
            report.issues.push_back("#" + std::to_string(o.index) + " " + (o.id.empty() ? o.type : o.id) + ": " +
                                    o.reason);
          }
          if (o.status == intel::StixObjectStatus::kRevoked) ++report.skipped;
          if (!o.json.empty()) SW_RETURN_IF_ERROR(w.Object(o.id, o.type, o.version, o.tlp, o.json));
          report.outcomes.push_back({o.id, o.version,
                                     o.status == intel::StixObjectStatus::kNotMatchable
                                         ? "stored; its pattern is not matchable: " + o.reason
                                         : o.reason,
                                     !o.json.empty()});
        }
        for (auto& ind : r.indicators) SW_RETURN_IF_ERROR(w.Indicator(std::move(ind)));
        break;
      }
      case IntelFormat::kMispEvent: {
        SW_ASSIGN_OR_RETURN(auto r, intel::ImportMispEvent(text, {.default_tlp = options.default_tlp}));
        AddMispResult(r, report);
        for (auto& ind : r.indicators) SW_RETURN_IF_ERROR(w.MadeIndicator(std::move(ind)));
        break;
      }
      case IntelFormat::kMispFeed:
      case IntelFormat::kList: {
        auto r = intel::ParseLineList(text, options.origin);
        for (const auto& issue : r.rejected) {
          report.issues.push_back("line " + std::to_string(issue.line) + ": " + issue.reason);
        }
        report.items = r.indicators.size() + r.rejected.size();
        report.rejected = r.rejected.size();
        for (auto& ind : r.indicators) {
          ind.tlp = options.default_tlp;
          SW_RETURN_IF_ERROR(w.MadeIndicator(std::move(ind)));
        }
        break;
      }
    }
    SW_RETURN_IF_ERROR(Record(tx, who, now,
                              {.action = "intel.import",
                               .tenant = options.tenant.value_or(who.tenant_id),
                               .object_type = "intel_import",
                               .object_id = options.origin,
                               .after = json::object{{"format", IntelFormatName(report.format)},
                                                     {"owner", report.owner},
                                                     {"indicators_new", report.indicators_new},
                                                     {"indicators_merged", report.indicators_merged},
                                                     {"objects_stored", report.objects_stored},
                                                     {"rejected", report.rejected}}}));
    return report;
  });
}

Result<IntelImportReport> IntelService::ImportMispFeed(const Principal& who, const std::string& dir,
                                                       const IntelImportOptions& options) {
  IntelImportReport report;
  report.origin = options.origin.empty() ? dir : options.origin;
  report.format = IntelFormat::kMispFeed;
  SW_ASSIGN_OR_RETURN(report.owner, OwnerFor(who, options));
  SW_ASSIGN_OR_RETURN(auto r, intel::ImportMispFeed(dir, {.default_tlp = options.default_tlp}));
  AddMispResult(r, report);
  SW_ASSIGN_OR_RETURN(auto lists, WarningLists());
  const Timestamp now = ctx_.clock.Now();
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Result<IntelImportReport> {
    ImportWriter w(tx, report, options, now, lists.get());
    for (auto& ind : r.indicators) SW_RETURN_IF_ERROR(w.MadeIndicator(std::move(ind)));
    SW_RETURN_IF_ERROR(Record(tx, who, now,
                              {.action = "intel.import",
                               .tenant = options.tenant.value_or(who.tenant_id),
                               .object_type = "intel_import",
                               .object_id = report.origin,
                               .after = json::object{{"format", "MISP feed"},
                                                     {"owner", report.owner},
                                                     {"events", r.events},
                                                     {"indicators_new", report.indicators_new},
                                                     {"indicators_merged", report.indicators_merged}}}));
    return report;
  });
}

Result<std::shared_ptr<const intel::WarningListSet>> IntelService::WarningLists() {
  if (ctx_.intel.warninglists_dir.empty()) return std::shared_ptr<const intel::WarningListSet>();
  std::lock_guard lock(warninglists_mu_);
  if (warninglists_) return warninglists_;
  auto loaded = intel::LoadWarningLists(ctx_.intel.warninglists_dir);
  if (!loaded.ok()) return loaded.status().WithContext("intel.warninglists_dir");
  for (const auto& f : loaded->failures) spdlog::warn("warning list {}: {}", f.path, f.status.message());
  SW_ASSIGN_OR_RETURN(warninglists_, intel::WarningListSet::Build(std::move(loaded->lists)));
  spdlog::info("warning lists: {} lists, {} entries", warninglists_->lists().size(), warninglists_->entry_count());
  return warninglists_;
}

Result<model::IntelReader> IntelService::ReaderFor(const Principal& who) {
  SW_RETURN_IF_ERROR(Require(who, Permission::kIntelRead));
  if (auto partner = PartnerOf(who)) return model::IntelReader::OfPartner(*partner);
  if (who.is_center()) return model::IntelReader::Center();
  auto tx = ctx_.store.Begin(store::Store::Mode::kRead);
  if (!tx.ok()) return tx.status();
  SW_ASSIGN_OR_RETURN(auto partners, (*tx)->intel().PartnersServing(who.tenant_id));
  return model::IntelReader::Enterprise(who.tenant_id, partners);
}

Result<model::Page<model::IndicatorRecord>> IntelService::ListIndicators(const Principal& who,
                                                                        store::IndicatorQuery q) {
  SW_ASSIGN_OR_RETURN(q.reader, ReaderFor(who));
  auto tx = ctx_.store.Begin(store::Store::Mode::kRead);
  if (!tx.ok()) return tx.status();
  return (*tx)->intel().ListIndicators(q);
}

Result<model::IntelReader> IntelService::AudienceReader(const Principal& who, std::string_view audience) {
  SW_RETURN_IF_ERROR(Require(who, Permission::kIntelRead));
  if (!who.is_center() || PartnerOf(who)) return PermissionDenied("only the center exports for another audience");
  if (audience == "anonymous") return model::IntelReader::Anonymous();
  if (audience == model::kCenterOrg) return model::IntelReader::Center();
  if (!model::IsOrgKey(audience)) {
    return InvalidArgument("audience: '" + std::string(audience) +
                           "' is not center, anonymous, enterprise:<id> or partner:<id>");
  }
  auto tx = ctx_.store.Begin(store::Store::Mode::kRead);
  if (!tx.ok()) return tx.status();
  const size_t colon = audience.find(':');
  const std::string id(audience.substr(colon + 1));
  if (audience.substr(0, colon) == "partner") {
    SW_RETURN_IF_ERROR((*tx)->intel().GetPartner(model::PartnerId(id)).status());
    return model::IntelReader::OfPartner(model::PartnerId(id));
  }
  const model::TenantId tenant(id);
  SW_RETURN_IF_ERROR((*tx)->tenants().Get(ScopeIssuer::For(who), tenant).status());
  SW_ASSIGN_OR_RETURN(auto partners, (*tx)->intel().PartnersServing(tenant));
  return model::IntelReader::Enterprise(tenant, partners);
}

Status IntelService::Export(const Principal& who, const model::IntelReader& reader, IntelExportFormat format,
                            std::ostream& out) {
  SW_RETURN_IF_ERROR(Require(who, Permission::kIntelRead));
  auto tx = ctx_.store.Begin(store::Store::Mode::kRead);
  if (!tx.ok()) return tx.status();
  if (format == IntelExportFormat::kStix) {
    intel::StixBundleWriter w(out);
    int64_t after = 0;
    while (true) {
      SW_ASSIGN_OR_RETURN(auto page, (*tx)->intel().ListObjects({.reader = reader, .after_seq = after, .limit = 1000}));
      const size_t n = std::min<size_t>(page.size(), 1000);
      for (size_t i = 0; i < n; ++i) w.Add(page[i].json);
      if (page.size() <= 1000) break;
      after = page[n - 1].seq;
    }
    w.Finish();
    return {};
  }
  const Timestamp now = ctx_.clock.Now();
  std::optional<intel::MispEventWriter> misp;
  std::optional<intel::CsvWriter> csv;
  if (format == IntelExportFormat::kMisp) {
    misp.emplace(out, "守望威胁情报导出 Shouwang export", "中小企业网络安全服务中心", now);
  } else {
    csv.emplace(out);
  }
  // Records come sorted by (type, value): keep the most confident of each run.
  std::optional<model::Indicator> best;
  const auto flush = [&] {
    if (!best) return;
    if (misp) misp->Add(*best);
    if (csv) csv->Add(*best);
    best.reset();
  };
  SW_RETURN_IF_ERROR((*tx)->intel().ForEachIndicator(reader, [&](model::IndicatorRecord&& r) {
    if (r.indicator.valid_until && *r.indicator.valid_until <= now) return;
    if (!r.warnings.empty()) return;
    if (best && (best->type != r.indicator.type || best->value != r.indicator.value)) flush();
    if (!best || r.indicator.confidence > best->confidence) best = std::move(r.indicator);
  }));
  flush();
  if (misp) misp->Finish();
  return {};
}

Result<std::vector<IntelMatch>> IntelService::Match(const Principal& who, const model::IntelReader& reader,
                                                    const std::vector<std::string>& values) {
  SW_RETURN_IF_ERROR(Require(who, Permission::kIntelRead));
  auto tx = ctx_.store.Begin(store::Store::Mode::kRead);
  if (!tx.ok()) return tx.status();
  auto& repo = (*tx)->intel();
  std::vector<IntelMatch> out;
  for (const auto& input : values) {
    IntelMatch m;
    m.input = input;
    const auto type = intel::GuessType(input);
    if (!type) {
      m.checked = "not an indicator value";
      out.push_back(std::move(m));
      continue;
    }
    auto value = intel::NormalizeIndicator(*type, input);
    if (!value.ok()) {
      m.checked = value.status().message();
      out.push_back(std::move(m));
      continue;
    }
    m.checked = std::string(model::NameIn(model::kIndicatorTypeNames, *type)) + " " + *value;
    // (type, candidate values) to look up, most specific first.
    std::vector<std::pair<IndicatorType, std::vector<std::string>>> lookups;
    const auto add_ip = [&](const std::string& ip) {
      lookups.push_back({ip.find(':') == std::string::npos ? IndicatorType::kIpv4 : IndicatorType::kIpv6, {ip}});
      lookups.push_back({IndicatorType::kCidr, NetworksOf(ip)});
    };
    const auto add_host = [&](const std::string& host) {
      if (intel::GuessType(host) == IndicatorType::kIpv4 || intel::GuessType(host) == IndicatorType::kIpv6) {
        add_ip(host);
      } else {
        lookups.push_back({IndicatorType::kDomain, DomainAndParents(host)});
      }
    };
    switch (*type) {
      case IndicatorType::kIpv4:
      case IndicatorType::kIpv6:
        add_ip(*value);
        break;
      case IndicatorType::kCidr: {
        const std::string network = value->substr(0, value->find('/'));
        const int len = std::stoi(value->substr(value->find('/') + 1));
        std::vector<std::string> wider;
        for (auto& n : NetworksOf(network)) {
          if (std::stoi(n.substr(n.find('/') + 1)) <= len) wider.push_back(std::move(n));
        }
        lookups.push_back({IndicatorType::kCidr, wider});
        break;
      }
      case IndicatorType::kDomain:
        lookups.push_back({IndicatorType::kDomain, DomainAndParents(*value)});
        break;
      case IndicatorType::kUrl:
        lookups.push_back({IndicatorType::kUrl, {*value}});
        add_host(UrlHost(*value));
        break;
      case IndicatorType::kEmail:
        lookups.push_back({IndicatorType::kEmail, {*value}});
        add_host(value->substr(value->find('@') + 1));
        break;
      case IndicatorType::kMd5:
      case IndicatorType::kJa3:
        lookups.push_back({IndicatorType::kMd5, {*value}});
        lookups.push_back({IndicatorType::kJa3, {*value}});
        break;
      default:
        lookups.push_back({*type, {*value}});
    }
    for (const auto& [t, candidates] : lookups) {
      SW_ASSIGN_OR_RETURN(auto found, repo.FindIndicators(reader, t, candidates));
      // Most specific first: candidates are listed that way.
      for (const auto& c : candidates) {
        for (auto& r : found) {
          if (r.indicator.value == c) m.matches.push_back(std::move(r));
        }
      }
    }
    out.push_back(std::move(m));
  }
  return out;
}

Result<model::Partner> IntelService::AddPartner(const Principal& who, const std::string& name,
                                                const std::vector<model::TenantId>& clients) {
  SW_RETURN_IF_ERROR(Require(who, Permission::kIntelPartnerWrite));
  if (name.empty() || name.size() > 200) return InvalidArgument("name: 1 to 200 characters", "name");
  const Timestamp now = ctx_.clock.Now();
  model::Partner p{model::PartnerId(NewUlid(now)), name, clients, now};
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Result<model::Partner> {
    for (const auto& c : clients) {
      SW_RETURN_IF_ERROR(tx.tenants().Get(ScopeIssuer::For(who), c).status().WithContext("clients"));
    }
    SW_RETURN_IF_ERROR(tx.intel().InsertPartner(p));
    SW_RETURN_IF_ERROR(Record(tx, who, now,
                              {.action = "intel.partner_create",
                               .tenant = model::CenterTenantId(),
                               .object_type = "partner",
                               .object_id = p.id.str(),
                               .after = json::object{{"name", p.name}, {"clients", clients.size()}}}));
    return p;
  });
}

Result<model::TaxiiRemote> IntelService::AddRemote(const Principal& who, const RemoteInput& in) {
  SW_RETURN_IF_ERROR(Require(who, Permission::kIntelPartnerWrite));
  if (in.name.empty() || in.name.size() > 200) return InvalidArgument("name: 1 to 200 characters", "name");
  if (!(in.api_root.starts_with("https://") || in.api_root.starts_with("http://")) || in.api_root.size() > 2000) {
    return InvalidArgument("api_root: an http(s) URL of the remote's API root", "api_root");
  }
  if (in.collection_id.empty() || in.collection_id.size() > 200) {
    return InvalidArgument("collection_id: the remote collection's id", "collection_id");
  }
  if (in.interval_seconds < 60 || in.interval_seconds > 7 * 86400) {
    return InvalidArgument("interval_seconds: 60 to 604800", "interval_seconds");
  }
  const Timestamp now = ctx_.clock.Now();
  model::TaxiiRemote r;
  r.id = NewUlid(now);
  r.name = in.name;
  r.api_root = in.api_root;
  r.collection_id = in.collection_id;
  r.authorization = in.authorization;
  r.ca_file = in.ca_file;
  r.owner = in.partner ? model::PartnerOrg(*in.partner) : std::string(model::kCenterOrg);
  r.default_tlp = in.default_tlp;
  r.interval_seconds = in.interval_seconds;
  r.next_poll_at = now;  // at once
  r.created_at = now;
  return InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Result<model::TaxiiRemote> {
    if (in.partner) SW_RETURN_IF_ERROR(tx.intel().GetPartner(*in.partner).status());
    SW_RETURN_IF_ERROR(tx.intel().InsertRemote(r));
    SW_RETURN_IF_ERROR(Record(tx, who, now,
                              {.action = "intel.remote_create",
                               .tenant = model::CenterTenantId(),
                               .object_type = "taxii_remote",
                               .object_id = r.id,
                               .after = json::object{{"name", r.name},
                                                     {"api_root", r.api_root},
                                                     {"collection_id", r.collection_id},
                                                     {"owner", r.owner}}}));
    return r;
  });
}

Result<std::vector<model::TaxiiRemote>> IntelService::ListRemotes(const Principal& who) {
  SW_RETURN_IF_ERROR(Require(who, Permission::kIntelRead));
  if (!who.is_center() || PartnerOf(who)) return PermissionDenied("remote TAXII collections are the center's");
  auto tx = ctx_.store.Begin(store::Store::Mode::kRead);
  if (!tx.ok()) return tx.status();
  SW_ASSIGN_OR_RETURN(auto list, (*tx)->intel().ListRemotes());
  for (auto& r : list) r.authorization = r.authorization.empty() ? "" : "(set)";
  return list;
}

Result<std::vector<model::Partner>> IntelService::ListPartners(const Principal& who) {
  SW_RETURN_IF_ERROR(Require(who, Permission::kIntelRead));
  if (PartnerOf(who)) return PermissionDenied("partners do not see the list of partners");
  auto tx = ctx_.store.Begin(store::Store::Mode::kRead);
  if (!tx.ok()) return tx.status();
  return (*tx)->intel().ListPartners();
}

Result<std::vector<TaxiiCollectionView>> IntelService::Collections(const Principal& who) {
  SW_ASSIGN_OR_RETURN(model::IntelReader reader, ReaderFor(who));
  auto tx = ctx_.store.Begin(store::Store::Mode::kRead);
  if (!tx.ok()) return tx.status();
  SW_ASSIGN_OR_RETURN(auto all, (*tx)->intel().ListCollections());
  const bool may_import = Allows(who, Permission::kIntelImport);
  std::vector<TaxiiCollectionView> out;
  for (auto& c : all) {
    TaxiiCollectionView v{std::move(c), false, false};
    v.can_read = model::OrgInPatterns(reader.org, v.collection.readers);
    v.can_write = may_import && model::OrgInPatterns(reader.org, v.collection.writers);
    if (v.can_read || v.can_write) out.push_back(std::move(v));
  }
  return out;
}

Result<TaxiiCollectionView> IntelService::Collection(const Principal& who, const std::string& id) {
  SW_ASSIGN_OR_RETURN(auto all, Collections(who));
  for (auto& c : all) {
    if (c.collection.id == id) return std::move(c);
  }
  return NotFound("collection " + id.substr(0, 64) + " not found");
}

Result<std::vector<model::IntelObject>> IntelService::CollectionObjects(const Principal& who,
                                                                       const std::string& collection,
                                                                       store::IntelObjectQuery q) {
  SW_ASSIGN_OR_RETURN(TaxiiCollectionView c, Collection(who, collection));
  if (!c.can_read) return PermissionDenied("this collection may be added to, not read");
  SW_ASSIGN_OR_RETURN(q.reader, ReaderFor(who));
  q.collection = collection;
  auto tx = ctx_.store.Begin(store::Store::Mode::kRead);
  if (!tx.ok()) return tx.status();
  return (*tx)->intel().ListObjects(q);
}

Result<json::object> IntelService::AddObjects(const Principal& who, const std::string& collection,
                                              const json::array& objects) {
  SW_ASSIGN_OR_RETURN(TaxiiCollectionView c, Collection(who, collection));
  if (!c.can_write) return PermissionDenied("this collection may be read, not added to");
  const Timestamp now = ctx_.clock.Now();
  IntelImportOptions options;
  options.collection = collection;
  options.origin = "TAXII";
  SW_ASSIGN_OR_RETURN(IntelImportReport report, ImportObjects(who, objects, options));
  json::array successes, failures;
  for (const auto& o : report.outcomes) {
    json::object e{{"id", o.id}, {"version", o.version}};
    if (!o.message.empty()) e["message"] = o.message;
    (o.ok ? successes : failures).push_back(std::move(e));
  }
  json::object status{{"id", NewUuid4()},
                      {"status", "complete"},
                      {"request_timestamp", FormatRfc3339(now)},
                      {"total_count", static_cast<int64_t>(objects.size())},
                      {"success_count", static_cast<int64_t>(successes.size())},
                      {"successes", std::move(successes)},
                      {"failure_count", static_cast<int64_t>(failures.size())},
                      {"failures", std::move(failures)},
                      {"pending_count", 0},
                      {"pendings", json::array()}};
  SW_RETURN_IF_ERROR(InWriteTransaction(ctx_.store, [&](store::Transaction& tx) -> Status {
    return tx.intel().PutStatus({std::string(status.at("id").as_string()), report.owner, now, ToJson(status)});
  }));
  return status;
}

Result<json::object> IntelService::TaxiiStatus(const Principal& who, const std::string& status_id) {
  SW_ASSIGN_OR_RETURN(model::IntelReader reader, ReaderFor(who));
  auto tx = ctx_.store.Begin(store::Store::Mode::kRead);
  if (!tx.ok()) return tx.status();
  SW_ASSIGN_OR_RETURN(store::IntelStatusRecord r, (*tx)->intel().GetStatus(status_id));
  if (!reader.center && r.owner != reader.org) return NotFound("status " + status_id.substr(0, 64) + " not found");
  auto v = ParseJson(r.json);
  if (!v.ok() || !v->is_object()) return DataLoss("stored status " + status_id + " is not a JSON object");
  return v->as_object();
}

Result<CreatedToken> IntelService::CreatePartnerToken(const Principal& who, const model::PartnerId& partner,
                                                      const std::string& name) {
  SW_RETURN_IF_ERROR(Require(who, Permission::kIntelPartnerWrite));
  {
    auto tx = ctx_.store.Begin(store::Store::Mode::kRead);
    if (!tx.ok()) return tx.status();
    SW_RETURN_IF_ERROR((*tx)->intel().GetPartner(partner).status());
  }
  model::TokenCreate in;
  in.name = name.empty() ? "TAXII" : name;
  in.kind = model::TokenKind::kIntelExchange;
  in.partner_id = partner.str();
  return UserService(ctx_).CreateToken(who, model::CenterTenantId(), in);
}

}  // namespace sw::service
