// SPDX-License-Identifier: Apache-2.0
#include "model/tenant.h"

#include <gtest/gtest.h>

namespace sw::model {
namespace {

TEST(CreditCode, AcceptsCodesWithCorrectCheckCharacter) {
  // Published codes of well-known companies, and a constructed one.
  EXPECT_TRUE(ValidateCreditCode("91440300708461136T").ok());
  EXPECT_TRUE(ValidateCreditCode("91110000600037341L").ok());
  EXPECT_TRUE(ValidateCreditCode("91350100M000100Y43").ok());
}

TEST(CreditCode, RejectsWithAReasonNamingTheField) {
  Status wrong = ValidateCreditCode("91440300708461136U");
  EXPECT_EQ(wrong.message(), "credit_code: check character mismatch (expected T)");
  EXPECT_EQ(wrong.field(), "credit_code");
  EXPECT_EQ(ValidateCreditCode("9144030070846113").message(),
            "credit_code: must be 18 characters, got 16");
  EXPECT_NE(ValidateCreditCode("91440300708461136I").message().find("character 18 is not allowed"),
            std::string::npos);
  EXPECT_NE(ValidateCreditCode("91440300708461136t").message().find("not allowed"), std::string::npos);
  EXPECT_NE(ValidateCreditCode("914A0300708461136T").message().find("division code"), std::string::npos);
  EXPECT_NE(ValidateCreditCode("H1440300708461136T").message().find("registration authority"),
            std::string::npos);
}

TEST(CreditCode, CheckCharacterOfEveryPrefixIsInAlphabet) {
  EXPECT_EQ(CreditCodeCheckCharacter("91440300708461136"), 'T');
  EXPECT_EQ(CreditCodeCheckCharacter("9144030070846113I"), '\0');
  EXPECT_EQ(CreditCodeCheckCharacter("short"), '\0');
}

TEST(TenantPatch, DecodesAndValidatesFields) {
  auto v = ParseJson(R"({"name":"  福州某某制造有限公司　","credit_code":"91350100M000100Y43",
      "industry":"制造业","contacts":[{"name":"张三","phone":"+86 138-0000-0000","email":"a@b.cn"}],
      "service_level":"standard"})");
  auto p = TenantPatchFromJson(*v);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(*p->name, "福州某某制造有限公司");  // ASCII and ideographic spaces trimmed
  EXPECT_EQ(p->contacts->at(0).phone, "+86 138-0000-0000");
  EXPECT_EQ(*p->service_level, ServiceLevel::kStandard);
}

TEST(TenantPatch, ErrorsNameTheFieldPath) {
  struct Case {
    const char* body;
    const char* message;
    const char* field;
  };
  const Case cases[] = {
      {R"({"name":"x","credit_code":"91350100M000100Y44"})",
       "credit_code: check character mismatch (expected 3)", "credit_code"},
      {R"({"name":"x","bogus":true})", "bogus: unknown field", "bogus"},
      {R"({"name":5})", "name: expected a string", "name"},
      {R"({"name":"   "})", "name: must not be empty", "name"},
      {R"({"contacts":[{"name":"a"},{"name":"b","phone":"abc"}]})",
       "contacts[1].phone: only digits, spaces and + - ( ) are allowed", "contacts[1].phone"},
      {R"({"contacts":[{"name":"a","email":"no-at"}]})", "contacts[0].email: not an email address",
       "contacts[0].email"},
      {R"({"contacts":[{"nom":"a"}]})", "contacts[0].nom: unknown field", "contacts[0].nom"},
      {R"({"service_level":"gold"})", "service_level: must be one of: basic standard premium",
       "service_level"},
  };
  for (const auto& c : cases) {
    auto p = TenantPatchFromJson(*ParseJson(c.body));
    ASSERT_FALSE(p.ok()) << c.body;
    EXPECT_EQ(p.status().message(), c.message) << c.body;
    EXPECT_EQ(p.status().field(), c.field) << c.body;
  }
}

TEST(TenantPatch, CreateNeedsNameAndCode) {
  Tenant t;
  EXPECT_EQ(ApplyTenantPatch(TenantPatch{}, true, t).field(), "name");
  TenantPatch p;
  p.name = "x";
  EXPECT_EQ(ApplyTenantPatch(p, true, t).field(), "credit_code");
}

TEST(TenantCodec, RoundTrips) {
  Tenant t;
  t.id = TenantId("01ABC");
  t.name = "某公司";
  t.credit_code = "91440300708461136T";
  t.contacts = {{"李四", "13900000000", "li@example.cn"}};
  t.service_level = ServiceLevel::kPremium;
  t.created_at = FromUnixMillis(1795305600000);
  t.updated_at = FromUnixMillis(1795305600500);
  auto back = TenantFromJson(ToJson(t));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(ToJson(*back), ToJson(t));
}

}  // namespace
}  // namespace sw::model
