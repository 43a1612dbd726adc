// SPDX-License-Identifier: Apache-2.0
//
// `shouwang serve`: the platform server (console + API) on the embedded
// default: opens or creates the data folder, database, TLS certificate and
// first admin, serves until SIGTERM or SIGINT, then shuts down gracefully.
#pragma once

namespace sw::cmd {

int RunServe(int argc, char** argv);

}  // namespace sw::cmd
