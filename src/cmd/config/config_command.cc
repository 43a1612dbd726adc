// SPDX-License-Identifier: Apache-2.0
#include "cmd/config/config_command.h"

#include <cstdio>
#include <iostream>
#include <string_view>

#include "cmd/common/platform_config.h"

namespace sw::cmd {

int RunConfig(int argc, char** argv) {
  if (argc >= 2 && std::string_view(argv[1]) == "describe") {
    std::cout << ConfigurationMarkdown();
    return 0;
  }
  std::fputs("usage: shouwang config describe\n", stderr);
  return 1;
}

}  // namespace sw::cmd
