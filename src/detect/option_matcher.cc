// SPDX-License-Identifier: Apache-2.0
#include "detect/option_matcher.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <memory>

namespace sw::detect {
namespace {

using Size = int64_t;

bool EqualAt(std::string_view data, Size at, const std::string& pat, bool nocase) {
  if (!nocase) return std::memcmp(data.data() + at, pat.data(), pat.size()) == 0;
  for (size_t i = 0; i < pat.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(data[static_cast<size_t>(at) + i])) !=
        std::tolower(static_cast<unsigned char>(pat[i]))) {
      return false;
    }
  }
  return true;
}

// The next occurrence of `pat` starting in [from, last_start]; -1 if none.
Size Find(std::string_view data, const std::string& pat, bool nocase, Size from, Size last_start) {
  if (pat.empty()) return from <= last_start ? from : -1;
  if (!nocase) {
    while (from <= last_start) {
      const void* hit = std::memchr(data.data() + from, static_cast<unsigned char>(pat[0]),
                                    static_cast<size_t>(last_start - from + 1));
      if (hit == nullptr) return -1;
      const Size at = static_cast<const char*>(hit) - data.data();
      if (EqualAt(data, at, pat, false)) return at;
      from = at + 1;
    }
    return -1;
  }
  for (Size at = from; at <= last_start; ++at) {
    if (EqualAt(data, at, pat, true)) return at;
  }
  return -1;
}

// The search window [start, end) of a content, given the end of the
// previous match on this buffer.
void Window(const Content& c, Size prev_end, Size size, Size& start, Size& end) {
  start = 0;
  end = size;
  if (c.relative()) {
    const Size distance = c.distance.value_or(0);
    start = std::max<Size>(0, prev_end + distance);
    if (c.within) end = std::min(end, prev_end + distance + *c.within);
  } else {
    if (c.offset) start = std::max<Size>(0, *c.offset);
    if (c.depth) end = std::min(end, static_cast<Size>(c.offset.value_or(0)) + *c.depth);
  }
  if (c.startswith) {
    start = 0;
    end = std::min(end, static_cast<Size>(c.bytes.size()));
  }
}

bool ReadNumber(std::string_view data, Size at, uint8_t nbytes, Endian endian, NumBase base, uint64_t& value,
                Size& consumed) {
  if (at < 0) return false;
  if (base == NumBase::kBinary) {
    if (nbytes == 0 || nbytes > 8 || at + nbytes > static_cast<Size>(data.size())) return false;
    value = 0;
    for (uint8_t i = 0; i < nbytes; ++i) {
      const auto b = static_cast<uint8_t>(data[static_cast<size_t>(at) + (endian == Endian::kLittle ? nbytes - 1 - i : i)]);
      value = value << 8 | b;
    }
    consumed = nbytes;
    return true;
  }
  const int radix = base == NumBase::kHex ? 16 : base == NumBase::kOct ? 8 : 10;
  Size len = nbytes == 0 ? static_cast<Size>(data.size()) - at : nbytes;
  if (len <= 0 || at + len > static_cast<Size>(data.size())) return false;
  const char* first = data.data() + at;
  auto [p, ec] = std::from_chars(first, first + len, value, radix);
  if (ec != std::errc() || p == first) return false;
  consumed = p - first;
  return true;
}

bool TestValue(const ByteTest& t, uint64_t v) {
  if (t.bitmask) v &= *t.bitmask;
  bool r = false;
  switch (t.op) {
    case ByteTest::Op::kLt: r = v < t.value; break;
    case ByteTest::Op::kGt: r = v > t.value; break;
    case ByteTest::Op::kEq: r = v == t.value; break;
    case ByteTest::Op::kLe: r = v <= t.value; break;
    case ByteTest::Op::kGe: r = v >= t.value; break;
    case ByteTest::Op::kAnd: r = (v & t.value) != 0; break;
    case ByteTest::Op::kXor: r = (v ^ t.value) != 0; break;
  }
  return t.negated ? !r : r;
}

class Run {
 public:
  Run(const std::vector<const DetectOption*>& options, std::string_view data, MatchBudget& budget)
      : o_(options), data_(data), size_(static_cast<Size>(data.size())), budget_(budget) {}

  bool From(size_t i, Size prev_end) {
    if (i == o_.size()) return true;
    if (--budget_.steps < 0) return false;
    const DetectOption& opt = *o_[i];
    if (const auto* c = std::get_if<Content>(&opt.kind)) return MatchContent(*c, i, prev_end);
    if (const auto* p = std::get_if<Pcre>(&opt.kind)) return MatchPcre(*p, i, prev_end);
    if (const auto* d = std::get_if<IsDataAt>(&opt.kind)) {
      const Size at = (d->relative ? prev_end : 0) + d->offset;
      const bool present = at >= 0 && at < size_;
      return present != d->negated && From(i + 1, prev_end);
    }
    if (const auto* t = std::get_if<ByteTest>(&opt.kind)) {
      uint64_t v = 0;
      Size used = 0;
      const Size at = (t->relative ? prev_end : 0) + t->offset;
      if (!ReadNumber(data_, at, t->nbytes, t->endian, t->base, v, used)) return false;
      return TestValue(*t, v) && From(i + 1, prev_end);
    }
    if (const auto* j = std::get_if<ByteJump>(&opt.kind)) {
      uint64_t v = 0;
      Size used = 0;
      const Size at = (j->relative ? prev_end : 0) + j->offset;
      if (!ReadNumber(data_, at, j->nbytes, j->endian, j->base, v, used)) return false;
      if (j->bitmask) v &= *j->bitmask;
      Size jump = static_cast<Size>(v) * j->multiplier;
      if (j->align && (jump % 4) != 0) jump += 4 - jump % 4;
      Size base = at + used;
      if (j->from_beginning) base = 0;
      if (j->from_end) base = size_;
      const Size pos = base + jump + j->post_offset;
      if (pos < 0 || pos > size_) return false;
      return From(i + 1, pos);
    }
    if (const auto* b = std::get_if<BufferSize>(&opt.kind)) {
      return b->cmp.Matches(static_cast<uint64_t>(size_)) && From(i + 1, prev_end);
    }
    return false;
  }

 private:
  bool MatchContent(const Content& c, size_t i, Size prev_end) {
    Size start = 0, end = 0;
    Window(c, prev_end, size_, start, end);
    const Size len = static_cast<Size>(c.bytes.size());
    Size last_start = end - len;
    if (c.endswith) {
      // The match must end the buffer.
      start = std::max(start, size_ - len);
      last_start = std::min(last_start, size_ - len);
    }
    if (c.negated) {
      const bool found = start <= last_start && Find(data_, c.bytes, c.nocase, start, last_start) >= 0;
      return !found && From(i + 1, prev_end);
    }
    for (Size at = start; at <= last_start;) {
      const Size hit = Find(data_, c.bytes, c.nocase, at, last_start);
      if (hit < 0) return false;
      if (From(i + 1, hit + len)) return true;
      if (budget_.steps < 0) return false;
      // Only a later relative option benefits from another occurrence.
      if (i + 1 >= o_.size() || !IsRelative(*o_[i + 1])) return false;
      at = hit + 1;
    }
    return false;
  }

  bool MatchPcre(const Pcre& p, size_t i, Size prev_end) {
    if (!p.regex) return false;
    const pcre2_code* code = p.regex->code();
    std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)> md(
        pcre2_match_data_create_from_pattern(code, nullptr), pcre2_match_data_free);
    std::unique_ptr<pcre2_match_context, decltype(&pcre2_match_context_free)> mc(pcre2_match_context_create(nullptr),
                                                                                  pcre2_match_context_free);
    if (!p.no_match_limit) {
      pcre2_set_match_limit(mc.get(), p.regex->limits().match_limit);
      pcre2_set_depth_limit(mc.get(), p.regex->limits().depth_limit);
    }
    Size from = p.relative ? std::max<Size>(0, prev_end) : 0;
    if (from > size_) return p.negated && From(i + 1, prev_end);
    while (true) {
      const int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(data_.data()), data_.size(),
                                 static_cast<PCRE2_SIZE>(from), 0, md.get(), mc.get());
      if (rc < 0) return p.negated && From(i + 1, prev_end);  // no match, or a limit hit: not a match
      if (p.negated) return false;
      const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md.get());
      const Size mstart = static_cast<Size>(ov[0]), mend = static_cast<Size>(ov[1]);
      if (From(i + 1, mend)) return true;
      if (budget_.steps < 0 || i + 1 >= o_.size() || !IsRelative(*o_[i + 1])) return false;
      from = mstart + 1;
      if (from > size_) return false;
    }
  }

  static bool IsRelative(const DetectOption& o) {
    if (const auto* c = std::get_if<Content>(&o.kind)) return c->relative();
    if (const auto* p = std::get_if<Pcre>(&o.kind)) return p->relative;
    if (const auto* d = std::get_if<IsDataAt>(&o.kind)) return d->relative;
    if (const auto* t = std::get_if<ByteTest>(&o.kind)) return t->relative;
    if (const auto* j = std::get_if<ByteJump>(&o.kind)) return j->relative;
    return false;
  }

  const std::vector<const DetectOption*>& o_;
  std::string_view data_;
  const Size size_;
  MatchBudget& budget_;
};

}  // namespace

bool MatchOptions(const std::vector<const DetectOption*>& options, std::string_view data, MatchBudget& budget) {
  return Run(options, data, budget).From(0, 0);
}

}  // namespace sw::detect
