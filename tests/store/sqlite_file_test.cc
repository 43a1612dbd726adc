// SPDX-License-Identifier: Apache-2.0
//
// What the SQLite backend does with files it did not expect: a newer schema,
// garbage, a truncated database. Each gives a clear error, never a crash.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "store/open.h"
#include "store/testing/scopes.h"
#include "support/temp_dir.h"

namespace sw::store {
namespace {

TEST(SqliteFile, CreatesAndReopens) {
  sw::testing::TempDir dir;
  const std::string url = "sqlite:" + dir.file("db");
  {
    auto s = OpenStore({.url = url});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_EQ((*s)->schema_version(), 6);
  }
  auto again = OpenStore({.url = url, .create = false});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
}

TEST(SqliteFile, UpgradesAVersionOneDatabaseKeepingItsRows) {
  sw::testing::TempDir dir;
  const std::string path = dir.file("db");
  ASSERT_TRUE(OpenStore({.url = "sqlite:" + path}).ok());
  // Turn it back into what the first release wrote: no scanning tables.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const char* downgrade =
      "DROP TABLE intel_indicators; DROP TABLE intel_objects; DROP TABLE intel_partner_clients; "
      "DROP TABLE intel_partners; DROP TABLE intel_collections; DROP TABLE intel_statuses; "
      "DROP TABLE intel_taxii_remotes; DROP TABLE alerts; DROP TABLE scan_changes; DROP TABLE scan_findings; "
      "DROP TABLE scan_observations; "
      "DROP TABLE scan_runs; DROP TABLE scan_schedule_assets; DROP TABLE scan_schedules; "
      "DROP TABLE scan_policies; "
      "INSERT INTO tenants (id, kind, name, service_level, created_at, updated_at) "
      "VALUES ('T1', 'enterprise', '甲公司', 'basic', 0, 0); PRAGMA user_version=1;";
  ASSERT_EQ(sqlite3_exec(db, downgrade, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto s = OpenStore({.url = "sqlite:" + path});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->schema_version(), 6);
  auto tx = (*s)->Begin(Store::Mode::kRead);
  ASSERT_TRUE(tx.ok());
  EXPECT_TRUE((*tx)->tenants().Get(testing::TestScopes::All(), model::TenantId("T1")).ok());
  EXPECT_TRUE((*tx)->scans().ListPolicies({})->items.empty());
}

TEST(SqliteFile, UpgradesAVersionFourDatabaseMovingIntelIntoTheSharedCollection) {
  sw::testing::TempDir dir;
  const std::string path = dir.file("db");
  {
    auto s = OpenStore({.url = "sqlite:" + path});
    ASSERT_TRUE(s.ok());
    auto tx = (*s)->Begin(Store::Mode::kWrite);
    model::IntelObject o{.id = "indicator--11111111-1111-4111-8111-111111111111", .type = "indicator",
                         .version = "2026-01-01T00:00:00.000Z", .owner = "center", .tlp = model::Tlp::kGreen,
                         .json = "{}"};
    ASSERT_TRUE((*tx)->intel().PutObject(o).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  // What version 4 wrote: no collections, statuses or warnings.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const char* downgrade =
      "DROP INDEX intel_objects_collection; DROP INDEX intel_objects_id; "
      "ALTER TABLE intel_objects DROP COLUMN collection_id; ALTER TABLE intel_indicators DROP COLUMN warnings; "
      "DROP TABLE intel_collections; DROP TABLE intel_statuses; DROP TABLE intel_taxii_remotes; PRAGMA user_version=4;";
  ASSERT_EQ(sqlite3_exec(db, downgrade, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
  auto s = OpenStore({.url = "sqlite:" + path});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->schema_version(), 6);
  auto tx = (*s)->Begin(Store::Mode::kRead);
  auto objects = (*tx)->intel().ListObjects({.reader = model::IntelReader::Center()});
  ASSERT_TRUE(objects.ok()) << objects.status().ToString();
  ASSERT_EQ(objects->size(), 1u);
  EXPECT_EQ(objects->at(0).collection, model::kSharedCollectionId);
}

TEST(SqliteFile, NewerSchemaIsAClearError) {
  sw::testing::TempDir dir;
  const std::string path = dir.file("db");
  ASSERT_TRUE(OpenStore({.url = "sqlite:" + path}).ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto s = OpenStore({.url = "sqlite:" + path});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.status().message().find("schema version 99 is newer than this program supports (6)"),
            std::string::npos)
      << s.status().message();
}

TEST(SqliteFile, GarbageFileIsDataLoss) {
  sw::testing::TempDir dir;
  const std::string path = dir.file("db");
  std::ofstream(path) << std::string(8192, 'x');
  auto s = OpenStore({.url = "sqlite:" + path});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(s.status().message().find("not a Shouwang database, or the file is damaged"), std::string::npos)
      << s.status().message();
}

TEST(SqliteFile, CorruptedPagesAreDataLoss) {
  sw::testing::TempDir dir;
  const std::string path = dir.file("db");
  {
    auto s = OpenStore({.url = "sqlite:" + path});
    ASSERT_TRUE(s.ok());
  }
  // Keep the valid header, overwrite the schema page's contents.
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(100);
  const std::string junk(3000, '\x5a');
  f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  f.close();
  std::remove((path + "-wal").c_str());
  auto s = OpenStore({.url = "sqlite:" + path});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kDataLoss) << s.status().ToString();
}

TEST(SqliteFile, UnknownBackendAndMissingFile) {
  EXPECT_EQ(OpenStore({.url = "mongodb:x"}).status().message(),
            "store.url: unknown storage backend \"mongodb\"");
  EXPECT_EQ(OpenStore({.url = "nocolon"}).status().field(), "store.url");
  sw::testing::TempDir dir;
  EXPECT_EQ(OpenStore({.url = "sqlite:" + dir.file("nope"), .create = false}).status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace sw::store
