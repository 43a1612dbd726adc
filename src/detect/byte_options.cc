// SPDX-License-Identifier: Apache-2.0
//
// Payload position and number keywords: isdataat, byte_test, byte_jump.
// Values that name byte_extract variables are not supported (byte_extract
// itself is skipped), so every number here must be a literal.
#include <limits>

#include "detect/rule_builder.h"
#include "detect/text_util.h"

namespace sw::detect {
namespace {

Result<int32_t> Int32Arg(std::string_view keyword, std::string_view what, std::string_view v) {
  auto n = ParseInt(v);
  if (!n || *n < std::numeric_limits<int32_t>::min() || *n > std::numeric_limits<int32_t>::max()) {
    return InvalidArgument(std::string(keyword) + ": " + std::string(what) + " \"" + std::string(v.substr(0, 30)) +
                           "\" is not a number");
  }
  return static_cast<int32_t>(*n);
}

// 0 is only valid with `string` (checked in CheckNumberForm): the number is
// as long as its digits are, as Suricata reads it.
Result<uint8_t> ByteCount(std::string_view keyword, std::string_view v) {
  auto n = ParseUint(v);
  if (!n || *n > 20) {
    return InvalidArgument(std::string(keyword) + ": byte count \"" + std::string(v.substr(0, 20)) +
                           "\" must be 1-8 (0-20 with string)");
  }
  return static_cast<uint8_t>(*n);
}

// The flags shared by byte_test and byte_jump. Returns false when `w` is not
// one of them.
bool CommonFlag(std::string_view w, bool& relative, Endian& endian, NumBase& base, bool& string) {
  if (w == "relative") {
    relative = true;
  } else if (w == "big") {
    endian = Endian::kBig;
  } else if (w == "little") {
    endian = Endian::kLittle;
  } else if (w == "dce") {
    endian = Endian::kDce;
  } else if (w == "string") {
    string = true;
  } else if (w == "hex") {
    base = NumBase::kHex;
  } else if (w == "dec") {
    base = NumBase::kDec;
  } else if (w == "oct") {
    base = NumBase::kOct;
  } else {
    return false;
  }
  return true;
}

Status CheckNumberForm(std::string_view keyword, uint8_t nbytes, bool string, NumBase& base) {
  if (string && base == NumBase::kBinary) base = NumBase::kDec;
  if (!string && base != NumBase::kBinary) {
    return InvalidArgument(std::string(keyword) + ": hex/dec/oct need \"string\"");
  }
  if (!string && (nbytes < 1 || nbytes > 8)) {
    return InvalidArgument(std::string(keyword) + ": byte count must be 1-8 without \"string\"");
  }
  return Status::Ok();
}

}  // namespace

Status ParseIsdataat(std::string_view v, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue("isdataat", has));
  IsDataAt d;
  const auto parts = SplitTrim(v, ',');
  std::string_view first = parts[0];
  if (!first.empty() && first[0] == '!') {
    d.negated = true;
    first = Trim(first.substr(1));
  }
  SW_ASSIGN_OR_RETURN(d.offset, Int32Arg("isdataat", "offset", first));
  for (size_t i = 1; i < parts.size(); ++i) {
    if (parts[i] == "relative") {
      d.relative = true;
    } else if (parts[i] != "rawbytes") {
      return InvalidArgument("isdataat: unknown option \"" + std::string(parts[i].substr(0, 20)) + "\"");
    }
  }
  b.Add(d);
  return Status::Ok();
}

Status ParseByteTest(std::string_view v, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue("byte_test", has));
  const auto parts = SplitTrim(v, ',');
  if (parts.size() < 4) return InvalidArgument("byte_test: expected bytes,operator,value,offset[,options]");
  ByteTest t;
  SW_ASSIGN_OR_RETURN(t.nbytes, ByteCount("byte_test", parts[0]));
  std::string_view op = parts[1];
  if (!op.empty() && op[0] == '!') {
    t.negated = true;
    op = Trim(op.substr(1));
  }
  if (op == "<") {
    t.op = ByteTest::Op::kLt;
  } else if (op == ">") {
    t.op = ByteTest::Op::kGt;
  } else if (op == "=") {
    t.op = ByteTest::Op::kEq;
  } else if (op == "<=") {
    t.op = ByteTest::Op::kLe;
  } else if (op == ">=") {
    t.op = ByteTest::Op::kGe;
  } else if (op == "&") {
    t.op = ByteTest::Op::kAnd;
  } else if (op == "^") {
    t.op = ByteTest::Op::kXor;
  } else {
    return InvalidArgument("byte_test: unknown operator \"" + std::string(parts[1].substr(0, 10)) + "\"");
  }
  auto value = ParseUint(parts[2]);
  if (!value) return InvalidArgument("byte_test: value \"" + std::string(parts[2].substr(0, 30)) + "\" is not a number");
  t.value = *value;
  SW_ASSIGN_OR_RETURN(t.offset, Int32Arg("byte_test", "offset", parts[3]));
  bool string = false;
  for (size_t i = 4; i < parts.size(); ++i) {
    const std::string_view w = parts[i];
    if (CommonFlag(w, t.relative, t.endian, t.base, string)) continue;
    if (w.starts_with("bitmask")) {
      auto mask = ParseUint(Trim(w.substr(7)));
      if (!mask) return InvalidArgument("byte_test: bad bitmask \"" + std::string(w.substr(0, 30)) + "\"");
      t.bitmask = *mask;
      continue;
    }
    return InvalidArgument("byte_test: unknown option \"" + std::string(w.substr(0, 30)) + "\"");
  }
  SW_RETURN_IF_ERROR(CheckNumberForm("byte_test", t.nbytes, string, t.base));
  b.Add(t);
  return Status::Ok();
}

Status ParseByteJump(std::string_view v, bool has, RuleBuilder& b) {
  SW_RETURN_IF_ERROR(NeedsValue("byte_jump", has));
  const auto parts = SplitTrim(v, ',');
  if (parts.size() < 2) return InvalidArgument("byte_jump: expected bytes,offset[,options]");
  ByteJump j;
  SW_ASSIGN_OR_RETURN(j.nbytes, ByteCount("byte_jump", parts[0]));
  SW_ASSIGN_OR_RETURN(j.offset, Int32Arg("byte_jump", "offset", parts[1]));
  bool string = false;
  for (size_t i = 2; i < parts.size(); ++i) {
    const std::string_view w = parts[i];
    if (CommonFlag(w, j.relative, j.endian, j.base, string)) continue;
    if (w == "align") {
      j.align = true;
    } else if (w == "from_beginning") {
      j.from_beginning = true;
    } else if (w == "from_end") {
      j.from_end = true;
    } else if (w.starts_with("multiplier")) {
      auto m = ParseUint(Trim(w.substr(10)));
      if (!m || *m == 0 || *m > 65535) return InvalidArgument("byte_jump: bad multiplier");
      j.multiplier = static_cast<uint32_t>(*m);
    } else if (w.starts_with("post_offset")) {
      SW_ASSIGN_OR_RETURN(j.post_offset, Int32Arg("byte_jump", "post_offset", Trim(w.substr(11))));
    } else if (w.starts_with("bitmask")) {
      auto mask = ParseUint(Trim(w.substr(7)));
      if (!mask) return InvalidArgument("byte_jump: bad bitmask");
      j.bitmask = *mask;
    } else {
      return InvalidArgument("byte_jump: unknown option \"" + std::string(w.substr(0, 30)) + "\"");
    }
  }
  if (j.from_beginning && j.from_end) return InvalidArgument("byte_jump: from_beginning and from_end together");
  SW_RETURN_IF_ERROR(CheckNumberForm("byte_jump", j.nbytes, string, j.base));
  b.Add(j);
  return Status::Ok();
}

}  // namespace sw::detect
