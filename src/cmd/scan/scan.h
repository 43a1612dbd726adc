// SPDX-License-Identifier: Apache-2.0
//
// `shouwang scan`: the scanning engine from the command line. Every target
// must be inside a declared scope: either --scope (networks the operator
// states are authorized, printed with the results) or --data/--tenant (the
// platform's approved scan authorizations; refusals are audited). Prints a
// table, or JSON with --json. Exit status: 0 done, 1 usage or input error,
// 2 runtime failure.
#pragma once

namespace sw::cmd {

int RunScan(int argc, char** argv);

}  // namespace sw::cmd
