// SPDX-License-Identifier: Apache-2.0
#include "intel/stix_pattern.h"

#include <gtest/gtest.h>

namespace sw::intel {
namespace {

using model::IndicatorType;

// "type:value type:value" for a matchable pattern; "NOT <reason>" otherwise;
// "ERROR <message>" when it does not parse.
std::string Map(std::string_view pattern) {
  auto parsed = ParseStixPattern(pattern);
  if (!parsed.ok()) return "ERROR " + parsed.status().message();
  const PatternMapping m = MapPatternToIndicators(*parsed);
  if (!m.matchable) return "NOT " + m.reason;
  std::string out;
  for (const auto& v : m.values) {
    if (!out.empty()) out += ' ';
    out += std::string(model::NameIn(model::kIndicatorTypeNames, v.type)) + ":" + v.value;
  }
  for (const auto& r : m.rejected_values) out += " (rejected " + r + ")";
  return out;
}

std::string ParseError(std::string_view pattern) {
  auto parsed = ParseStixPattern(pattern);
  return parsed.ok() ? "parsed" : parsed.status().message();
}

TEST(StixPattern, MapsValueComparisons) {
  EXPECT_EQ(Map("[ipv4-addr:value = '10.0.0.0']"), "ipv4:10.0.0.0");
  EXPECT_EQ(Map("[ ipv4-addr:value = '10.0.0.0' ]"), "ipv4:10.0.0.0");
  EXPECT_EQ(Map("[ipv4-addr:value = '58.246.0.0/15']"), "cidr:58.246.0.0/15");
  EXPECT_EQ(Map("[ipv6-addr:value = '2001:DB8::/32']"), "cidr:2001:db8::/32");
  EXPECT_EQ(Map("[ipv6-addr:value == '2001:DB8::1']"), "ipv6:2001:db8::1");
  EXPECT_EQ(Map("[url:value = 'http://x4z9arb.cn/4712/']"), "url:http://x4z9arb.cn/4712/");
  EXPECT_EQ(Map("[email-addr:value = 'Bad@Evil.COM']"), "email:Bad@evil.com");
  EXPECT_EQ(Map("[file:hashes.md5 = '00DBB9E1C09DBDAFB360F3163BA5A3DE']"),
            "md5:00dbb9e1c09dbdafb360f3163ba5a3de");
  EXPECT_EQ(Map("[file:hashes.'SHA-256' = "
                "'ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c']"),
            "sha256:ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c");
  EXPECT_EQ(Map("[file:hashes.\"SHA-1\" = '" + std::string(40, 'a') + "']"),
            "sha1:" + std::string(40, 'a'));
  EXPECT_EQ(Map("[file:hashes.SHA1 = '" + std::string(40, 'b') + "']"),
            "sha1:" + std::string(40, 'b'));
  EXPECT_EQ(Map("[file:hashes.'sha256' = '" + std::string(64, 'c') + "']"),
            "sha256:" + std::string(64, 'c'));
}

TEST(StixPattern, MapsOrsAndSets) {
  EXPECT_EQ(Map("[domain-name:value = 'mf.ddns.info' OR ipv4-addr:value = '60.2.148.167']"),
            "domain:mf.ddns.info ipv4:60.2.148.167");
  EXPECT_EQ(Map("[ipv4-addr:value IN ('1.1.1.1', '2.2.2.2', '1.1.1.1')]"),
            "ipv4:1.1.1.1 ipv4:2.2.2.2");
  EXPECT_EQ(Map("[domain-name:value = 'a.com'] OR [domain-name:value = 'B.com']"),
            "domain:a.com domain:b.com");
  EXPECT_EQ(Map("([domain-name:value = 'a.com'] OR ([url:value = 'http://a.com']))"),
            "domain:a.com url:http://a.com/");
  EXPECT_EQ(Map("[(ipv4-addr:value = '1.1.1.1' OR ipv4-addr:value = '1.1.1.2') OR url:value = "
                "'http://x.cn']"),
            "ipv4:1.1.1.1 ipv4:1.1.1.2 url:http://x.cn/");
  // A bad value among good ones is reported, the others still match (apt1.json).
  EXPECT_EQ(Map("[domain-name:value = 'domain autuo.xicp.net' OR ipv4-addr:value = '60.10.1.115']"),
            "ipv4:60.10.1.115 (rejected domain 'domain autuo.xicp.net': invalid character ' ')");
  EXPECT_EQ(Map("[domain-name:value = 'a b']"),
            "NOT no valid value: domain 'a b': invalid character ' '");
  EXPECT_EQ(Map("[ipv4-addr:value IN ()]"), "NOT no valid value");
}

TEST(StixPattern, NotMatchableReasons) {
  EXPECT_EQ(Map("[email-message:subject MATCHES '^[IMPORTANT] Please Review Before']"),
            "NOT operator MATCHES on email-message:subject at offset 1");
  EXPECT_EQ(
      Map("[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b']"),
      "NOT comparisons are joined with AND at offset 1 (x509-certificate:issuer, "
      "x509-certificate:serial_number)");
  EXPECT_EQ(Map("[file:name = 'CBricksDoc']"),
            "NOT file:name is not an indicator type at offset 1");
  EXPECT_EQ(Map("[ipv4-addr:value != '1.2.3.4']"),
            "NOT operator != on ipv4-addr:value at offset 1");
  EXPECT_EQ(Map("[ipv4-addr:value NOT = '1.2.3.4']"), "NOT NOT = on ipv4-addr:value at offset 1");
  EXPECT_EQ(Map("[domain-name:value LIKE '%.evil.com']"),
            "NOT operator LIKE on domain-name:value at offset 1");
  EXPECT_EQ(Map("[EXISTS windows-registry-key:values]"),
            "NOT operator EXISTS on windows-registry-key:values at offset 1");
  EXPECT_EQ(Map("[file:size > 1000]"), "NOT operator > on file:size at offset 1");
  EXPECT_EQ(Map("[ipv4-addr:value = 5]"), "NOT non-string value for ipv4-addr:value at offset 1");
  EXPECT_EQ(Map("[ipv4-addr:value = '1.1.1.1'] AND [ipv4-addr:value = '2.2.2.2']"),
            "NOT observations are joined with AND at offset 0 (all must be seen)");
  EXPECT_EQ(Map("[ipv4-addr:value = '1.1.1.1'] FOLLOWEDBY [ipv4-addr:value = '2.2.2.2']"),
            "NOT observations are joined with FOLLOWEDBY at offset 0 (a sequence)");
  EXPECT_EQ(Map("[ipv4-addr:value = '1.1.1.1'] REPEATS 5 TIMES"),
            "NOT qualifier REPEATS at offset 0 needs counting");
  EXPECT_EQ(Map("[url:value = 'http://a.com'] OR [ipv4-addr:value = '1.1.1.1'] WITHIN 300 SECONDS"),
            "NOT qualifier WITHIN at offset 32 needs a time window");
  EXPECT_EQ(Map("[ipv4-addr:value = '1.1.1.1'] START t'2016-06-01T00:00:00Z' STOP "
                "t'2016-07-01T00:00:00Z'"),
            "NOT qualifier START/STOP at offset 0 limits the time");
  EXPECT_EQ(Map("[network-traffic:dst_ref.value = '1.2.3.4']"),
            "NOT network-traffic:dst_ref.value is not an indicator type at offset 1");
}

// The examples of STIX 2.1 part 9 all parse.
TEST(StixPattern, ParsesTheSpecExamples) {
  const char* examples[] = {
      "[file:hashes.'SHA-256' = "
      "'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
      "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND "
      "email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
      "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' "
      "AND "
      "file:mime_type = 'application/x-pdf']",
      "[file:hashes.'SHA-256' = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c' "
      "OR "
      "file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f'] AND "
      "[file:hashes.'SHA-256' = "
      "'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
      "[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY "
      "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar'] WITHIN 300 SECONDS",
      "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND "
      "user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND "
      "user-account:user_id = '1008' AND user-account:account_login = 'Paul'] AND "
      "[user-account:account_type = 'unix' AND user-account:user_id = '1009' AND "
      "user-account:account_login = 'Mary']",
      "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES "
      "'\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']",
      "[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32']",
      "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
      "[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']",
      "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = "
      "'203.0.113.33/32']",
      "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = "
      "'example.com'] "
      "REPEATS 5 TIMES WITHIN 180 SECONDS",
      "[domain-name:value = 'www.5z8.info' AND domain-name:resolvesto_refs[*].value = "
      "'198.51.100.1/32']",
      "[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']",
      "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = "
      "'4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
      "[windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\CryptoLocker\\\\Files' OR "
      "windows-registry-key:key = "
      "'HKEY_CURRENT_USER\\\\Software\\\\Microsoft\\\\CurrentVersion\\\\Run\\\\CryptoLocker_0388']",
      "[(file:name = 'pdf.exe' OR file:size = 371712) AND file:created = t'2014-01-13T07:03:17Z']",
      "[email-message:sender_ref.value = 'jdoe@example.com' AND email-message:subject = "
      "'Conference Info']",
      "[x-usb-device:usbdrive.serial_number = '575833314133343231313937']",
      "[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] "
      "FOLLOWEDBY "
      "[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r "
      "localMachineTrustedPublisher$'] "
      "WITHIN 300 SECONDS",
      "[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']",
      "([file:name = 'foo.dll'] AND [file:name = 'bar.dll']) START t'2016-06-01T00:00:00Z' "
      "STOP t'2016-07-01T00:00:00Z'",
      "[ipv4-addr:value ISSUPERSET '198.51.100.0/24']",
      "[file:created > t'2016-01-01T00:00:00.000Z' AND file:is_encrypted = true]",
      "[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']",
      "[network-traffic:src_port IN (22, 23, 3389) AND network-traffic:dst_port NOT IN (-1, +2)]",
      "[process:pid <= 4 AND process:pid >= 0 AND process:x_ratio < .5 AND process:x_r <> -1.25]",
      "[file:name NOT LIKE 'a%'] /* comment */ OR // line comment\n [file:name NOT MATCHES 'b']",
      "[network-traffic:protocols[0] = 'tcp']",
  };
  for (const char* e : examples) EXPECT_EQ(ParseError(e), "parsed") << e;
}

TEST(StixPattern, Tree) {
  auto p = ParseStixPattern(
      "[a:b = 'x\\'y\\\\z' OR a:c IN (1, 2.5, true, h'0aFF', b'AA==', t'2020-01-01T00:00:00Z') AND "
      "NOTa:d NOT LIKE 'q'] FOLLOWEDBY ([e:f[*].'g h' > 1] OR [EXISTS e:g]) REPEATS 2 TIMES WITHIN "
      "1.5 SECONDS");
  ASSERT_TRUE(p.ok()) << p.status().message();
  ASSERT_EQ(p->kind, ObservationExpression::Kind::kFollowedBy);
  ASSERT_EQ(p->operands.size(), 2u);
  const ComparisonExpression& c = p->operands[0].comparison;
  ASSERT_EQ(c.kind, ComparisonExpression::Kind::kOr);
  ASSERT_EQ(c.operands.size(), 2u);
  EXPECT_EQ(c.operands[0].values[0].text, "x'y\\z");
  const ComparisonExpression& and_ = c.operands[1];
  ASSERT_EQ(and_.kind, ComparisonExpression::Kind::kAnd);
  const auto& in = and_.operands[0];
  EXPECT_EQ(in.op, PatternOp::kIn);
  ASSERT_EQ(in.values.size(), 6u);
  EXPECT_EQ(in.values[0].int_value, 1);
  EXPECT_DOUBLE_EQ(in.values[1].float_value, 2.5);
  EXPECT_TRUE(in.values[2].bool_value);
  EXPECT_EQ(in.values[3].kind, PatternLiteral::Kind::kHex);
  EXPECT_EQ(in.values[3].text, "0aFF");
  EXPECT_EQ(in.values[4].kind, PatternLiteral::Kind::kBinary);
  EXPECT_EQ(in.values[5].kind, PatternLiteral::Kind::kTimestamp);
  EXPECT_EQ(in.values[5].text, "2020-01-01T00:00:00Z");
  EXPECT_EQ(and_.operands[1].path.object_type, "NOTa");
  EXPECT_TRUE(and_.operands[1].negated);
  EXPECT_EQ(and_.operands[1].op, PatternOp::kLike);
  const ObservationExpression& second = p->operands[1];
  EXPECT_EQ(second.kind, ObservationExpression::Kind::kOr);
  ASSERT_EQ(second.qualifiers.size(), 2u);
  EXPECT_EQ(second.qualifiers[0].kind, Qualifier::Kind::kRepeats);
  EXPECT_EQ(second.qualifiers[0].repeats, 2);
  EXPECT_DOUBLE_EQ(second.qualifiers[1].within_seconds, 1.5);
  EXPECT_EQ(second.operands[0].comparison.path.ToString(), "e:f[*].'g h'");
  EXPECT_EQ(second.operands[1].comparison.op, PatternOp::kExists);
}

TEST(StixPattern, ErrorsGiveTheOffset) {
  EXPECT_EQ(ParseError(""),
            "offset 0: expected '[' or '(' to start an observation, found end of pattern");
  EXPECT_EQ(ParseError("[ipv4-addr:value = '1.2.3.4'"),
            "offset 28: expected ']', found end of pattern");
  EXPECT_EQ(ParseError("[ipv4-addr:value = '1.2.3.4]"), "offset 19: unterminated string");
  EXPECT_EQ(ParseError("[ipv4-addr:value ~ '1']"), "offset 17: unexpected character '~'");
  EXPECT_EQ(ParseError("[ipv4-addr:value = '1'] AND"),
            "offset 27: expected '[' or '(' to start an observation, found end of pattern");
  EXPECT_EQ(ParseError("[ipv4-addr = '1']"),
            "offset 11: expected ':' after the object type, found '='");
  EXPECT_EQ(ParseError("[a:b = 'x\\n']"), "offset 9: invalid escape '\\n' in string");
  EXPECT_EQ(ParseError("[a:b = h'abc']"), "offset 7: hex literal has an odd number of digits");
  EXPECT_EQ(ParseError("[a:b = b'a*']"), "offset 7: binary literal is not base64");
  EXPECT_EQ(ParseError("[a:b = t'2020-13-01T00:00:00Z']"),
            "offset 7: timestamp literal is not YYYY-MM-DDTHH:MM:SS[.s]Z");
  EXPECT_EQ(ParseError("[a:b = 007]"), "offset 7: integer with a leading zero");
  EXPECT_EQ(ParseError("[a:b = 'x'] WITHIN -5 SECONDS"),
            "offset 19: WITHIN needs a positive number");
  EXPECT_EQ(ParseError("[a:b = 'x'] REPEATS 5"), "offset 21: expected TIMES, found end of pattern");
  EXPECT_EQ(ParseError("[a:b = 'x'] START '2020' STOP t'2020-01-01T00:00:00Z'"),
            "offset 18: START needs a timestamp t'...', found string '2020'");
  EXPECT_EQ(ParseError("[a:b IN ('x' 'y')]"),
            "offset 13: expected ',' or ')' in the IN set, found string 'y'");
  EXPECT_EQ(ParseError("[a:b LIKE 5]"), "offset 10: LIKE needs a string, found '5'");
  EXPECT_EQ(ParseError("[a:b > true]"), "offset 5: booleans cannot be ordered");
  EXPECT_EQ(ParseError("[NOT a:b = 'x']"),
            "offset 1: NOT goes between the object path and the operator");
  EXPECT_EQ(ParseError("[a:b = 'x'] [a:b = 'y']"), "offset 12: unexpected '['");
  EXPECT_EQ(ParseError("[a:b = 'x'] /* open"), "offset 12: unterminated comment");
  EXPECT_EQ(ParseError(std::string(100, '(') + "[a:b = 'x']" + std::string(100, ')')),
            "offset 64: nested deeper than 64 levels");
  EXPECT_EQ(ParseError(std::string(70000, ' ')), "pattern longer than 65536 bytes");
}

}  // namespace
}  // namespace sw::intel
