// SPDX-License-Identifier: Apache-2.0
//
// `shouwang admin`: local administration on the data folder, without the
// server: adding a user (the first center admin, say), resetting a password,
// unlocking an account. Acts as the "system" principal; every change is
// audited like one made in the console.
#pragma once

namespace sw::cmd {

int RunAdmin(int argc, char** argv);

}  // namespace sw::cmd
