// SPDX-License-Identifier: Apache-2.0
//
// Choosing the fast pattern of a rule (see rule_parser.h). The prefilter
// only pays off when the literal is rare in traffic, so between contents of
// equal length the one with more distinct, less common bytes wins: spaces,
// CR/LF, NUL, 0xff and letters (case-folded by nocase) are frequent in
// payloads; other bytes are rarer.
#include <array>

#include "detect/rule_parser.h"

namespace sw::detect {
namespace {

int Strength(std::string_view bytes) {
  std::array<bool, 256> seen{};
  int score = 0;
  for (char ch : bytes) {
    const auto u = static_cast<unsigned char>(ch);
    if (seen[u]) {
      score += 1;
      continue;
    }
    seen[u] = true;
    const bool common = u == 0x00 || u == 0xff || u == ' ' || u == '\r' || u == '\n' ||
                        (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
    score += common ? 3 : 5;
  }
  return score;
}

std::string SliceOf(const Content& c) {
  if (!c.fast_pattern_slice) return c.bytes;
  return c.bytes.substr(c.fast_pattern_slice->first, c.fast_pattern_slice->second);
}

}  // namespace

std::optional<FastPattern> ChooseFastPattern(const std::vector<DetectOption>& options) {
  std::optional<size_t> best;
  bool best_negated = true;
  size_t best_len = 0;
  int best_strength = -1;
  for (size_t i = 0; i < options.size(); ++i) {
    const auto* c = std::get_if<Content>(&options[i].kind);
    if (c == nullptr) continue;
    if (c->fast_pattern) {
      best = i;
      break;
    }
    const std::string bytes = SliceOf(*c);
    const int strength = Strength(bytes);
    // Non-negated beats negated; then longer; then stronger; then earlier.
    const bool better = !best || (best_negated && !c->negated) ||
                        (best_negated == c->negated &&
                         (bytes.size() > best_len || (bytes.size() == best_len && strength > best_strength)));
    if (better) {
      best = i;
      best_negated = c->negated;
      best_len = bytes.size();
      best_strength = strength;
    }
  }
  if (!best) return std::nullopt;
  const auto& c = std::get<Content>(options[*best].kind);
  return FastPattern{*best, SliceOf(c), c.nocase, options[*best].buffer, c.fast_pattern};
}

}  // namespace sw::detect
