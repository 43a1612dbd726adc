// SPDX-License-Identifier: Apache-2.0
//
// `shouwang intel`: threat intelligence on the data folder, without the
// server. `import FILE...` (format sniffed: STIX 2.1, MISP event, MISP feed
// folder, CSV or plain list) prints a report per file; `export --format
// stix|misp|csv [--audience ORG]` writes to standard output what TLP lets the
// audience see; `match VALUE...` prints the indicators each value matches;
// `partner add|list` manages partner organizations. Acts as the "system"
// principal (the center); imports are audited.
//
// Exit status: 0 when every file was read (objects in it may still have been
// rejected: the report says which) and every value checked; 1 for bad
// arguments or a file that could not be read at all; 2 for other failures.
#pragma once

namespace sw::cmd {

int RunIntel(int argc, char** argv);

}  // namespace sw::cmd
