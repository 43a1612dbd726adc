// SPDX-License-Identifier: Apache-2.0
//
// `shouwang sensor`: the network sensor on its own: read captures (or a live
// interface), decode, track flows, and write EVE JSON.
#pragma once

namespace sw::cmd {

int RunSensor(int argc, char** argv);

}  // namespace sw::cmd
