// SPDX-License-Identifier: Apache-2.0
#include "cmd/admin/admin.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "cmd/common/platform_config.h"
#include "core/crypto.h"
#include "core/log.h"
#include "service/bootstrap.h"
#include "service/platform.h"

namespace sw::cmd {
namespace {

int Fail(const Status& s) {
  std::fprintf(stderr, "shouwang admin: %s\n", s.message().c_str());
  return s.code() == StatusCode::kInvalidArgument || s.code() == StatusCode::kAlreadyExists ||
                 s.code() == StatusCode::kNotFound
             ? 1
             : 2;
}

// Reads one line from standard input without its line ending.
std::string ReadSecretLine() {
  std::string line;
  std::getline(std::cin, line);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return line;
}

}  // namespace

int RunAdmin(int argc, char** argv) {
  CLI::App app{"Local administration of a Shouwang data folder", "shouwang admin"};
  app.require_subcommand(1);
  std::string config_file, data_dir;
  app.add_option("--config", config_file, "YAML configuration file")->check(CLI::ExistingFile);
  app.add_option("--data", data_dir, "data folder (default var/)");

  CLI::App* user = app.add_subcommand("user", "manage user accounts");
  user->require_subcommand(1);
  CLI::App* add = user->add_subcommand("add", "add a user account");
  std::string tenant = "center", role, username, display_name;
  bool password_stdin = false;
  for (CLI::App* a : {add}) {
    a->add_option("--data", data_dir, "data folder (default var/)");
    a->add_option("--config", config_file, "YAML configuration file");
  }
  add->add_option("--tenant", tenant, "tenant id (\"center\" for the service center)");
  add->add_option("--role", role, "center_admin, center_analyst, tenant_admin or tenant_member")->required();
  add->add_option("--username", username, "login name")->required();
  add->add_option("--display-name", display_name, "name shown in the console");
  add->add_flag("--password-stdin", password_stdin, "read the password from standard input")->required();
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
  service::ServiceContext ctx{**store, SystemClock::Instance(), AuthSettingsFrom(*config)};
  // The center tenant must exist; no admin is generated here.
  if (auto b = service::Bootstrap(ctx, /*create_admin=*/false); !b.ok()) return Fail(b.status());
  service::Platform platform(ctx);

  if (add->parsed()) {
    auto parsed_role = model::ParseIn(model::kRoleNames, role);
    if (!parsed_role) return Fail(InvalidArgument("--role: must be " + model::ChoicesIn(model::kRoleNames)));
    model::UserCreate in{username, display_name, *parsed_role, ReadSecretLine()};
    if (Status s = model::ValidateUsername(in.username); !s.ok()) return Fail(s);
    auto u = platform.users.Create(service::Principal::System(), model::TenantId(tenant), in,
                                   /*must_change_password=*/false);
    if (!u.ok()) return Fail(u.status());
    std::cout << "added user " << u->username << " (" << role << ") to tenant " << tenant << "\n";
    return 0;
  }
  return 1;
}

}  // namespace sw::cmd
