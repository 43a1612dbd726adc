// SPDX-License-Identifier: Apache-2.0
//
// StaticFiles: the built web console, loaded into memory once at start-up
// (a few MB) and served from there: no file system access per request, so no
// path traversal is possible. Unknown paths without a file extension get
// index.html (the console's client-side routes). Immutable after Load, so
// thread-safe.
#pragma once

#include <map>
#include <string>

#include "core/status.h"
#include "sys/http_types.h"

namespace sw::api {

class StaticFiles {
 public:
  // Loads every regular file under `dir` (at most 64 MiB in all). A missing
  // folder is not an error: Serve() then explains how to build the console.
  Status Load(const std::string& dir);
  sys::HttpResponse Serve(const std::string& path) const;
  size_t file_count() const { return files_.size(); }

 private:
  struct File {
    std::string body;
    std::string content_type;
  };
  std::map<std::string, File> files_;  // "/assets/index-abc.js"
};

}  // namespace sw::api
