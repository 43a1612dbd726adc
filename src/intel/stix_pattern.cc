// SPDX-License-Identifier: Apache-2.0
#include "intel/stix_pattern.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <utility>

#include "core/time.h"
#include "intel/normalize.h"

namespace sw::intel {
namespace {

enum class Tok {
  kEnd,
  kLBrack,
  kRBrack,
  kLParen,
  kRParen,
  kColon,
  kDot,
  kComma,
  kStar,
  kOp,  // = == != <> < <= > >=
  kString,
  kInt,
  kFloat,
  kHex,
  kBinary,
  kTimestamp,
  kIdent,        // bare word, keywords included
  kQuotedIdent,  // "..." (STIX 2.0 style key)
};

struct Token {
  Tok kind = Tok::kEnd;
  size_t offset = 0;
  std::string text;  // decoded text of strings and identifiers; operator spelling
};

bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) ==
                  std::toupper(static_cast<unsigned char>(y));
         });
}

Status ErrorAt(size_t offset, std::string_view message) {
  return InvalidArgument("offset " + std::to_string(offset) + ": " + std::string(message));
}

class Parser {
 public:
  Parser(std::string_view text, const PatternLimits& limits) : text_(text), limits_(limits) {}

  Result<ObservationExpression> Parse() {
    SW_RETURN_IF_ERROR(Advance());
    SW_ASSIGN_OR_RETURN(ObservationExpression root, ObservationFollowedBy());
    if (tok_.kind != Tok::kEnd) return ErrorAt(tok_.offset, "unexpected " + Describe(tok_));
    return root;
  }

 private:
  // ---- lexer ----
  Status SkipSpaceAndComments() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
        ++pos_;
      } else if (text_.substr(pos_, 2) == "/*") {
        const size_t end = text_.find("*/", pos_ + 2);
        if (end == std::string_view::npos) return ErrorAt(pos_, "unterminated comment");
        pos_ = end + 2;
      } else if (text_.substr(pos_, 2) == "//") {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else {
        break;
      }
    }
    return {};
  }

  // Reads a '...' body starting at the quote; stores the unescaped text.
  Result<std::string> QuotedString(size_t quote) {
    std::string out;
    size_t i = quote + 1;
    while (true) {
      if (i >= text_.size()) return ErrorAt(quote, "unterminated string");
      const char c = text_[i];
      if (c == '\'') break;
      if (c == '\\') {
        if (i + 1 >= text_.size()) return ErrorAt(quote, "unterminated string");
        const char e = text_[i + 1];
        if (e != '\'' && e != '\\')
          return ErrorAt(i, std::string("invalid escape '\\") + e + "' in string");
        out += e;
        i += 2;
        continue;
      }
      out += c;
      ++i;
    }
    pos_ = i + 1;
    return out;
  }

  Status Advance() {
    SW_RETURN_IF_ERROR(SkipSpaceAndComments());
    tok_ = Token{};
    tok_.offset = pos_;
    if (pos_ >= text_.size()) return {};
    const char c = text_[pos_];
    const auto single = [&](Tok k) {
      tok_.kind = k;
      tok_.text = std::string(1, c);
      ++pos_;
      return Status();
    };
    switch (c) {
      case '[':
        return single(Tok::kLBrack);
      case ']':
        return single(Tok::kRBrack);
      case '(':
        return single(Tok::kLParen);
      case ')':
        return single(Tok::kRParen);
      case ':':
        return single(Tok::kColon);
      case ',':
        return single(Tok::kComma);
      case '*':
        return single(Tok::kStar);
      default:
        break;
    }
    if (c == '=' || c == '!' || c == '<' || c == '>') {
      const std::string_view two = text_.substr(pos_, 2);
      for (std::string_view op : {"==", "!=", "<>", "<=", ">="}) {
        if (two == op) {
          tok_.kind = Tok::kOp;
          tok_.text = std::string(op);
          pos_ += 2;
          return {};
        }
      }
      if (c == '!') return ErrorAt(pos_, "'!' must be followed by '='");
      return single(Tok::kOp);
    }
    if (c == '\'') {
      SW_ASSIGN_OR_RETURN(tok_.text, QuotedString(pos_));
      tok_.kind = Tok::kString;
      return {};
    }
    if (c == '"') {
      // "..." with "" as an escaped quote.
      std::string out;
      size_t i = pos_ + 1;
      while (true) {
        if (i >= text_.size()) return ErrorAt(pos_, "unterminated quoted identifier");
        if (text_[i] == '"') {
          if (i + 1 < text_.size() && text_[i + 1] == '"') {
            out += '"';
            i += 2;
            continue;
          }
          break;
        }
        out += text_[i++];
      }
      pos_ = i + 1;
      tok_.kind = Tok::kQuotedIdent;
      tok_.text = std::move(out);
      return {};
    }
    if ((c == 'h' || c == 'b' || c == 't') && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\'') {
      const size_t start = pos_;
      SW_ASSIGN_OR_RETURN(tok_.text, QuotedString(pos_ + 1));
      return TypedLiteral(c, start);
    }
    if (IsDigit(c) || c == '+' || c == '-' ||
        (c == '.' && pos_ + 1 < text_.size() && IsDigit(text_[pos_ + 1]))) {
      return Number();
    }
    if (c == '.') return single(Tok::kDot);
    if (IsIdentStart(c)) {
      size_t i = pos_;
      while (i < text_.size() && IsIdentChar(text_[i])) ++i;
      tok_.kind = Tok::kIdent;
      tok_.text = std::string(text_.substr(pos_, i - pos_));
      pos_ = i;
      return {};
    }
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) {
      return ErrorAt(pos_, "unexpected byte 0x" + Hex(static_cast<unsigned char>(c)));
    }
    return ErrorAt(pos_, std::string("unexpected character '") + c + "'");
  }

  static std::string Hex(unsigned char b) {
    static constexpr char kDigits[] = "0123456789abcdef";
    return {kDigits[b >> 4], kDigits[b & 15]};
  }

  Status TypedLiteral(char prefix, size_t start) {
    const std::string& body = tok_.text;
    if (prefix == 'h') {
      if (body.size() % 2 != 0) return ErrorAt(start, "hex literal has an odd number of digits");
      for (char d : body) {
        if (!std::isxdigit(static_cast<unsigned char>(d)))
          return ErrorAt(start, "hex literal has a non-hex digit");
      }
      tok_.kind = Tok::kHex;
    } else if (prefix == 'b') {
      for (char d : body) {
        if (!(std::isalnum(static_cast<unsigned char>(d)) || d == '+' || d == '/' || d == '=')) {
          return ErrorAt(start, "binary literal is not base64");
        }
      }
      tok_.kind = Tok::kBinary;
    } else {
      if (!ValidTimestamp(body))
        return ErrorAt(start, "timestamp literal is not YYYY-MM-DDTHH:MM:SS[.s]Z");
      tok_.kind = Tok::kTimestamp;
    }
    return {};
  }

  static bool ValidTimestamp(std::string_view t) {
    // YYYY-MM-DDTHH:MM:SS(.d+)?Z
    static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
    if (t.size() < kShape.size() + 1 || t.back() != 'Z') return false;
    for (size_t i = 0; i < kShape.size(); ++i) {
      if (kShape[i] == 'd' ? !IsDigit(t[i]) : t[i] != kShape[i]) return false;
    }
    std::string_view frac = t.substr(kShape.size(), t.size() - kShape.size() - 1);
    if (!frac.empty()) {
      if (frac.front() != '.' || frac.size() < 2) return false;
      for (char d : frac.substr(1)) {
        if (!IsDigit(d)) return false;
      }
    }
    return ParseRfc3339(t).ok();
  }

  Status Number() {
    const size_t start = pos_;
    size_t i = pos_;
    if (text_[i] == '+' || text_[i] == '-') ++i;
    const size_t digits = i;
    while (i < text_.size() && IsDigit(text_[i])) ++i;
    bool is_float = false;
    if (i < text_.size() && text_[i] == '.') {
      is_float = true;
      ++i;
      const size_t frac = i;
      while (i < text_.size() && IsDigit(text_[i])) ++i;
      if (i == frac) return ErrorAt(start, "number has no digits after '.'");
    } else if (i == digits) {
      return ErrorAt(start, "sign without a number");
    } else if (text_[digits] == '0' && i - digits > 1) {
      return ErrorAt(start, "integer with a leading zero");
    }
    if (i < text_.size() && IsIdentChar(text_[i])) return ErrorAt(start, "malformed number");
    tok_.kind = is_float ? Tok::kFloat : Tok::kInt;
    tok_.text = std::string(text_.substr(start, i - start));
    pos_ = i;
    return {};
  }

  static std::string Describe(const Token& t) {
    switch (t.kind) {
      case Tok::kEnd:
        return "end of pattern";
      case Tok::kString:
        return "string '" + t.text.substr(0, 40) + "'";
      case Tok::kQuotedIdent:
        return "\"" + t.text.substr(0, 40) + "\"";
      default:
        return "'" + t.text.substr(0, 40) + "'";
    }
  }

  bool IsKeyword(std::string_view kw) const {
    return tok_.kind == Tok::kIdent && EqualsNoCase(tok_.text, kw);
  }

  Status Expect(Tok kind, std::string_view what) {
    if (tok_.kind != kind)
      return ErrorAt(tok_.offset, "expected " + std::string(what) + ", found " + Describe(tok_));
    return Advance();
  }

  Status ExpectKeyword(std::string_view kw) {
    if (!IsKeyword(kw))
      return ErrorAt(tok_.offset, "expected " + std::string(kw) + ", found " + Describe(tok_));
    return Advance();
  }

  Status Enter() {
    if (++depth_ > limits_.max_depth) {
      return ErrorAt(tok_.offset,
                     "nested deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
    return {};
  }

  // ---- observation expressions ----
  template <typename Next>
  Result<ObservationExpression> ObservationChain(ObservationExpression::Kind kind,
                                                 std::string_view kw, Next next) {
    const size_t offset = tok_.offset;
    SW_ASSIGN_OR_RETURN(ObservationExpression first, (this->*next)());
    if (!IsKeyword(kw)) return first;
    ObservationExpression chain;
    chain.kind = kind;
    chain.offset = offset;
    chain.operands.push_back(std::move(first));
    while (IsKeyword(kw)) {
      SW_RETURN_IF_ERROR(Advance());
      SW_ASSIGN_OR_RETURN(ObservationExpression more, (this->*next)());
      chain.operands.push_back(std::move(more));
    }
    return chain;
  }

  Result<ObservationExpression> ObservationFollowedBy() {
    return ObservationChain(ObservationExpression::Kind::kFollowedBy, "FOLLOWEDBY",
                            &Parser::ObservationOr);
  }
  Result<ObservationExpression> ObservationOr() {
    return ObservationChain(ObservationExpression::Kind::kOr, "OR", &Parser::ObservationAnd);
  }
  Result<ObservationExpression> ObservationAnd() {
    return ObservationChain(ObservationExpression::Kind::kAnd, "AND",
                            &Parser::ObservationQualified);
  }

  Result<ObservationExpression> ObservationQualified() {
    SW_ASSIGN_OR_RETURN(ObservationExpression obs, ObservationPrimary());
    while (true) {
      Qualifier q;
      if (IsKeyword("WITHIN")) {
        SW_RETURN_IF_ERROR(Advance());
        if (tok_.kind != Tok::kInt && tok_.kind != Tok::kFloat) {
          return ErrorAt(tok_.offset, "WITHIN needs a number of seconds, found " + Describe(tok_));
        }
        q.kind = Qualifier::Kind::kWithin;
        q.within_seconds = std::strtod(tok_.text.c_str(), nullptr);
        if (!(q.within_seconds > 0)) return ErrorAt(tok_.offset, "WITHIN needs a positive number");
        SW_RETURN_IF_ERROR(Advance());
        SW_RETURN_IF_ERROR(ExpectKeyword("SECONDS"));
      } else if (IsKeyword("REPEATS")) {
        SW_RETURN_IF_ERROR(Advance());
        if (tok_.kind != Tok::kInt)
          return ErrorAt(tok_.offset, "REPEATS needs an integer, found " + Describe(tok_));
        q.kind = Qualifier::Kind::kRepeats;
        const auto [p, ec] = std::from_chars(tok_.text.data() + (tok_.text[0] == '+' ? 1 : 0),
                                             tok_.text.data() + tok_.text.size(), q.repeats);
        if (ec != std::errc() || q.repeats <= 0)
          return ErrorAt(tok_.offset, "REPEATS needs a positive integer");
        SW_RETURN_IF_ERROR(Advance());
        SW_RETURN_IF_ERROR(ExpectKeyword("TIMES"));
      } else if (IsKeyword("START")) {
        SW_RETURN_IF_ERROR(Advance());
        q.kind = Qualifier::Kind::kStartStop;
        SW_ASSIGN_OR_RETURN(q.start, QualifierTime("START"));
        SW_RETURN_IF_ERROR(ExpectKeyword("STOP"));
        SW_ASSIGN_OR_RETURN(q.stop, QualifierTime("STOP"));
      } else {
        break;
      }
      obs.qualifiers.push_back(std::move(q));
    }
    return obs;
  }

  // t'...' (2.1) or a plain string holding a timestamp (2.0).
  Result<std::string> QualifierTime(std::string_view kw) {
    if (tok_.kind == Tok::kString && ValidTimestamp(tok_.text)) tok_.kind = Tok::kTimestamp;
    if (tok_.kind != Tok::kTimestamp) {
      return ErrorAt(tok_.offset,
                     std::string(kw) + " needs a timestamp t'...', found " + Describe(tok_));
    }
    std::string t = tok_.text;
    SW_RETURN_IF_ERROR(Advance());
    return t;
  }

  Result<ObservationExpression> ObservationPrimary() {
    const size_t offset = tok_.offset;
    SW_RETURN_IF_ERROR(Enter());
    if (tok_.kind == Tok::kLBrack) {
      SW_RETURN_IF_ERROR(Advance());
      ObservationExpression obs;
      obs.offset = offset;
      SW_ASSIGN_OR_RETURN(obs.comparison, ComparisonOr());
      SW_RETURN_IF_ERROR(Expect(Tok::kRBrack, "']'"));
      --depth_;
      return obs;
    }
    if (tok_.kind == Tok::kLParen) {
      SW_RETURN_IF_ERROR(Advance());
      SW_ASSIGN_OR_RETURN(ObservationExpression inner, ObservationFollowedBy());
      SW_RETURN_IF_ERROR(Expect(Tok::kRParen, "')'"));
      --depth_;
      return inner;
    }
    return ErrorAt(tok_.offset,
                   "expected '[' or '(' to start an observation, found " + Describe(tok_));
  }

  // ---- comparison expressions ----
  template <typename Next>
  Result<ComparisonExpression> ComparisonChain(ComparisonExpression::Kind kind, std::string_view kw,
                                               Next next) {
    const size_t offset = tok_.offset;
    SW_ASSIGN_OR_RETURN(ComparisonExpression first, (this->*next)());
    if (!IsKeyword(kw)) return first;
    ComparisonExpression chain;
    chain.kind = kind;
    chain.offset = offset;
    chain.operands.push_back(std::move(first));
    while (IsKeyword(kw)) {
      SW_RETURN_IF_ERROR(Advance());
      SW_ASSIGN_OR_RETURN(ComparisonExpression more, (this->*next)());
      chain.operands.push_back(std::move(more));
    }
    return chain;
  }

  Result<ComparisonExpression> ComparisonOr() {
    return ComparisonChain(ComparisonExpression::Kind::kOr, "OR", &Parser::ComparisonAnd);
  }
  Result<ComparisonExpression> ComparisonAnd() {
    return ComparisonChain(ComparisonExpression::Kind::kAnd, "AND", &Parser::PropTest);
  }

  Result<ComparisonExpression> PropTest() {
    if (tok_.kind == Tok::kLParen) {
      SW_RETURN_IF_ERROR(Enter());
      SW_RETURN_IF_ERROR(Advance());
      SW_ASSIGN_OR_RETURN(ComparisonExpression inner, ComparisonOr());
      SW_RETURN_IF_ERROR(Expect(Tok::kRParen, "')'"));
      --depth_;
      return inner;
    }
    ComparisonExpression test;
    test.offset = tok_.offset;
    if (IsKeyword("EXISTS")) {
      SW_RETURN_IF_ERROR(Advance());
      test.op = PatternOp::kExists;
      SW_ASSIGN_OR_RETURN(test.path, Path());
      return test;
    }
    if (IsKeyword("NOT")) {
      // The 2.0 form "NOT EXISTS path" is not in 2.1; say so clearly.
      return ErrorAt(tok_.offset, "NOT goes between the object path and the operator");
    }
    SW_ASSIGN_OR_RETURN(test.path, Path());
    if (IsKeyword("NOT")) {
      test.negated = true;
      SW_RETURN_IF_ERROR(Advance());
    }
    const size_t op_offset = tok_.offset;
    if (tok_.kind == Tok::kOp) {
      const std::string& s = tok_.text;
      if (s == "=" || s == "==")
        test.op = PatternOp::kEq;
      else if (s == "!=" || s == "<>")
        test.op = PatternOp::kNe;
      else if (s == "<")
        test.op = PatternOp::kLt;
      else if (s == "<=")
        test.op = PatternOp::kLe;
      else if (s == ">")
        test.op = PatternOp::kGt;
      else
        test.op = PatternOp::kGe;
      SW_RETURN_IF_ERROR(Advance());
      SW_ASSIGN_OR_RETURN(PatternLiteral lit, Literal());
      if (test.op != PatternOp::kEq && test.op != PatternOp::kNe &&
          lit.kind == PatternLiteral::Kind::kBool) {
        return ErrorAt(op_offset, "booleans cannot be ordered");
      }
      test.values.push_back(std::move(lit));
      return test;
    }
    if (IsKeyword("IN")) {
      test.op = PatternOp::kIn;
      SW_RETURN_IF_ERROR(Advance());
      SW_RETURN_IF_ERROR(Expect(Tok::kLParen, "'(' to start the IN set"));
      if (tok_.kind != Tok::kRParen) {
        while (true) {
          SW_ASSIGN_OR_RETURN(PatternLiteral lit, Literal());
          test.values.push_back(std::move(lit));
          if (tok_.kind != Tok::kComma) break;
          SW_RETURN_IF_ERROR(Advance());
        }
      }
      SW_RETURN_IF_ERROR(Expect(Tok::kRParen, "',' or ')' in the IN set"));
      return test;
    }
    static constexpr std::pair<std::string_view, PatternOp> kStringOps[] = {
        {"LIKE", PatternOp::kLike},
        {"MATCHES", PatternOp::kMatches},
        {"ISSUBSET", PatternOp::kIsSubset},
        {"ISSUPERSET", PatternOp::kIsSuperset}};
    for (const auto& [kw, op] : kStringOps) {
      if (!IsKeyword(kw)) continue;
      test.op = op;
      SW_RETURN_IF_ERROR(Advance());
      if (tok_.kind != Tok::kString) {
        return ErrorAt(tok_.offset, std::string(kw) + " needs a string, found " + Describe(tok_));
      }
      PatternLiteral lit;
      lit.text = tok_.text;
      test.values.push_back(std::move(lit));
      SW_RETURN_IF_ERROR(Advance());
      return test;
    }
    return ErrorAt(tok_.offset, "expected a comparison operator, found " + Describe(tok_));
  }

  Result<ObjectPath> Path() {
    ObjectPath path;
    if (tok_.kind != Tok::kIdent)
      return ErrorAt(tok_.offset, "expected an object type, found " + Describe(tok_));
    path.object_type = tok_.text;
    SW_RETURN_IF_ERROR(Advance());
    SW_RETURN_IF_ERROR(Expect(Tok::kColon, "':' after the object type"));
    SW_ASSIGN_OR_RETURN(std::string first, Key());
    path.steps.push_back(std::move(first));
    while (true) {
      if (tok_.kind == Tok::kDot) {
        SW_RETURN_IF_ERROR(Advance());
        SW_ASSIGN_OR_RETURN(std::string key, Key());
        path.steps.push_back(std::move(key));
      } else if (tok_.kind == Tok::kFloat && tok_.text.front() == '.') {
        // ".5" lexed as a number: a numeric key such as hashes.5? Not valid.
        return ErrorAt(tok_.offset, "object path key must not start with a digit");
      } else if (tok_.kind == Tok::kLBrack) {
        SW_RETURN_IF_ERROR(Advance());
        if (tok_.kind == Tok::kStar) {
          path.steps.push_back("[*]");
        } else if (tok_.kind == Tok::kInt) {
          path.steps.push_back("[" + tok_.text + "]");
        } else {
          return ErrorAt(tok_.offset, "expected an index or '*', found " + Describe(tok_));
        }
        SW_RETURN_IF_ERROR(Advance());
        SW_RETURN_IF_ERROR(Expect(Tok::kRBrack, "']' after the index"));
      } else {
        break;
      }
    }
    return path;
  }

  Result<std::string> Key() {
    if (tok_.kind == Tok::kIdent || tok_.kind == Tok::kString || tok_.kind == Tok::kQuotedIdent) {
      std::string k = tok_.text;
      SW_RETURN_IF_ERROR(Advance());
      return k;
    }
    return ErrorAt(tok_.offset, "expected a property name, found " + Describe(tok_));
  }

  Result<PatternLiteral> Literal() {
    PatternLiteral lit;
    lit.text = tok_.text;
    switch (tok_.kind) {
      case Tok::kString:
        lit.kind = PatternLiteral::Kind::kString;
        break;
      case Tok::kHex:
        lit.kind = PatternLiteral::Kind::kHex;
        break;
      case Tok::kBinary:
        lit.kind = PatternLiteral::Kind::kBinary;
        break;
      case Tok::kTimestamp:
        lit.kind = PatternLiteral::Kind::kTimestamp;
        break;
      case Tok::kInt: {
        lit.kind = PatternLiteral::Kind::kInt;
        const char* b = lit.text.data() + (lit.text[0] == '+' ? 1 : 0);
        const auto [p, ec] = std::from_chars(b, lit.text.data() + lit.text.size(), lit.int_value);
        if (ec != std::errc()) return ErrorAt(tok_.offset, "integer out of range");
        break;
      }
      case Tok::kFloat:
        lit.kind = PatternLiteral::Kind::kFloat;
        lit.float_value = std::strtod(lit.text.c_str(), nullptr);
        break;
      case Tok::kIdent:
        if (EqualsNoCase(tok_.text, "true") || EqualsNoCase(tok_.text, "false")) {
          lit.kind = PatternLiteral::Kind::kBool;
          lit.bool_value = EqualsNoCase(tok_.text, "true");
          break;
        }
        [[fallthrough]];
      default:
        return ErrorAt(tok_.offset, "expected a literal, found " + Describe(tok_));
    }
    SW_RETURN_IF_ERROR(Advance());
    return lit;
  }

  std::string_view text_;
  const PatternLimits& limits_;
  size_t pos_ = 0;
  size_t depth_ = 0;
  Token tok_;
};

// ---- mapping ----

bool PlainIdentifier(std::string_view s) {
  if (s.empty() || !IsIdentStart(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The indicator type a path's values are, or nullopt.
std::optional<model::IndicatorType> PathType(const ObjectPath& p) {
  using model::IndicatorType;
  if (p.steps.size() == 1 && p.steps[0] == "value") {
    if (p.object_type == "ipv4-addr") return IndicatorType::kIpv4;
    if (p.object_type == "ipv6-addr") return IndicatorType::kIpv6;
    if (p.object_type == "domain-name") return IndicatorType::kDomain;
    if (p.object_type == "url") return IndicatorType::kUrl;
    if (p.object_type == "email-addr") return IndicatorType::kEmail;
  }
  // STIX has no JA3 object; this is the custom one the exporter writes.
  if (p.object_type == "x-ja3" && p.steps.size() == 1 && p.steps[0] == "hash") return IndicatorType::kJa3;
  if (p.object_type == "file" && p.steps.size() == 2 && p.steps[0] == "hashes") {
    const std::string h = Upper(p.steps[1]);
    if (h == "MD5") return IndicatorType::kMd5;
    if (h == "SHA-1" || h == "SHA1") return IndicatorType::kSha1;
    if (h == "SHA-256" || h == "SHA256") return IndicatorType::kSha256;
  }
  return std::nullopt;
}

class Mapper {
 public:
  PatternMapping Run(const ObservationExpression& root) {
    if (Observation(root)) {
      out_.matchable = !out_.values.empty();
      if (!out_.matchable) {
        out_.reason = "no valid value";
        if (!out_.rejected_values.empty()) out_.reason += ": " + out_.rejected_values.front();
      }
    } else {
      out_.values.clear();
      out_.rejected_values.clear();
    }
    return std::move(out_);
  }

 private:
  bool Fail(std::string reason) {
    out_.matchable = false;
    out_.reason = std::move(reason);
    return false;
  }

  bool Observation(const ObservationExpression& o) {
    if (!o.qualifiers.empty()) {
      const Qualifier& q = o.qualifiers.front();
      switch (q.kind) {
        case Qualifier::Kind::kWithin:
          return Fail("qualifier WITHIN at offset " + std::to_string(o.offset) +
                      " needs a time window");
        case Qualifier::Kind::kRepeats:
          return Fail("qualifier REPEATS at offset " + std::to_string(o.offset) +
                      " needs counting");
        case Qualifier::Kind::kStartStop:
          return Fail("qualifier START/STOP at offset " + std::to_string(o.offset) +
                      " limits the time");
      }
    }
    switch (o.kind) {
      case ObservationExpression::Kind::kObservation:
        return Comparison(o.comparison);
      case ObservationExpression::Kind::kOr:
        return std::all_of(o.operands.begin(), o.operands.end(),
                           [&](const ObservationExpression& e) { return Observation(e); });
      case ObservationExpression::Kind::kAnd:
        return Fail("observations are joined with AND at offset " + std::to_string(o.offset) +
                    " (all must be seen)");
      case ObservationExpression::Kind::kFollowedBy:
        return Fail("observations are joined with FOLLOWEDBY at offset " +
                    std::to_string(o.offset) + " (a sequence)");
    }
    return false;
  }

  bool Comparison(const ComparisonExpression& c) {
    switch (c.kind) {
      case ComparisonExpression::Kind::kOr:
        return std::all_of(c.operands.begin(), c.operands.end(),
                           [&](const ComparisonExpression& e) { return Comparison(e); });
      case ComparisonExpression::Kind::kAnd: {
        std::string paths;
        for (const auto& e : c.operands) {
          const std::string p =
              e.kind == ComparisonExpression::Kind::kTest ? e.path.ToString() : "(...)";
          if (paths.find(p) != std::string::npos) continue;
          if (!paths.empty()) paths += ", ";
          paths += p;
        }
        return Fail("comparisons are joined with AND at offset " + std::to_string(c.offset) + " (" +
                    paths + ")");
      }
      case ComparisonExpression::Kind::kTest:
        return Test(c);
    }
    return false;
  }

  bool Test(const ComparisonExpression& t) {
    const std::string path = t.path.ToString();
    const std::string at = " at offset " + std::to_string(t.offset);
    if (t.negated) return Fail("NOT " + std::string(PatternOpName(t.op)) + " on " + path + at);
    if (t.op != PatternOp::kEq && t.op != PatternOp::kIn) {
      return Fail("operator " + std::string(PatternOpName(t.op)) + " on " + path + at);
    }
    const auto type = PathType(t.path);
    if (!type) return Fail(path + " is not an indicator type" + at);
    for (const PatternLiteral& v : t.values) {
      if (v.kind != PatternLiteral::Kind::kString) return Fail("non-string value for " + path + at);
      model::IndicatorType vt = *type;
      if ((vt == model::IndicatorType::kIpv4 || vt == model::IndicatorType::kIpv6) &&
          v.text.find('/') != std::string::npos) {
        vt = model::IndicatorType::kCidr;
      }
      auto norm = NormalizeIndicator(vt, v.text);
      if (!norm.ok()) {
        out_.rejected_values.push_back(norm.status().message());
        continue;
      }
      PatternValue pv{vt, std::move(norm).value()};
      if (std::find(out_.values.begin(), out_.values.end(), pv) == out_.values.end()) {
        out_.values.push_back(std::move(pv));
      }
    }
    return true;
  }

  PatternMapping out_;
};

}  // namespace

std::string ObjectPath::ToString() const {
  std::string out = object_type + ":";
  for (size_t i = 0; i < steps.size(); ++i) {
    const std::string& s = steps[i];
    if (!s.empty() && s.front() == '[') {
      out += s;
      continue;
    }
    if (i > 0) out += '.';
    if (PlainIdentifier(s)) {
      out += s;
    } else {
      out += '\'';
      for (char c : s) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
      }
      out += '\'';
    }
  }
  return out;
}

std::string_view PatternOpName(PatternOp op) {
  switch (op) {
    case PatternOp::kEq:
      return "=";
    case PatternOp::kNe:
      return "!=";
    case PatternOp::kGt:
      return ">";
    case PatternOp::kLt:
      return "<";
    case PatternOp::kGe:
      return ">=";
    case PatternOp::kLe:
      return "<=";
    case PatternOp::kIn:
      return "IN";
    case PatternOp::kLike:
      return "LIKE";
    case PatternOp::kMatches:
      return "MATCHES";
    case PatternOp::kIsSubset:
      return "ISSUBSET";
    case PatternOp::kIsSuperset:
      return "ISSUPERSET";
    case PatternOp::kExists:
      return "EXISTS";
  }
  return "?";
}

Result<ObservationExpression> ParseStixPattern(std::string_view text, const PatternLimits& limits) {
  if (text.size() > limits.max_length) {
    return InvalidArgument("pattern longer than " + std::to_string(limits.max_length) + " bytes");
  }
  return Parser(text, limits).Parse();
}

PatternMapping MapPatternToIndicators(const ObservationExpression& pattern) {
  return Mapper().Run(pattern);
}

}  // namespace sw::intel
