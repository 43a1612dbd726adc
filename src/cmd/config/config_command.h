// SPDX-License-Identifier: Apache-2.0
//
// `shouwang config describe`: every configuration key with its default,
// environment variable and help, generated from the schema in code.
#pragma once

namespace sw::cmd {

int RunConfig(int argc, char** argv);

}  // namespace sw::cmd
