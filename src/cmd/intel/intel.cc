// SPDX-License-Identifier: Apache-2.0
#include "cmd/intel/intel.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>

#include "cmd/common/platform_config.h"
#include "core/crypto.h"
#include "core/file.h"
#include "core/log.h"
#include "service/bootstrap.h"
#include "service/platform.h"

namespace sw::cmd {
namespace {

// 1: the input was wrong (arguments, files); 2: anything else.
int ExitCodeOf(const Status& s) {
  return s.code() == StatusCode::kInvalidArgument || s.code() == StatusCode::kNotFound ||
                 s.code() == StatusCode::kAlreadyExists || s.code() == StatusCode::kResourceExhausted
             ? 1
             : 2;
}

int Fail(const Status& s) {
  std::fprintf(stderr, "shouwang intel: %s\n", s.message().c_str());
  return ExitCodeOf(s);
}

constexpr size_t kMaxFileBytes = size_t{512} << 20;

// A folder with manifest.json is a MISP feed; any other folder stands for
// the files in it (sorted), so a folder of event files imports in one go.
std::vector<std::string> ExpandFolders(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const auto& a : args) {
    std::error_code ec;
    if (!std::filesystem::is_directory(a, ec) || std::filesystem::exists(a + "/manifest.json", ec)) {
      out.push_back(a);
      continue;
    }
    std::vector<std::string> inside;
    for (const auto& e : std::filesystem::directory_iterator(a, ec)) {
      if (e.is_regular_file(ec)) inside.push_back(e.path().string());
    }
    std::sort(inside.begin(), inside.end());
    out.insert(out.end(), inside.begin(), inside.end());
  }
  return out;
}

Result<std::string> ReadInput(const std::string& file) {
  if (file != "-") return ReadFileToString(file, kMaxFileBytes);
  std::string text;
  char buf[65536];
  while (std::cin.read(buf, sizeof buf) || std::cin.gcount() > 0) {
    text.append(buf, static_cast<size_t>(std::cin.gcount()));
    if (text.size() > kMaxFileBytes) return ResourceExhausted("standard input: over 512 MiB");
  }
  return text;
}

int Import(service::Platform& platform, const std::vector<std::string>& args,
           const service::IntelImportOptions& base) {
  int rc = 0;
  for (const auto& file : ExpandFolders(args)) {
    service::IntelImportOptions options = base;
    options.origin = file == "-" ? "stdin" : std::filesystem::path(file).filename().string();
    Result<service::IntelImportReport> r = InvalidArgument("unread");
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) {
      r = platform.intel.ImportMispFeed(service::Principal::System(), file, options);
    } else {
      auto text = ReadInput(file);
      if (!text.ok()) {
        r = text.status();
      } else {
        r = platform.intel.Import(service::Principal::System(), *text, options);
      }
    }
    if (!r.ok()) {
      std::fprintf(stderr, "%s: %s\n", file.c_str(), r.status().message().c_str());
      rc = std::max(rc, ExitCodeOf(r.status()));
      continue;
    }
    std::cout << service::FormatImportReport(*r);
  }
  return rc;
}

void PrintMatches(const std::vector<service::IntelMatch>& matches) {
  for (const auto& m : matches) {
    std::cout << m.input << ": " << m.checked << " — ";
    if (m.matches.empty()) {
      std::cout << "no match\n";
      continue;
    }
    std::cout << m.matches.size() << (m.matches.size() == 1 ? " match\n" : " matches\n");
    for (const auto& r : m.matches) {
      const auto& i = r.indicator;
      std::cout << "  " << model::NameIn(model::kIndicatorTypeNames, i.type) << ' ' << i.value
                << "  tlp:" << model::NameIn(model::kTlpNames, i.tlp) << "  confidence " << i.confidence
                << "  source " << (i.source.empty() ? "-" : i.source) << "  owner " << r.owner;
      if (!i.name.empty()) std::cout << "  \"" << i.name << '"';
      if (!i.stix_id.empty()) std::cout << "  " << i.stix_id;
      std::cout << '\n';
      if (!r.warnings.empty()) {
        std::cout << "    on a warning list (known benign, never alerts):";
        for (const auto& w : r.warnings) std::cout << " " << w << ";";
        std::cout << '\n';
      }
    }
  }
}

}  // namespace

int RunIntel(int argc, char** argv) {
  CLI::App app{"Threat intelligence in a Shouwang data folder", "shouwang intel"};
  app.require_subcommand(1);
  std::string config_file, data_dir;
  const auto common = [&](CLI::App* a) {
    a->add_option("--data", data_dir, "data folder (default var/)");
    a->add_option("--config", config_file, "YAML configuration file");
  };
  common(&app);

  CLI::App* import = app.add_subcommand("import", "import STIX 2.1, MISP events or feeds, CSV or plain lists");
  common(import);
  std::vector<std::string> files, recipients;
  std::string tenant, partner, tlp = "amber";
  import->add_option("--tenant", tenant, "owner: this enterprise (tenant id) instead of the center");
  import->add_option("--partner", partner, "owner: this partner (partner id), for a feed it shared");
  import->add_option("--tlp", tlp, "TLP of what comes without a marking: clear, green, amber, amber+strict, red");
  import->add_option("--recipient", recipients, "organization allowed to read RED (enterprise:<id>, partner:<id>)");
  import->add_option("FILE", files, "files (- for standard input), MISP feed folders, folders of files")->required();

  CLI::App* exp = app.add_subcommand("export", "write intelligence to standard output, as TLP allows the audience");
  common(exp);
  std::string format, audience = "center";
  exp->add_option("--format", format, "stix, misp or csv")->required();
  exp->add_option("--audience", audience, "center (default), anonymous, enterprise:<id> or partner:<id>");

  CLI::App* match = app.add_subcommand("match", "print the indicators each value matches");
  common(match);
  std::vector<std::string> values;
  match->add_option("VALUE", values, "addresses, networks, domains, URLs, e-mail addresses, hashes")->required();

  CLI::App* partners = app.add_subcommand("partner", "partner organizations (运营商, 安全厂商)");
  partners->require_subcommand(1);
  CLI::App* padd = partners->add_subcommand("add", "add a partner");
  common(padd);
  std::string partner_name;
  std::vector<std::string> clients;
  padd->add_option("NAME", partner_name, "the partner's name")->required();
  padd->add_option("--client", clients, "an enterprise (tenant id) it serves; repeat for more");
  CLI::App* plist = partners->add_subcommand("list", "list partners");
  common(plist);

  CLI::App* remotes = app.add_subcommand("remote", "remote TAXII 2.1 collections the platform polls");
  remotes->require_subcommand(1);
  CLI::App* radd = remotes->add_subcommand("add", "add a remote collection (polled at once, then every --interval)");
  common(radd);
  service::IntelService::RemoteInput remote_in;
  std::string remote_token, remote_partner, remote_tlp = "amber", remote_name;
  radd->add_option("NAME", remote_in.name, "a name for it")->required();
  radd->add_option("--api-root", remote_in.api_root, "the remote's API root URL (https://host/taxii2/api1/)")->required();
  radd->add_option("--collection", remote_in.collection_id, "the remote collection's id")->required();
  radd->add_option("--token", remote_token, "a bearer token the remote gave (or SW_TAXII_TOKEN)");
  radd->add_option("--ca-file", remote_in.ca_file, "trust this certificate (PEM) for the remote");
  radd->add_option("--partner", remote_partner, "store what it gives as this partner's (partner id); else the center's");
  radd->add_option("--tlp", remote_tlp, "TLP of objects that come without a marking (default amber)");
  radd->add_option("--interval", remote_in.interval_seconds, "seconds between polls (default 3600)");
  CLI::App* rlist = remotes->add_subcommand("list", "list remotes with their last poll");
  common(rlist);
  CLI::App* rpoll = remotes->add_subcommand("poll", "poll a remote now");
  common(rpoll);
  rpoll->add_option("NAME", remote_name, "the remote's name or id")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 1;
  }

  std::map<std::string, std::string> overrides;
  if (!data_dir.empty()) overrides["data_dir"] = data_dir;
  auto config = LoadPlatformConfig(config_file, overrides);
  if (!config.ok()) return Fail(config.status());
  if (Status s = InitLogging("warn", "text"); !s.ok()) return Fail(s);
  InitCrypto();
  auto store = OpenPlatformStore(*config);
  if (!store.ok()) return Fail(store.status());
  service::ServiceContext ctx{**store, SystemClock::Instance(), AuthSettingsFrom(*config), {},
                              IntelSettingsFrom(*config)};
  if (auto b = service::Bootstrap(ctx, /*create_admin=*/false); !b.ok()) return Fail(b.status());
  service::Platform platform(ctx);
  const service::Principal system = service::Principal::System();

  if (import->parsed()) {
    service::IntelImportOptions options;
    auto level = model::ParseIn(model::kTlpNames, tlp);
    if (!level) return Fail(InvalidArgument("--tlp: must be " + model::ChoicesIn(model::kTlpNames)));
    options.default_tlp = *level;
    if (!tenant.empty()) options.tenant = model::TenantId(tenant);
    if (!partner.empty()) options.partner = model::PartnerId(partner);
    options.recipients = recipients;
    return Import(platform, files, options);
  }
  if (exp->parsed()) {
    const std::map<std::string, service::IntelExportFormat> formats = {
        {"stix", service::IntelExportFormat::kStix},
        {"misp", service::IntelExportFormat::kMisp},
        {"csv", service::IntelExportFormat::kCsv}};
    auto f = formats.find(format);
    if (f == formats.end()) return Fail(InvalidArgument("--format: must be stix, misp or csv"));
    auto reader = platform.intel.AudienceReader(system, audience);
    if (!reader.ok()) return Fail(reader.status());
    if (Status s = platform.intel.Export(system, *reader, f->second, std::cout); !s.ok()) return Fail(s);
    std::cout.flush();
    return std::cout ? 0 : 2;
  }
  if (match->parsed()) {
    auto m = platform.intel.Match(system, model::IntelReader::Center(), values);
    if (!m.ok()) return Fail(m.status());
    PrintMatches(*m);
    return 0;
  }
  if (padd->parsed()) {
    std::vector<model::TenantId> ids;
    for (const auto& c : clients) ids.emplace_back(c);
    auto p = platform.intel.AddPartner(system, partner_name, ids);
    if (!p.ok()) return Fail(p.status());
    std::cout << "added partner " << p->name << " (id " << p->id.str() << ", serving " << p->clients.size()
              << " enterprises)\n";
    return 0;
  }
  if (radd->parsed()) {
    auto level = model::ParseIn(model::kTlpNames, remote_tlp);
    if (!level) return Fail(InvalidArgument("--tlp: must be " + model::ChoicesIn(model::kTlpNames)));
    remote_in.default_tlp = *level;
    if (remote_token.empty()) {
      if (const char* t = std::getenv("SW_TAXII_TOKEN")) remote_token = t;
    }
    if (!remote_token.empty()) remote_in.authorization = "Bearer " + remote_token;
    if (!remote_partner.empty()) remote_in.partner = model::PartnerId(remote_partner);
    auto r = platform.intel.AddRemote(system, remote_in);
    if (!r.ok()) return Fail(r.status());
    std::cout << "added remote " << r->name << " (id " << r->id << "), owner " << r->owner << "\n";
    return 0;
  }
  if (rlist->parsed()) {
    auto list = platform.intel.ListRemotes(system);
    if (!list.ok()) return Fail(list.status());
    for (const auto& r : *list) {
      std::cout << r.name << '\t' << r.api_root << "collections/" << r.collection_id << "/\t" << r.owner
                << "\tlast poll " << (r.last_poll_at ? FormatRfc3339(*r.last_poll_at) : std::string("never")) << ": "
                << (r.last_status.empty() ? "-" : r.last_status) << "\tnext " << FormatRfc3339(r.next_poll_at)
                << "\tafter " << (r.added_after.empty() ? "-" : r.added_after) << '\n';
    }
    return 0;
  }
  if (rpoll->parsed()) {
    auto r = platform.taxii.PollNow(remote_name);
    if (!r.ok()) return Fail(r.status());
    r->report.origin = remote_name;
    r->report.format = service::IntelFormat::kStix;
    std::cout << r->pages << (r->pages == 1 ? " page, " : " pages, ") << r->objects << " objects; next poll after "
              << (r->checkpoint.empty() ? "-" : r->checkpoint) << "\n"
              << service::FormatImportReport(r->report);
    return 0;
  }
  if (plist->parsed()) {
    auto list = platform.intel.ListPartners(system);
    if (!list.ok()) return Fail(list.status());
    for (const auto& p : *list) {
      std::cout << p.id.str() << '\t' << p.name << '\t';
      for (size_t i = 0; i < p.clients.size(); ++i) std::cout << (i ? "," : "") << p.clients[i].str();
      std::cout << '\n';
    }
    return 0;
  }
  return 1;
}

}  // namespace sw::cmd
