// SPDX-License-Identifier: Apache-2.0
//
// main() of every test binary: initializes process-wide state the way cmd/
// does (crypto), then runs GoogleTest.
#include <gtest/gtest.h>

#include "core/crypto.h"

int main(int argc, char** argv) {
  sw::InitCrypto();
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
