// SPDX-License-Identifier: Apache-2.0
//
// shouwang: one binary, many commands. This file is the dispatch table and
// nothing else.
#include <cstdio>
#include <cstring>
#include <string_view>

#include "api/version.h"
#include "cmd/admin/admin.h"
#include "cmd/config/config_command.h"
#include "cmd/intel/intel.h"
#include "cmd/scan/scan.h"
#include "cmd/sensor/sensor.h"
#include "cmd/serve/serve.h"

namespace {

struct Command {
  const char* name;
  const char* help;
  int (*run)(int argc, char** argv);
};

int RunVersion(int, char**) {
  std::printf("shouwang %s\n", sw::api::kVersion);
  return 0;
}

constexpr Command kCommands[] = {
    {"serve", "serve the web console and API (the platform server)", sw::cmd::RunServe},
    {"scan", "scan TCP ports of authorized targets", sw::cmd::RunScan},
    {"sensor", "network sensor: decode captures, track flows, write EVE JSON", sw::cmd::RunSensor},
    {"intel", "threat intelligence: import, export, match (STIX 2.1, MISP, CSV)", sw::cmd::RunIntel},
    {"admin", "local administration: add users to a data folder", sw::cmd::RunAdmin},
    {"config", "describe the configuration keys", sw::cmd::RunConfig},
    {"version", "print the version", RunVersion},
};

void PrintHelp(FILE* out) {
  std::fputs("守望 Shouwang — security platform for SME cybersecurity service centers\n\n"
             "usage: shouwang COMMAND [OPTIONS]   (shouwang COMMAND --help for its options)\n\n"
             "commands:\n",
             out);
  for (const auto& c : kCommands) std::fprintf(out, "  %-10s %s\n", c.name, c.help);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "help") == 0 || std::strcmp(argv[1], "--help") == 0 ||
      std::strcmp(argv[1], "-h") == 0) {
    PrintHelp(stdout);
    return argc < 2 ? 2 : 0;
  }
  for (const auto& c : kCommands) {
    if (std::string_view(argv[1]) == c.name) return c.run(argc - 1, argv + 1);
  }
  std::fprintf(stderr, "shouwang: unknown command \"%s\"\n\n", argv[1]);
  PrintHelp(stderr);
  return 2;
}
